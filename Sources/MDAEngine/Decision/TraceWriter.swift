import ByteJSON
import CEL

/// Writes a decision's trace entries, each listing the facts its rule read.
///
/// Each pointer or rule is listed once per entry, at its first read. Most facts are read by
/// several rules, so a fact's `"key":value` text is written once and later entries copy it
/// from the output (``JSONWriter/repeatSpan(_:)``) instead of encoding it again.
struct TraceWriter {
    /// Case fields written so far.
    private var fields: WrittenFacts
    /// Per rule slot + 1 (slot -1, facts that are not rules, share index 0): the last entry
    /// that listed it and, for rules, the value and span of its first text.
    private var rules: [WrittenRule]
    private var tails = FieldPointerTails.schema
    /// The current entry, from 1.
    private var entry = 0

    /// A writer for a trace whose rule reads have slots below `slots`, with `fieldReads` field
    /// reads in all.
    init(slots: Int, fieldReads: Int) {
        rules = Array(repeating: WrittenRule(), count: slots + 1)
        // About one in ten of a trace's field reads is a distinct field in the sample cases.
        fields = WrittenFacts(expected: fieldReads / 8)
    }

    /// A rule read listed before.
    private struct WrittenRule {
        var entry = 0
        var value: Value = .null
        var text: Range<Int> = 0..<0
    }

    /// Writes one entry: the rule, its result and the facts it read.
    mutating func write(_ e: TraceEntry, to w: inout JSONWriter) {
        entry += 1
        w.beginObject()
        w.key(raw: "rule"); w.string(e.rule)
        w.key(raw: "result"); DecisionWriter.value(e.result, &w)
        w.key(raw: "facts")
        w.beginObject()
        e.fieldReads.withUnsafeBufferPointer { reads in
            for i in reads.indices { writeField(reads[i], to: &w) }
        }
        e.ruleReads.withUnsafeBufferPointer { reads in
            for i in reads.indices { writeRule(reads[i], to: &w) }
        }
        if let n = e.reasonLength {
            w.key(raw: "/professionalJudgement/reason")
            w.beginObject(); w.key(raw: "length"); w.int(n); w.endObject()
        }
        w.endObject()
        w.endObject()
    }

    /// A field's pointer is its record's path plus "/name"; records of one case have distinct
    /// paths, so the (record, field) pair identifies the pointer without building it, and records
    /// are immutable, so the pair also fixes the value.
    private mutating func writeField(_ read: FieldRead, to w: inout JSONWriter) {
        let object = read.object, field = read.field
        switch fields.visit(ObjectIdentifier(object), field, entry: entry) {
        case .listedInEntry: return
        case .written(let text): w.repeatSpan(text)
        case .new(let slot):
            let start = w.beginSpan()
            let tail = tails.range(object.type, field)
            tails.bytes.withUnsafeBufferPointer { bytes in
                w.key(object.path ?? "", escapedTail: UnsafeBufferPointer(rebasing: bytes[tail]))
            }
            object.fields.withUnsafeBufferPointer { DecisionWriter.value($0[field], &w) }
            fields.setText(start..<w.count, of: slot)
        }
    }

    /// Rule names never start with "/", so they cannot collide with pointers. A slot always has
    /// the same name; its value is the same in every entry except for loop variables, so a
    /// repeat is copied only when its value would be written the same.
    private mutating func writeRule(_ read: RuleRead, to w: inout JSONWriter) {
        let index = read.slot + 1
        if rules[index].entry == entry { return }
        rules[index].entry = entry
        if index > 0, !rules[index].text.isEmpty, TraceWriter.sameText(rules[index].value, read.value) {
            w.repeatSpan(rules[index].text)
            return
        }
        let start = w.beginSpan()
        w.key(read.rule); DecisionWriter.value(read.value, &w)
        if index > 0 {
            rules[index].value = read.value
            rules[index].text = start..<w.count
        }
    }

    /// Whether `a` and `b` certainly have the same trace JSON (``DecisionWriter/value(_:_:)``);
    /// false when unsure.
    static func sameText(_ a: Value, _ b: Value) -> Bool {
        // One value at a time: switching over the pair would copy both.
        switch a {
        case .null: if case .null = b { return true }
        case .unknown: if case .unknown = b { return true }
        case .error: if case .error = b { return true }
        case .bool(let x): if case .bool(let y) = b { return x == y }
        case .int(let x): if case .int(let y) = b { return x == y }
        case .uint(let x): if case .uint(let y) = b { return x == y }
        case .double(let x): if case .double(let y) = b { return x.bitPattern == y.bitPattern }
        case .string(let x): if case .string(let y) = b { return x == y }
        case .timestamp(let x): if case .timestamp(let y) = b { return x == y }
        case .object(let x): if case .object(let y) = b { return x === y }
        case .list(let x):
            guard case .list(let y) = b, x.count == y.count else { return false }
            return x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    // A slot's value is usually the very same array each time it is read.
                    if x.baseAddress == y.baseAddress { return true }
                    for i in x.indices where !sameText(x[i], y[i]) { return false }
                    return true
                }
            }
        default: break
        }
        return false
    }
}
