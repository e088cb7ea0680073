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

    @Test("each record's fields have their own fact numbers, together 0 ..< n", arguments: EngineTests.examples)
    func factNumbers(example: String) {
        var records: [ObjectIdentifier: ObjectValue] = [:]
        func visit(_ v: Value) {
            switch v {
            case .object(let o):
                guard records.updateValue(o, forKey: ObjectIdentifier(o)) == nil else { return }
                for i in 0..<o.count { visit(o.field(i)) }
            case .list(let items): items.forEach(visit)
            default: break
            }
        }
        let root = CaseGraph().build(CounterfactualTests.file(example))
        visit(root)
        let facts = records.values.flatMap { o in (0..<o.count).map { o.index + $0 } }.sorted()
        #expect(!facts.isEmpty && facts == Array(0..<facts.count))
        #expect(CaseGraph.FactNumbers.count(of: root) == facts.count)
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

    @Test("incidents' lists of people and kinds hold the right members and kinds, shared or not", arguments: [3, 40])
    func incidentLists(count: Int) throws {
        // Incident i names member m(i % 3) as perpetrator and m(i % count) as victim, and has
        // kinds cycling through three lists, so lists repeat and (for 40) exceed the shared limit.
        let members = (0..<count).map { #"{"id":"m\#($0)","age":30}"# }.joined(separator: ",")
        let kindLists = [#"["physical"]"#, #"["threat","stalking"]"#, #"["physical"]"#]
        let incidents = (0..<40).map { i in
            #"{"date":"2024-01-01","kinds":\#(kindLists[i % 3]),"perpetrators":["m\#(i % 3)"],"victims":["m\#(i % count)","m0"]}"#
        }.joined(separator: ",")
        let file = try #require(TestSupport.decode(TestSupport.caseJSON(#""incidents":[\#(incidents)]"#, members: "[\(members)]")))
        guard case .object(let root) = CaseGraph().build(file), case .list(let people) = root.fields[2],
              case .list(let list) = root.fields[4] else {
            Issue.record("unexpected case graph")
            return
        }
        #expect(list.count == 40)
        func ids(_ v: Value) -> [String] {
            guard case .list(let items) = v else { return ["not a list"] }
            return items.map { item in
                guard case .object(let o) = item, case .string(let id) = o.fields[0] else { return "not a member" }
                #expect(people.contains { if case .object(let p) = $0 { return p === o } else { return false } })
                return id
            }
        }
        for (i, v) in list.enumerated() {
            guard case .object(let inc) = v else {
                Issue.record("incident \(i) is not a record")
                continue
            }
            #expect(ids(inc.fields[2]) == ["m\(i % 3)"])
            #expect(ids(inc.fields[3]) == ["m\(i % count)", "m0"])
            #expect(ids(inc.fields[4]) == [])
            let kinds: [Value] = i % 3 == 1 ? [.string("threat"), .string("stalking")] : [.string("physical")]
            #expect(inc.fields[1] == .list(kinds))
        }
    }
}
