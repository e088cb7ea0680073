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
    /// The values of the rule reads that keep their own (``RuleRead/Recorded/Source/own``), in
    /// reading order; a trace shares this list too.
    let owns = ReadList<Value>(capacity: 64)
    /// The name of each activation slot (``Ruleset/slotNames``).
    let slotNames: [String]
    /// The case schema's member type, read once: a static needs a lazy-initialisation check
    /// at every use.
    private let memberType = CaseSchema.member
    /// ``readBy``, ``factCapacity`` and ``rule``, lent to the interpreter as its
    /// ``EvaluationObserver/readMarks``: it does not report a fact the current rule has read,
    /// sparing most calls (a rule reads one fact up to thousands of times, in nested loops).
    private let marks: UnsafeMutablePointer<ReadMarks>
    /// Per fact number (``CaseGraph/FactNumbers``), the last rule (counted from 1 by
    /// ``startRule()``) that read it: the trace lists each fact once per rule, so only first
    /// reads are recorded.
    private var readBy: UnsafeMutablePointer<Int32> {
        get { marks.pointee.entries }
        set { marks.pointee.entries = newValue }
    }
    /// The number of facts ``readBy`` has room for.
    private(set) var factCapacity: Int {
        get { marks.pointee.count }
        set { marks.pointee.count = newValue }
    }
    /// The current rule: 1 before the first ``startRule()``, so that no fact (0 in ``readBy``)
    /// counts as read by it.
    private var rule: Int32 {
        get { marks.pointee.mark }
        set { marks.pointee.mark = newValue }
    }

    /// Per slot, the index of the rule that sets it, -1 for none (``Ruleset/slotSetters``).
    private let slotSetters: [Int32]
    /// The `for` lists of the loops run so far (``startLoop(over:slot:)``), which reads of a
    /// loop variable refer to (``RuleRead/Recorded/Source/element``).
    /// A list rather than an array, as ``slots`` is: no uniqueness check per loop, and room
    /// for the loops of a typical ruleset from the start.
    let loops = ReadList<[Value]>(capacity: 64)
    /// The slot of the running loop's variable, -1 outside loops.
    @exclusivity(unchecked) private var loopSlot = -1
    /// The position, in the running loop's `for` list, of the element its variable holds: set
    /// by the loop before each element is evaluated.
    @exclusivity(unchecked) var element: Int32 = 0

    /// A recorder naming rule reads after `slotNames` (one name per activation slot).
    /// - Parameter slotSetters: per slot, the index of the rule whose evaluation sets it (-1
    ///   for none): a read of the slot once that rule has run sees the slot's final value,
    ///   and is recorded without it (``RuleRead/Recorded/init(finalOf:)``). Without it every
    ///   read keeps its value.
    init(slotNames: [String], slotSetters: [Int32] = []) {
        self.slotNames = slotNames
        self.slotSetters = slotSetters
        marks = .allocate(capacity: 1)
        marks.initialize(to: ReadMarks(entries: .allocate(capacity: 0), count: 0, mark: 1))
    }

    deinit {
        readBy.deallocate()
        marks.deallocate()
    }

    /// ``marks``: facts the current rule has read are not reported again.
    var readMarks: UnsafePointer<ReadMarks>? { UnsafePointer(marks) }

    func didRead(object: ObjectValue, field: Int, value: Value) {
        // The value in hand tells a path before the table is read (the interpreter does not
        // consult the marks where it reports values, so marking paths would spare nothing).
        if isPath(value) { return }
        record(object, field) { false }
    }

    func didRead(object: ObjectValue, field: Int) {
        // The stored value is looked at where it is, not copied.
        record(object, field) { isPath(object.fieldPointer(field).pointee) }
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

    /// Records a field read, unless the current rule read that fact before or `isPath` (asked
    /// once per rule and fact) says its value is a path.
    @inline(__always)
    private func record(_ object: ObjectValue, _ field: Int, isPath: () -> Bool) {
        let index = object.index, fact = index &+ field
        if _slowPath(index < 0 || fact >= factCapacity) { makeRoom(index: index, fact: fact) }
        if readBy[fact] == rule { return }
        // A path is marked too, so that the interpreter stops reporting it to this rule: a
        // fact's value never changes, so it would be a path again.
        readBy[fact] = rule
        if isPath() { return }
        fields.append(FieldRead.Recorded(object: object, field: field, fact: fact))
    }

    /// Makes room for facts numbered below `count`: with the case graph's fact count
    /// (``CaseGraph/FactNumbers/count(of:)``) before the first read, so that the table is
    /// allocated once and no larger than needed.
    func reserveFacts(_ count: Int) {
        if count > factCapacity { grow(to: count) }
    }

    /// Grows ``readBy`` to hold `fact`.
    @inline(never)
    private func makeRoom(index: Int, fact: Int) {
        // Traced evaluations read only case-graph records, which are numbered.
        precondition(index >= 0, "a traced record has no fact number")
        grow(to: Swift.max(fact + 1, 2 * factCapacity, 256))
    }

    private func grow(to capacity: Int) {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        larger.update(from: readBy, count: factCapacity)
        // Zero bytes in one fill: an element-wise initialisation is a loop of stores.
        UnsafeMutableRawBufferPointer(start: larger + factCapacity, count: (capacity - factCapacity) * MemoryLayout<Int32>.stride)
            .initializeMemory(as: UInt8.self, repeating: 0)
        readBy.deallocate()
        readBy = larger
        factCapacity = capacity
    }

    /// How many field reads were recorded (the index the next one gets).
    var fieldCount: Int { fields.count }

    /// How many rule reads were recorded.
    var slotCount: Int { slots.count }

    /// Marks the start of a rule's reads; returns the index of its first field read.
    func startRule() -> Int {
        rule &+= 1
        return fields.count
    }

    /// Marks the start of a loop whose variable, in `slot`, holds each of `elements` in turn
    /// (at position ``element``): until ``endLoop()``, reads of `slot` are recorded as the
    /// element's position. `elements` is kept, so it must not change (it is a value: a later
    /// change to the caller's copy would copy it first).
    func startLoop(over elements: [Value], slot: Int) {
        loops.append(elements)
        loopSlot = slot
        element = 0
    }

    /// Marks the end of the loop ``startLoop(over:slot:)`` started.
    func endLoop() { loopSlot = -1 }

    func didRead(slot: Int, value: Value) { record(slot) { value } }

    /// ``didRead(slot:value:)`` with the value read in place: it is copied only for a read
    /// that keeps its own value (a rule reading a slot before the slot's rule has run).
    func didRead(slot: Int, at p: UnsafePointer<Value>) { record(slot) { p.pointee } }

    /// Records a read of `slot` that keeps its own `value` (in ``owns``).
    func record(own value: Value, slot: Int) {
        owns.append(value)
        slots.append(RuleRead.Recorded(own: owns.count &- 1, slot: slot))
    }

    /// Records a read of `slot`; `value` is asked for only when the read keeps its own value.
    @inline(__always)
    private func record(_ slot: Int, _ value: () -> Value) {
        // Slot 0 is the case itself: its fields are recorded as they are read.
        if slot == 0 { return }
        if slot == loopSlot {
            // `value` is the element the loop lent the slot (see Evaluation.factor).
            return slots.append(RuleRead.Recorded(element: element, of: Int32(truncatingIfNeeded: loops.count &- 1), slot: slot))
        }
        // The traced run evaluates rule k once, as the (k + 1)th ``startRule()`` (`rule` is then
        // k + 2), and only rule k's evaluation writes its slots (counterfactual copies and
        // reruns are untraced), so once rule k has run the slot holds its final value, which
        // the trace keeps once (``TraceReads/slotValues``). Reads before that (a rule reading
        // a slot it sets itself) keep their value.
        if slot < slotSetters.count, slotSetters[slot] >= 0, slotSetters[slot] < rule &- 2 {
            slots.append(RuleRead.Recorded(finalOf: slot))
        } else {
            record(own: value(), slot: slot)
        }
    }
}
