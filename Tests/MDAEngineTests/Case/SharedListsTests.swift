import Testing
@testable import MDAEngine

@Suite("Shared lists")
struct SharedListsTests {
    @Test("every key added is found with its position, across growth; other keys are not")
    func addAndFind() {
        var table = SharedLists()
        #expect(table.position(of: 7) == nil)
        // Keys that differ only in high bits, low bits or both, so slots collide.
        let keys: [UInt64] = (1...300).map { UInt64($0) &* 0x1_0000_0001 } + (1...100).map { UInt64($0) << 56 }
        for (i, k) in keys.enumerated() {
            let added = table.add(k, at: i)
            #expect(added)
            #expect(table.position(of: k) == i)
        }
        for (i, k) in keys.enumerated() { #expect(table.position(of: k) == i) }
        #expect(table.position(of: 0x1_0000_0001 &* 301) == nil)
        #expect(table.position(of: 3) == nil)
    }

    @Test("past its limit the table keeps what it has and refuses more")
    func limit() {
        var table = SharedLists()
        let n = SharedLists.capacityLimit / 2
        var added = 0
        for k in 1...UInt64(n) where table.add(k, at: Int(k)) { added += 1 }
        #expect(added == n)
        let refused = !table.add(UInt64(n) + 1, at: 0)
        #expect(refused)
        #expect(table.position(of: UInt64(n) + 1) == nil)
        #expect(table.position(of: UInt64(n)) == n)
    }

    @Test("a decoded case gives equal lists of kinds and of people one buffer, and different lists their own")
    func decodedListsShare() throws {
        let incidents = [
            #"{"date":"2024-01-01","kinds":["physical","threat"],"perpetrators":["a"],"victims":["b","a"]}"#,
            #"{"date":"2024-01-02","kinds":["physical","threat"],"perpetrators":["a"],"victims":["b","a"],"witnesses":["b"]}"#,
            #"{"date":"2024-01-03","kinds":["threat","physical"],"perpetrators":["b"],"victims":["a","b"],"witnesses":["a"]}"#,
        ].joined(separator: ",")
        let file = try #require(TestSupport.decode(TestSupport.caseJSON(#""incidents":[\#(incidents)]"#)))
        func buffer<T>(_ list: [T]) -> UInt64 { CaseGraph.Lists.identity(list) }
        let i = file.incidents
        #expect(i[0].kinds == [.physical, .threat] && i[2].kinds == [.threat, .physical])
        #expect(buffer(i[0].kinds) == buffer(i[1].kinds) && buffer(i[0].kinds) != buffer(i[2].kinds))
        #expect(buffer(i[0].perpetrators) == buffer(i[1].perpetrators) && buffer(i[0].victims) == buffer(i[1].victims))
        #expect(buffer(i[1].witnesses) == buffer(i[2].perpetrators) && i[2].perpetrators == ["b"])
        #expect(i[2].victims == ["a", "b"] && buffer(i[2].victims) != buffer(i[0].victims))
        #expect(i[0].witnesses.isEmpty)
    }

    @Test("lists too long to pack (over 8 people, over 16 kinds) read as they are; bad kinds keep their paths")
    func longAndBadLists() throws {
        let people = Array(repeating: #""a","b""#, count: 5).joined(separator: ",")   // 10 references
        let kinds = Array(repeating: #""physical""#, count: 17).joined(separator: ",")
        let incident = #"{"date":"2024-01-01","kinds":[\#(kinds)],"victims":[\#(people)],"witnesses":[\#(people)]}"#
        let file = try #require(TestSupport.decode(TestSupport.caseJSON(#""incidents":[\#(incident),\#(incident)]"#)))
        #expect(file.incidents.count == 2)
        for i in file.incidents {
            #expect(i.kinds == Array(repeating: .physical, count: 17))
            #expect(i.victims == Array(repeating: ["a", "b"], count: 5).flatMap { $0 } && i.witnesses == i.victims)
        }
        let bad = [
            #"{"date":"2024-01-01","kinds":null}"#, #"{"date":"2024-01-01","kinds":"physical"}"#,
            #"{"date":"2024-01-01","kinds":["physical",3,null,"nope"]}"#,
        ].joined(separator: ",")
        #expect(TestSupport.errors(TestSupport.caseJSON(#""incidents":[\#(bad)]"#)) == [
            "/incidents/0/kinds missing", "/incidents/1/kinds type", "/incidents/2/kinds/1 type",
            "/incidents/2/kinds/2 missing", "/incidents/2/kinds/3 enum",
        ])
    }
}
