import ByteJSON
import CEL

/// Writes a decision's trace entries, each listing the facts its rule read.
///
/// Each pointer or rule is listed once per entry, at its first read (the recorder keeps only a
/// rule's first read of each fact; rule reads the writer dedupes itself). Most facts are read by
/// several rules, so a fact's `"key":value` text is written once and later entries copy it
/// from the output (``JSONWriter/repeatSpan(_:)``) instead of encoding it again.
struct TraceWriter {
    /// Case fields written so far.
    private var fields = WrittenFacts(facts: 0)
    /// Lists written as field values so far.
    private let lists = WrittenLists()
    /// Rule slots listed and written so far.
    private let rules: WrittenRules
    private var tails = FieldPointerTails.schema
    /// The current entry, from 1.
    private var entry = 0

    /// The reads the last entry was made of (0 before the first entry), and the first field
    /// read, rule read and rule id of them. A decision's entries all share one ``TraceReads``,
    /// which the decision keeps alive while it is written, and its lists are no longer appended
    /// to, so the addresses stay valid.
    private var readsOwner: UInt = 0
    private var fieldBase: UnsafePointer<FieldRead.Recorded>?
    private var ruleBase: UnsafePointer<RuleRead.Recorded>?
    private var ruleReads: Unmanaged<TraceReads>?
    private var ruleIDs: UnsafePointer<String>?
    private var slotValues: UnsafePointer<Value>?
    private var owns: UnsafePointer<Value>?
    private var results: UnsafePointer<Value>?
    /// The judgement entry's result's position in `owns`.
    private var judgement = 0
    private var loops: UnsafePointer<[Value]>?
    /// The reads' ``TraceText`` (nil: none), its bytes, and where each entry opening and slot
    /// key lies in them.
    private var text: UnsafePointer<UInt8>?
    private var entryHeads: UnsafePointer<Range<Int>>?
    private var slotKeys: UnsafePointer<Range<Int>>?
    private var slotKeyCount = 0

    /// A writer for a trace.
    init() {
        // Room for the slots of a ruleset of a few hundred rules, so the tables rarely grow.
        rules = WrittenRules(slots: 384)
    }

    // Where an entry keeps what the writer loads in place, without retaining: the reads'
    // owners (a native class reference is the object's address) and ranges. Stored per writer
    // rather than as static lets, which would check their lazy initialization (swift_once) on
    // every entry.
    private let readsOffset = MemoryLayout<TraceEntry>.offset(of: \TraceEntry.reads)!
    private let fieldRangeOffset = MemoryLayout<TraceEntry>.offset(of: \TraceEntry.fieldRange)!
    private let ruleRangeOffset = MemoryLayout<TraceEntry>.offset(of: \TraceEntry.ruleRange)!
    private let slotOffset = MemoryLayout<RuleRead.Recorded>.offset(of: \RuleRead.Recorded.slotNumber)!
    // A record's path is read in place as well (``InPlace``).
    private let pathOffset = InPlace.pathOffset

    /// Writes one entry: the rule, its result and the facts it read.
    ///
    /// Entries and reads are taken by pointer, in place: passing them by value would copy
    /// (retain) every string and value they hold.
    mutating func write(_ e: UnsafePointer<TraceEntry>, to w: inout JSONWriter) {
        entry += 1
        let raw = UnsafeRawPointer(e)
        let owner = raw.load(fromByteOffset: readsOffset, as: UInt.self)
        if owner != readsOwner { use(owner) }
        let rule = e.pointee.ruleIndex
        if rule >= 0, let text, let heads = entryHeads {
            // The opening up to the result's value, escaped when the ruleset was built.
            w.fragment(escaped: UnsafeBufferPointer(start: text + heads[rule].lowerBound, count: heads[rule].count))
        } else {
            // Fixed punctuation and keys go out as one fragment each: one buffer access, not one per piece.
            w.fragment(#"{"rule":"#)
            // The rule id in place, from the reads' ids: a copy of the string would retain it.
            if rule >= 0, let ids = ruleIDs { InPlace.string(&UnsafeMutablePointer(mutating: ids + rule).pointee, &w) } else { w.string(e.pointee.rule) }
            w.key(raw: "result")
        }
        // A rule's result in place too (``DecisionWriter/value(_:_:)-(UnsafePointer<Value>,_)``).
        DecisionWriter.value(rule >= 0 ? results! + rule : owns! + judgement, &w)
        w.fragment(#""facts":{"#)
        // Most reads repeat a fact already listed or written, which needs only the read's
        // record address and field (or its slot): those are loaded from the read in place.
        let fieldRange = raw.load(fromByteOffset: fieldRangeOffset, as: Range<Int>.self)
        if !fieldRange.isEmpty {
            let base = fieldBase!
            // An entry's reads are distinct facts (see TraceRecorder): each is either written
            // before, by an earlier entry, or new.
            for i in fieldRange {
                let fact = base[i].fact
                if let text = fields.text(fact) { w.repeatSpan(text) } else { writeField(base + i, fact: fact, to: &w) }
            }
        }
        let ruleRange = raw.load(fromByteOffset: ruleRangeOffset, as: Range<Int>.self)
        if !ruleRange.isEmpty {
            let base = ruleBase!
            for i in ruleRange {
                let slot = Int(UnsafeRawPointer(base + i).load(fromByteOffset: slotOffset, as: Int32.self))
                if !rules.isListed(slot, in: entry) { writeRule(base + i, to: &w) }
            }
        }
        if let n = e.pointee.reasonLength {
            w.fragment(#""/professionalJudgement/reason":{"length":"#); w.int(n); w.endObject()
        }
        w.fragment("}}")
    }

    /// Switches to the reads of the ``TraceReads`` at `owner`.
    private mutating func use(_ owner: UInt) {
        let unmanaged = Unmanaged<TraceReads>.fromOpaque(UnsafeRawPointer(bitPattern: owner)!)
        let reads = unmanaged.takeUnretainedValue()
        // Fact numbers name the fields of one case, and slots the rules of one ruleset: texts
        // written for another's do not carry over.
        fields.reset(facts: reads.factCount)
        if readsOwner != 0 { rules.forgetTexts() }
        readsOwner = owner
        fieldBase = UnsafePointer(reads.fields.base)
        ruleReads = unmanaged
        ruleBase = UnsafePointer(reads.rules.base)
        // The ids stay where they are: the reads hold the array, unchanged.
        ruleIDs = reads.ruleIDs.withUnsafeBufferPointer { $0.baseAddress }
        // Likewise the final slot values, which the reads' final reads refer to.
        slotValues = reads.slotValues.withUnsafeBufferPointer { $0.baseAddress }
        // And the rules' results.
        results = reads.results.withUnsafeBufferPointer { $0.baseAddress }
        // And the values of the reads that keep their own.
        owns = UnsafePointer(reads.owns.base)
        judgement = reads.judgementPosition
        // And the `for` lists, which the reads of loop variables refer to; each list, too, is
        // held unchanged by the reads.
        loops = reads.loops.map { UnsafePointer($0.base) }
        // And the ruleset's texts, which the reads hold.
        text = reads.text?.bytes.withUnsafeBufferPointer { $0.baseAddress }
        entryHeads = reads.text?.entryHeads.withUnsafeBufferPointer { $0.baseAddress }
        slotKeys = reads.text?.slotKeys.withUnsafeBufferPointer { $0.baseAddress }
        slotKeyCount = reads.text?.slotKeys.count ?? 0
    }

    /// A field's pointer is its record's path plus "/name"; records of one case have distinct
    /// paths, so the (record, field) pair identifies the pointer without building it, and records
    /// are immutable, so the pair also fixes the value.
    private mutating func writeField(_ read: UnsafePointer<FieldRead.Recorded>, fact: Int, to w: inout JSONWriter) {
        // The trace keeps every record alive while it is written: no need to retain it here.
        unowned(unsafe) let object = read.pointee.record.takeUnretainedValue()
        let type = Unmanaged.passUnretained(object.type)
        let field = read.pointee.field
        let start = w.beginSpan()
        let tail = tails.range(type, field)
        // A record's fact numbers start at its index: the record's path is escaped (and its
        // string touched) once, for the first of its fields written; later keys copy it.
        let record = fact &- field
        tails.bytes.withUnsafeBufferPointer { bytes in
            let escapedTail = UnsafeBufferPointer(rebasing: bytes[tail])
            if let head = fields.head(record) { return w.key(repeatingHead: head, escapedTail: escapedTail) }
            // The path in place: the header stays where it is while the record is alive (see above).
            let header = read.pointee.record._withUnsafeGuaranteedRef { $0.withUnsafeMutablePointerToHeader { UnsafeMutableRawPointer($0) } }
            InPlace.key(&header.advanced(by: pathOffset).assumingMemoryBound(to: String?.self).pointee, escapedTail: escapedTail, &w)
            // The key is the quote and escaped path, the tail, and `":`.
            fields.setHead(start ..< w.count &- escapedTail.count &- 2, of: record)
        }
        listOrValue(object.fieldPointer(field), &w)
        fields.setText(start..<w.count, of: fact)
    }

    /// Writes the value at `v`, copying the text of a list written before.
    @inline(__always)
    private func listOrValue(_ v: UnsafePointer<Value>, _ w: inout JSONWriter) {
        // The list's elements' address, read in place (binding the list would retain it).
        guard case .list = v.pointee, let first = InPlace.elements(v).first else { return DecisionWriter.value(v, &w) }
        let address = UInt(bitPattern: first)
        if let text = lists.text(address) { return w.repeatSpan(text) }
        let start = w.beginSpan()
        DecisionWriter.value(v, &w)
        lists.setText(start..<w.count, of: address)
    }

    /// Writes a rule read that the current entry has not listed yet.
    ///
    /// Rule names never start with "/", so they cannot collide with pointers. A slot always has
    /// the same name; its value is the same in every entry except for loop variables, so a
    /// repeat is copied only when its value would be written the same.
    private mutating func writeRule(_ read: UnsafePointer<RuleRead.Recorded>, to w: inout JSONWriter) {
        let index = read.pointee.slot
        // In the trace's own values, final slot values or a loop's `for` list, all of which
        // the trace keeps unchanged while it is written (see readsOwner).
        let value: UnsafePointer<Value>
        switch read.pointee.source {
        case .own: value = owns! + Int(read.pointee.position)
        case .final: value = slotValues! + index
        case .element:
            value = loops![Int(read.pointee.loop)].withUnsafeBufferPointer { $0.baseAddress! + Int(read.pointee.position) }
        }
        if let written = rules.list(index, in: entry), TraceWriter.sameText(written.value, value) {
            w.repeatSpan(written.start..<written.end)
            return
        }
        let start = w.beginSpan()
        if index < slotKeyCount, let text, let keys = slotKeys {
            // The key, escaped when the ruleset was built.
            w.fragment(escaped: UnsafeBufferPointer(start: text + keys[index].lowerBound, count: keys[index].count))
        } else {
            writeName(index, &w)
        }
        DecisionWriter.value(value, &w)
        // The read lies in the ``TraceReads`` the decision keeps alive and unchanged while its
        // trace is written (see ``WrittenRules/Text``).
        rules.setText(WrittenRules.Text(value: value, start: start, end: w.count), of: index)
    }

    /// Writes the name of slot `index` as a key, from the reads' names.
    private func writeName(_ index: Int, _ w: inout JSONWriter) {
        // The reads are alive (see readsOwner): their names are read in place, unretained.
        ruleReads!._withUnsafeGuaranteedRef { reads in
            reads.names.withUnsafeBufferPointer { names in
                if index < names.count, let first = names.baseAddress {
                    InPlace.key(&UnsafeMutablePointer(mutating: first + index).pointee, &w)
                } else {
                    w.key(TraceReads.facts[index - names.count])
                }
            }
        }
    }

    /// Whether `a` and `b` certainly have the same trace JSON (``DecisionWriter/value(_:_:)``);
    /// false when unsure.
    static func sameText(_ a: Value, _ b: Value) -> Bool {
        withUnsafePointer(to: a) { a in withUnsafePointer(to: b) { b in sameText(a, b) } }
    }

    /// ``sameText(_:_:)`` of the values at `a` and `b`, read in place (no copies).
    static func sameText(_ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Bool {
        // One value is trivially written as itself; distinct addresses also keep the two
        // `inout` borrows below from aliasing.
        if a == b { return true }
        return sameText(borrowing: &UnsafeMutablePointer(mutating: a).pointee, &UnsafeMutablePointer(mutating: b).pointee)
    }

    /// ``sameText(_:_:)`` of `a` and `b`, which are `inout` only to be matched in place and are
    /// never written (see ``InPlace``); they are distinct.
    static func sameText(borrowing a: inout Value, _ b: inout Value) -> Bool {
        switch a {
        case .null: if case .null = b { return true }
        case .unknown: if case .unknown = b { return true }
        case .error: if case .error = b { return true }
        case .bool(let x): if case .bool(let y) = b { return x == y }
        case .int(let x): if case .int(let y) = b { return x == y }
        case .uint(let x): if case .uint(let y) = b { return x == y }
        case .double(let x): if case .double(let y) = b { return x.bitPattern == y.bitPattern }
        // Bytes, not `==`: canonically equivalent strings ("é" and "e\u{301}") are equal
        // Strings but are written differently.
        case .string(let x):
            switch b {
            case .string(let y): return x.utf8.elementsEqual(y.utf8)
            default: return false
            }
        case .timestamp(let x): if case .timestamp(let y) = b { return x == y }
        case .object(let x):
            switch b {
            case .object(let y): return x === y
            default: return false
            }
        case .list(let x):
            switch b {
            case .list(let y):
                guard x.count == y.count else { return false }
                return x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in
                        // A slot's value is usually the very same array each time it is read.
                        if x.baseAddress == y.baseAddress { return true }
                        guard let first = x.baseAddress, let other = y.baseAddress else { return true }
                        for i in x.indices where !sameText(first + i, other + i) { return false }
                        return true
                    }
                }
            default: return false
            }
        default: break
        }
        return false
    }
}
