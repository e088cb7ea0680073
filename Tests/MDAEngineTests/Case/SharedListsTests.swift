import CEL
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
        // 0 marks empty slots: never a key.
        #expect(table.position(of: 0) == nil)
        let refused = !table.add(0, at: 1)
        #expect(refused)
    }

    @Test("a reserved table finds what it had and what is added after, up to its limit")
    func reserve() {
        var table = SharedLists()
        var added = 0
        for k in 1...UInt64(20) where table.add(k &* 0x1_0000_0001, at: Int(k)) { added += 1 }
        table.reserve(300)
        table.reserve(10)   // never shrinks
        for k in 21...UInt64(300) where table.add(k &* 0x1_0000_0001, at: Int(k)) { added += 1 }
        #expect(added == 300)
        for k in 1...UInt64(300) { #expect(table.position(of: k &* 0x1_0000_0001) == Int(k)) }
        #expect(table.position(of: 301 &* 0x1_0000_0001) == nil)
        var big = SharedLists()
        big.reserve(1_000_000)
        let n = SharedLists.capacityLimit / 2
        var bigAdded = 0
        for k in 1...UInt64(n + 1) where big.add(k, at: Int(k)) { bigAdded += 1 }
        #expect(bigAdded == n)
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

    @Test("a case built by hand, with its own buffers and empty lists, gets the same graph lists")
    func handBuiltCase() throws {
        var file = CaseFile(caseId: "h", referenceDate: try #require(CaseDate(year: 2025, month: 6, day: 30)),
                            members: [CaseFile.Member(id: "a", age: 30), CaseFile.Member(id: "b", age: 5)])
        let day = try #require(CaseDate(year: 2025, month: 1, day: 1))
        var first = CaseFile.Incident(date: day, kinds: [])
        first.victims = ["b", "a"]
        var second = CaseFile.Incident(date: day, kinds: [.threat])
        second.victims = ["b"] + ["a"]   // equal, in a buffer of its own
        second.witnesses = first.victims  // the same buffer again
        file.incidents = [first, second]
        guard case .object(let root) = CaseGraph().build(file), case .list(let incidents) = root.field(4),
              case .object(let i0) = incidents[0], case .object(let i1) = incidents[1] else {
            Issue.record("unexpected case graph")
            return
        }
        func ids(_ v: Value) -> [String] {
            guard case .list(let items) = v else { return ["not a list"] }
            return items.map { if case .object(let m) = $0, case .string(let id) = m.field(0) { id } else { "?" } }
        }
        #expect(i0.field(1) == .list([]) && i1.field(1) == .list([.string("threat")]))
        #expect(ids(i0.field(3)) == ["b", "a"] && ids(i1.field(3)) == ["b", "a"] && ids(i1.field(4)) == ["b", "a"])
        #expect(ids(i0.field(2)) == [] && ids(i0.field(4)) == [])
    }
}
