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

    /// Many distinct fields (far beyond the first table size, so it grows several times), each
    /// new once, then listed or written in later entries with the span recorded for it.
    @Test func writtenFactsRemembersEveryField() {
        final class Record {}
        let records = (0..<300).map { _ in Record() }
        let facts = WrittenFacts(expected: 10)
        for (r, record) in records.enumerated() {
            for field in 0..<3 {
                guard case .new(let slot) = facts.visit(address: UInt(bitPattern: ObjectIdentifier(record)), field: field, entry: 1) else {
                    Issue.record("record \(r) field \(field) is not new"); return
                }
                facts.setText(r * 10 + field ..< r * 10 + field + 1, of: slot)
            }
        }
        for (r, record) in records.enumerated() {
            for field in 0..<3 {
                guard case .listedInEntry = facts.visit(address: UInt(bitPattern: ObjectIdentifier(record)), field: field, entry: 1) else {
                    Issue.record("record \(r) field \(field) is not listed"); return
                }
                guard case .written(let span) = facts.visit(address: UInt(bitPattern: ObjectIdentifier(record)), field: field, entry: 2) else {
                    Issue.record("record \(r) field \(field) is not written"); return
                }
                #expect(span == r * 10 + field ..< r * 10 + field + 1)
            }
        }
        guard case .new = facts.visit(address: UInt(bitPattern: ObjectIdentifier(records[0])), field: 3, entry: 2) else { Issue.record("field 3 is not new"); return }
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
