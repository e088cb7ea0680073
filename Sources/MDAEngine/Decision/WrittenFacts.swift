/// The case fields a trace has written: for each (record, field), the last trace entry that
/// listed it and where its `"pointer":value` text was first written.
///
/// An open-addressing hash table on the record's identity, at most half full: a lookup is a
/// multiply and, nearly always, one probe.
struct WrittenFacts {
    /// One table slot; `object == 0` marks an empty one.
    private struct Slot {
        var object: UInt = 0
        var field: Int32 = 0
        var entry: Int32 = 0
        var start = 0
        var end = 0
    }

    /// What ``visit(_:_:entry:)`` found.
    enum Visit {
        /// The entry already listed this field.
        case listedInEntry
        /// Written before, by an earlier entry, at this span.
        case written(Range<Int>)
        /// Never written: write it, then record its span with ``setText(_:of:)`` before the next visit.
        case new(slot: Int)
    }

    private var slots: [Slot]
    private var shift: Int
    private var count = 0

    /// An empty table with room for `expected` fields before it grows.
    init(expected: Int) {
        var bits = 6
        while 1 << bits < 2 * expected { bits += 1 }
        slots = Array(repeating: Slot(), count: 1 << bits)
        shift = 64 - bits
    }

    /// Looks up `field` of `object` for trace entry `entry` (entries count from 1) and marks it
    /// as listed by that entry.
    mutating func visit(_ object: ObjectIdentifier, _ field: Int, entry: Int) -> Visit {
        if count * 2 >= slots.count { grow() }
        let address = UInt(bitPattern: object), field = Int32(truncatingIfNeeded: field), entry = Int32(truncatingIfNeeded: entry)
        let home = index(address, field)
        let visit = slots.withUnsafeMutableBufferPointer { slots -> Visit in
            var i = home
            let mask = slots.count &- 1
            while true {
                if slots[i].object == 0 {
                    slots[i] = Slot(object: address, field: field, entry: entry)
                    return .new(slot: i)
                }
                if slots[i].object == address && slots[i].field == field {
                    if slots[i].entry == entry { return .listedInEntry }
                    slots[i].entry = entry
                    return .written(slots[i].start..<slots[i].end)
                }
                i = (i &+ 1) & mask
            }
        }
        if case .new = visit { count += 1 }
        return visit
    }

    /// Records where the field found new at `slot` was written.
    mutating func setText(_ text: Range<Int>, of slot: Int) {
        slots[slot].start = text.lowerBound
        slots[slot].end = text.upperBound
    }

    /// The home slot of a key: Fibonacci hashing of the address (whose low bits are alignment)
    /// mixed with the field.
    private func index(_ address: UInt, _ field: Int32) -> Int {
        let mixed = (address >> 4) ^ (UInt(truncatingIfNeeded: field) << 48)
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for slot in old where slot.object != 0 {
            var i = index(slot.object, slot.field)
            while slots[i].object != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
