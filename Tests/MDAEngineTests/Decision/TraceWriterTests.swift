import ByteJSON
import CEL
import Foundation
import Testing
@testable import MDAEngine

/// The trace writer copies repeated facts instead of encoding them again; these tests hold it
/// to a plain encoding of the same trace and test its tables on their own.
@Suite("Trace writing")
struct TraceWriterTests {
    static let examples = ["intimate-terror-escalation.json", "unknown-household-provisional.json",
                           "synthetic-typical.json", "synthetic-large.json"]

    /// The trace as written by the obvious loops: every entry's facts deduplicated by pointer
    /// and by slot, keys built as strings, values encoded each time.
    static func plainTrace(_ d: Decision) -> [UInt8] {
        var w = JSONWriter()
        w.beginArray()
        for e in d.trace {
            w.beginObject()
            w.key("rule"); w.string(e.rule)
            w.key("result"); DecisionWriter.value(e.result, &w)
            w.key("facts")
            w.beginObject()
            var pointers: Set<String> = [], slots: Set<Int> = []
            for read in e.fieldReads where pointers.insert(read.pointer).inserted {
                w.key(read.pointer); DecisionWriter.value(read.value, &w)
            }
            for read in e.ruleReads where slots.insert(read.slot).inserted {
                w.key(read.rule); DecisionWriter.value(read.value, &w)
            }
            if let n = e.reasonLength {
                w.key("/professionalJudgement/reason")
                w.beginObject(); w.key("length"); w.int(n); w.endObject()
            }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        return w.bytes
    }

    @Test("the trace equals a plain encoding of it", arguments: examples)
    func traceEqualsPlainEncoding(example: String) throws {
        let input = [UInt8](FileManager.default.contents(atPath: TestSupport.root.appendingPathComponent("Fixtures/examples/\(example)").path)!)
        let decision = try TestSupport.engine.evaluate(json: input).get()
        let written = try JSONReader().read(DecisionWriter.bytes(decision))
        var trace = JSONWriter()
        trace.value(try #require(written["trace"]))
        #expect(trace.bytes == TraceWriterTests.plainTrace(decision))
        // Facts do repeat across entries in these cases, so the copying path is exercised.
        var pointers = 0, distinct: Set<String> = []
        for e in decision.trace { for read in e.fieldReads { pointers += 1; distinct.insert(read.pointer) } }
        #expect(distinct.count < pointers)
    }

    @Test func sameTextIsConservative() {
        let member = ObjectValue.make(type: CaseSchema.member, fields: Array(repeating: .null, count: CaseSchema.member.fields.count), path: "/members/0")
        let twin = ObjectValue.make(type: CaseSchema.member, fields: Array(repeating: .null, count: CaseSchema.member.fields.count), path: "/members/0")
        #expect(TraceWriter.sameText(.list([.object(member), .int(1)]), .list([.object(member), .int(1)])))
        #expect(!TraceWriter.sameText(.list([.object(member)]), .list([.object(twin)])))
        #expect(!TraceWriter.sameText(.list([.int(1)]), .list([.int(1), .int(2)])))
        #expect(!TraceWriter.sameText(.int(1), .uint(1)))
        #expect(!TraceWriter.sameText(.double(0.0), .double(-0.0)))
        #expect(TraceWriter.sameText(.string("a"), .string("a")) && !TraceWriter.sameText(.string("a"), .string("b")))
        // Equal as Strings, but written as different bytes.
        #expect("\u{E9}" == "e\u{301}" && !TraceWriter.sameText(.string("\u{E9}"), .string("e\u{301}")))
        #expect(TraceWriter.sameText(.null, .null) && !TraceWriter.sameText(.null, .bool(false)))
    }

    /// Every fact of a table written once, in any order, with the span recorded for it; a
    /// reset forgets them all and makes room for more.
    @Test func writtenFactsRemembersEveryFact() {
        let facts = WrittenFacts(facts: 300)
        let order = (0..<300).map { ($0 * 7) % 300 }   // 7 and 300 are coprime: every fact once
        for fact in order {
            #expect(facts.text(fact) == nil)
            facts.setText(fact * 10 ..< fact * 10 + 3, of: fact)
        }
        for fact in 0..<300 { #expect(facts.text(fact) == fact * 10 ..< fact * 10 + 3) }
        facts.reset(facts: 1000)
        #expect(facts.text(0) == nil && facts.text(999) == nil)
        facts.setText(5..<6, of: 999)
        #expect(facts.text(999) == 5..<6 && facts.text(299) == nil)
        facts.reset(facts: 10)   // smaller: the room stays, the texts go
        #expect(facts.text(999) == nil)
    }

    /// Key heads by record: unknown until recorded, then found, forgotten on reset; a head too
    /// long to pack is not recorded.
    @Test func writtenFactsRemembersKeyHeads() {
        let facts = WrittenFacts(facts: 100)
        #expect(facts.head(0) == nil && facts.head(99) == nil)
        facts.setHead(0..<1, of: 0)
        facts.setHead(123_456_789 ..< 123_456_800, of: 99)
        #expect(facts.head(0) == 0..<1 && facts.head(99) == 123_456_789 ..< 123_456_800 && facts.head(50) == nil)
        facts.setHead(0 ..< 1 << 20, of: 50)
        #expect(facts.head(50) == nil)
        facts.reset(facts: 100)
        #expect(facts.head(0) == nil && facts.head(99) == nil)
    }

    /// Lists by buffer address: unknown until written, then found; another address is not.
    @Test func writtenListsRemembersLists() {
        let lists = WrittenLists()
        let buffers = (0..<8).map { _ in UnsafeMutablePointer<Value>.allocate(capacity: 1) }
        defer { buffers.forEach { $0.deallocate() } }
        let addresses = buffers.map { UInt(bitPattern: $0) }
        #expect(lists.text(addresses[0]) == nil)
        lists.setText(10..<20, of: addresses[0])
        #expect(lists.text(addresses[0]) == 10..<20)
        #expect(lists.text(addresses[1]) == nil)
        // A slot holds one list: whichever was written last there is found, no other.
        for (i, a) in addresses.enumerated() { lists.setText(i ..< i + 1, of: a) }
        let last = addresses.last!
        #expect(lists.text(last) == 7..<8)
        for (i, a) in addresses.enumerated() {
            if let text = lists.text(a) { #expect(text == i ..< i + 1) }
        }
    }

    /// Slots beyond the first table size (so it grows), listed per entry, with the latest text
    /// written for each and texts forgotten on request.
    @Test func writtenRulesRemembersEverySlot() {
        let values: [Value] = (0..<40).map { .int($0) }
        values.withUnsafeBufferPointer { values in
            let rules = WrittenRules(slots: 4)
            for slot in 0..<40 {
                #expect(!rules.isListed(slot, in: 1))
                #expect(rules.list(slot, in: 1) == nil)
                #expect(rules.isListed(slot, in: 1) && !rules.isListed(slot, in: 2))
                rules.setText(WrittenRules.Text(value: values.baseAddress! + slot, start: slot, end: slot + 1), of: slot)
            }
            for slot in 0..<40 {
                let text = rules.list(slot, in: 2)
                #expect(text?.value == values.baseAddress! + slot && text?.start == slot && text?.end == slot + 1)
            }
            rules.setText(WrittenRules.Text(value: values.baseAddress!, start: 100, end: 101), of: 7)
            #expect(rules.list(7, in: 3)?.start == 100)
            rules.forgetTexts()
            #expect(rules.isListed(7, in: 3) && rules.list(7, in: 4) == nil)
        }
    }

    @Test func fieldPointerTails() {
        var tails = FieldPointerTails.schema
        func tail(_ type: ObjectType, _ field: Int) -> [UInt8] {
            let range = tails.range(type, field)
            return Array(tails.bytes[range])
        }
        for type in [CaseSchema.case, CaseSchema.member, CaseSchema.factors, CaseSchema.agency, CaseSchema.trajectory] {
            for (i, field) in type.fields.enumerated() { #expect(tail(type, i) == Array(("/" + field.name).utf8)) }
        }
        let other = ObjectType(name: "test.Other", fields: [("a\"b", .int), ("é", .string)])
        #expect(tail(other, 0) == Array(#"/a\"b"#.utf8))
        #expect(tail(other, 1) == Array("/é".utf8))
        #expect(tail(CaseSchema.member, 0) == Array("/id".utf8))
    }

    @Test func dateTextIsTheDescription() {
        for days in [-1_000_000, -719_529, -719_528, -1, 0, 1, 20_000, 2_932_896, 2_932_897, 5_000_000] {
            let date = CaseDate(daysSinceEpoch: days)
            #expect(date.withText { String(decoding: $0, as: UTF8.self) } == date.description)
        }
    }
}
