import CEL
import Testing
@testable import MDAEngine

@Suite("Case graph")
struct CaseGraphTests {
    /// A case with `count` members `m0`, `m1`, … and relationships from each to the next.
    static func file(members count: Int) -> CaseFile? {
        let members = (0..<count).map { #"{"id":"m\#($0)","age":\#(20 + $0)}"# }.joined(separator: ",")
        let rels = (0..<count - 1).map { #"{"a":"m\#($0)","b":"m\#($0 + 1)","kind":"sibling"}"# }.joined(separator: ",")
        return TestSupport.decode(TestSupport.caseJSON(#""relationships":[\#(rels)]"#, members: "[\(members)]"))
    }

    @Test("relationships hold the members themselves, found by id", arguments: [2, 16, 17, 40])
    func references(count: Int) throws {
        let file = try #require(Self.file(members: count))
        guard case .object(let root) = CaseGraph().build(file), case .list(let members) = root.fields[2],
              case .list(let rels) = root.fields[3] else {
            Issue.record("unexpected case graph")
            return
        }
        #expect(members.count == count && rels.count == count - 1)
        for (i, r) in rels.enumerated() {
            guard case .object(let rel) = r, case .object(let a) = rel.fields[0], case .object(let b) = rel.fields[1],
                  case .object(let mi) = members[i], case .object(let next) = members[i + 1] else {
                Issue.record("relationship \(i) does not hold two members")
                continue
            }
            #expect(a === mi && b === next)
        }
    }
}
