import CEL
import Testing
@testable import MDAEngine

@Suite("TraceRecorder")
struct TraceRecorderTests {
    /// An assessment record numbered `index` (its fields are facts `index ..< index + 5`).
    static func record(index: Int = 0) -> ObjectValue {
        ObjectValue.make(type: CaseSchema.assessment, fields: [.null, .bool(true), .bool(false), .int(3), .string("x")],
                    path: "/assessment", index: index)
    }

    @Test("a rule's repeated reads of a fact are recorded once, at the first, and again by the next rule")
    func repeats() {
        let a = Self.record(index: 0), b = Self.record(index: 5)
        let recorder = TraceRecorder(slotNames: [])
        #expect(recorder.startRule() == 0)
        recorder.didRead(object: a, field: 1, value: a.fields[1])
        recorder.didRead(object: a, field: 1, value: a.fields[1])
        recorder.didRead(object: b, field: 1, value: b.fields[1])   // same field of another record
        recorder.didRead(object: b, field: 2, value: b.fields[2])
        recorder.didRead(object: b, field: 1, value: b.fields[1])   // not in a row
        recorder.didRead(object: a, field: 1, value: a.fields[1])
        #expect(recorder.fields.map { [ObjectIdentifier($0.object) == ObjectIdentifier(a) ? 0 : 1, $0.field] }
                == [[0, 1], [1, 1], [1, 2]])
        #expect(recorder.fields.map(\.fact) == [1, 6, 7])
        #expect(recorder.startRule() == 3)
        recorder.didRead(object: b, field: 1, value: b.fields[1])
        recorder.didRead(object: a, field: 1, value: a.fields[1])
        recorder.didRead(object: b, field: 1, value: b.fields[1])
        #expect(recorder.fields.map(\.fact) == [1, 6, 7, 6, 1])
        #expect(recorder.fieldCount == 5)
        #expect(recorder.factCapacity > 7)
    }

    @Test("facts numbered past the table's room are recorded, and reads before the first rule too")
    func growth() {
        let far = Self.record(index: 5000)
        let recorder = TraceRecorder(slotNames: [])
        recorder.didRead(object: far, field: 4, value: far.fields[4])
        recorder.didRead(object: far, field: 4, value: far.fields[4])
        #expect(recorder.fields.map(\.fact) == [5004])
        #expect(recorder.factCapacity > 5004)
    }

    @Test("reads of records are not recorded and do not break a repeat")
    func records() {
        let a = Self.record()
        let recorder = TraceRecorder(slotNames: [])
        _ = recorder.startRule()
        recorder.didRead(object: a, field: 3, value: a.fields[3])
        recorder.didRead(object: a, field: 0, value: .object(Self.record()))
        recorder.didRead(object: a, field: 3, value: a.fields[3])
        #expect(recorder.fields.map(\.field) == [3])
    }

    @Test("a read of a stored value in place records what the read with its value records")
    func storedValueReads() {
        let incident = ObjectValue.make(type: CaseSchema.assessment, fields: [.object(Self.record()), .bool(true),
                                                                          .list([.object(Self.record())]), .int(3), .string("x")],
                                        path: "/assessment", index: 100)
        let withValues = TraceRecorder(slotNames: []), inPlace = TraceRecorder(slotNames: [])
        _ = withValues.startRule()
        _ = inPlace.startRule()
        for field in [0, 1, 1, 2, 3, 0, 3, 4] {
            withValues.didRead(object: incident, field: field, value: incident.field(field))
            inPlace.didRead(object: incident, field: field)
        }
        #expect(inPlace.fields.map(\.field) == withValues.fields.map(\.field))
        #expect(inPlace.fields.map(\.field) == [1, 3, 4])
    }

    @Test("rule reads are named after their slots; the case itself (slot 0) is not a rule read")
    func ruleReads() {
        let recorder = TraceRecorder(slotNames: ["case", "weapon", "incidents12"])
        recorder.didRead(slot: 0, value: .null)
        recorder.didRead(slot: 2, value: .int(3))
        recorder.didRead(slot: 1, value: .bool(true))
        #expect(recorder.slots.map(\.slot) == [2, 1])
        #expect(recorder.slots.map(\.position) == [0, 1])
        #expect(Array(recorder.owns) == [.int(3), .bool(true)])
        #expect(recorder.slotCount == 2)
        // A trace names them after the slots; a slot past them is a fact that is not a rule.
        recorder.record(own: .null, slot: recorder.slotNames.count)
        let reads = TraceReads(fields: recorder.fields, rules: recorder.slots, owns: recorder.owns, names: recorder.slotNames, root: .null, factCount: 0)
        let all = RuleReads(reads: reads, range: 0..<3)
        #expect(all.map(\.rule) == ["incidents12", "weapon", "/professionalJudgement/escalateTo"])
        #expect(all.map(\.value) == [.int(3), .bool(true), .null])
        #expect(RuleReads(reads: reads, range: 1..<3).map(\.rule) == ["weapon", "/professionalJudgement/escalateTo"])
    }

    @Test("a read of a slot after its rule ran refers to the slot's final value, of a loop variable to its element; others keep theirs")
    func finalReads() {
        // Slot 1 is set by rule 0, slot 2 by rule 1; slot 3 is a loop slot (no rule sets it).
        let recorder = TraceRecorder(slotNames: ["case", "a", "b", ""], slotSetters: [-1, 0, 1, -1])
        _ = recorder.startRule()                            // rule 0
        recorder.didRead(slot: 1, value: .null)             // its own slot, not yet set
        _ = recorder.startRule()                            // rule 1
        recorder.didRead(slot: 1, value: .string("final a"))
        recorder.didRead(slot: 2, value: .null)             // rule 1's own slot, before it is set
        recorder.startLoop(over: [.int(7), .int(8)], slot: 3)
        recorder.didRead(slot: 3, value: .int(7))           // the loop's elements
        recorder.element = 1
        recorder.didRead(slot: 3, value: .int(8))
        recorder.endLoop()
        recorder.didRead(slot: 3, value: .null)             // the loop slot outside its loop
        _ = recorder.startRule()                            // rule 2
        recorder.didRead(slot: 2, value: .bool(true))
        #expect(recorder.slots.map(\.source) == [.own, .final, .own, .element, .element, .own, .final])
        let slotValues: [Value] = [.null, .string("final a"), .bool(true), .null]
        let reads = TraceReads(fields: recorder.fields, rules: recorder.slots, owns: recorder.owns, names: recorder.slotNames, slotValues: slotValues,
                               loops: recorder.loops, root: .null, factCount: 0)
        let all = RuleReads(reads: reads, range: 0..<7)
        #expect(all.map(\.rule) == ["a", "a", "b", "", "", "", "b"])
        #expect(all.map(\.value) == [.null, .string("final a"), .null, .int(7), .int(8), .null, .bool(true)])
    }

    @Test("a trace's field reads hold the records the case value keeps alive")
    func fieldReads() {
        let a = Self.record()
        let recorder = TraceRecorder(slotNames: [])
        _ = recorder.startRule()
        recorder.didRead(object: a, field: 1, value: a.fields[1])
        recorder.didRead(object: a, field: 4, value: a.fields[4])
        let reads = FieldReads(reads: TraceReads(fields: recorder.fields, rules: ReadList(), owns: ReadList(), names: [], root: .object(a), factCount: recorder.factCapacity), range: 1..<2)
        #expect(reads.count == 1)
        #expect(reads.map(\.pointer) == ["/assessment/triage"])
        #expect(reads.first?.value == .string("x"))
        #expect(reads.first?.object === a)
    }
}
