import CEL

/// The event stream of one evaluation: every case field and rule value read, in order.
///
/// The decision's trace, its explanation and rule coverage are all views of this stream.
final class TraceRecorder: EvaluationObserver {
    // One recorder belongs to one evaluation on one thread, so the runtime's dynamic
    // exclusivity checks on these (about a seventh of evaluation time) buy nothing.
    /// Field reads, already in the decision's form (``TraceReads``), so a trace shares this
    /// list; they hold their records unretained, which the evaluation's case value keeps alive.
    let fields = ReadList<FieldRead.Recorded>(capacity: 1024)
    /// Rule reads, already in the decision's form, so a trace shares this list.
    let slots = ReadList<RuleRead.Recorded>(capacity: 512)
    /// The name of each activation slot (``Ruleset/slotNames``).
    let slotNames: [String]
    /// The case schema's member type, read once: a static needs a lazy-initialisation check
    /// at every use.
    private let memberType = CaseSchema.member
    /// The current rule's last field read (`lastField` -1 for none), kept apart so the
    /// repeat test copies no `FieldRead` (a retain and release per read). The record stays
    /// alive in the case value, so its identifier cannot be reused while it is compared.
    @exclusivity(unchecked) private var lastObject: ObjectIdentifier?
    @exclusivity(unchecked) private var lastField = -1

    /// A recorder naming rule reads after `slotNames` (one name per activation slot).
    init(slotNames: [String]) {
        self.slotNames = slotNames
    }

    func didRead(object: ObjectValue, field: Int, value: Value) {
        if isPath(value) { return }
        record(object, field)
    }

    func didRead(object: ObjectValue, field: Int) {
        // The stored value is looked at where it is, not copied.
        if isPath(object.fieldPointer(field).pointee) { return }
        record(object, field)
    }

    /// Whether `value` is a record or a list of records other than members: a path to a leaf,
    /// not a fact itself.
    @inline(__always)
    private func isPath(_ value: Value) -> Bool {
        switch value {
        case .object: return true
        case .list(let items):
            if !items.isEmpty, case .object(let o) = items[0], o.type !== memberType { return true }
            return false
        default: return false
        }
    }

    /// Records a field read (once for a repeat of the previous one).
    @inline(__always)
    private func record(_ object: ObjectValue, _ field: Int) {
        // A condition often reads one field twice in a row (`"a" in i.kinds || "b" in i.kinds`);
        // the trace lists each fact once, so the repeat is not recorded.
        let id = ObjectIdentifier(object)
        if lastField == field && lastObject == id { return }
        lastObject = id
        lastField = field
        fields.append(FieldRead.Recorded(object: object, field: field))
    }

    /// How many field reads were recorded (the index the next one gets).
    var fieldCount: Int { fields.count }

    /// How many rule reads were recorded.
    var slotCount: Int { slots.count }

    /// Marks the start of a rule's reads; returns the index of its first field read.
    func startRule() -> Int {
        lastField = -1
        return fields.count
    }

    func didRead(slot: Int, value: Value) {
        // Slot 0 is the case itself: its fields are recorded as they are read.
        if slot != 0 { slots.append(RuleRead.Recorded(value: value, slot: slot)) }
    }
}
