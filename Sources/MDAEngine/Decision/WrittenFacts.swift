/// The case fields a trace has written: for each (record, field), the last trace entry that
/// listed it and where its `"pointer":value` text was first written.
///
/// An open-addressing hash table on the record's address, at most half full: a lookup is a
/// multiply and, nearly always, one probe. It is a class over manually allocated slots because
/// the trace looks up every field read (thousands per decision, most of them repeats), and an
/// array would check its uniqueness on every one; a table belongs to one trace writer on one
/// thread, so the dynamic exclusivity checks on its properties buy nothing either.
final class WrittenFacts {
    /// One table slot; `address == 0` marks an empty one.
    private struct Slot {
        var address: UInt = 0
        var field: Int32 = 0
        var entry: Int32 = 0
        var start = 0
        var end = 0
    }

    /// What ``visit(address:field:entry:)`` found.
    enum Visit {
        /// The entry already listed this field.
        case listedInEntry
        /// Written before, by an earlier entry, at this span.
        case written(Range<Int>)
        /// Never written: write it, then record its span with ``setText(_:of:)`` before the next visit.
        case new(slot: Int)
    }

    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var capacity: Int
    /// `capacity - 1`, kept rather than computed on every visit.
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private var shift: Int
    @exclusivity(unchecked) private var count = 0

    /// An empty table with room for `expected` fields before it grows.
    init(expected: Int) {
        var bits = 6
        while 1 << bits < 2 * expected { bits += 1 }
        capacity = 1 << bits
        mask = capacity - 1
        shift = 64 - bits
        slots = WrittenFacts.emptySlots(capacity)
    }

    deinit { slots.deallocate() }

    /// Looks up `field` of the record at `address` for trace entry `entry` (entries count from 1)
    /// and marks it as listed by that entry.
    func visit(address: UInt, field: Int, entry: Int) -> Visit {
        let field = Int32(truncatingIfNeeded: field), entry = Int32(truncatingIfNeeded: entry)
        var i = index(address, field)
        while true {
            let slot = slots + i
            if slot.pointee.address == 0 {
                // Most visits find their key, so the load is checked only before an insertion.
                if _slowPath(count &* 2 &+ 2 > capacity) { return insertGrowing(address, field, entry) }
                slot.pointee = Slot(address: address, field: field, entry: entry)
                count &+= 1
                return .new(slot: i)
            }
            if slot.pointee.address == address && slot.pointee.field == field {
                if slot.pointee.entry == entry { return .listedInEntry }
                slot.pointee.entry = entry
                return .written(slot.pointee.start..<slot.pointee.end)
            }
            i = (i &+ 1) & mask
        }
    }

    /// Grows the table, then inserts a key it does not hold (growing moves the keys, so the
    /// slot found before is no longer the key's).
    @inline(never)
    private func insertGrowing(_ address: UInt, _ field: Int32, _ entry: Int32) -> Visit {
        grow()
        var i = index(address, field)
        while slots[i].address != 0 { i = (i &+ 1) & mask }
        slots[i] = Slot(address: address, field: field, entry: entry)
        count &+= 1
        return .new(slot: i)
    }

    /// Records where the field found new at `slot` was written.
    func setText(_ text: Range<Int>, of slot: Int) {
        slots[slot].start = text.lowerBound
        slots[slot].end = text.upperBound
    }

    /// The home slot of a key: Fibonacci hashing of the address (whose low bits are alignment)
    /// mixed with the field.
    private func index(_ address: UInt, _ field: Int32) -> Int {
        let mixed = (address >> 4) ^ (UInt(truncatingIfNeeded: field) << 48)
        // `&>>`: `shift` is always in 1...63, so the checks `>>` makes for other amounts are dead.
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// `count` slots marked empty. Only the addresses are set: a slot's other fields are read
    /// only once a key was stored there, and setting just one word in four is much cheaper
    /// than clearing the whole table.
    private static func emptySlots(_ count: Int) -> UnsafeMutablePointer<Slot> {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: count)
        let raw = UnsafeMutableRawPointer(slots)
        let offset = MemoryLayout<Slot>.offset(of: \Slot.address)!
        for i in 0..<count { raw.storeBytes(of: 0, toByteOffset: i &* MemoryLayout<Slot>.stride &+ offset, as: UInt.self) }
        return slots
    }

    private func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        mask = capacity - 1
        shift -= 1
        slots = WrittenFacts.emptySlots(capacity)
        for j in 0..<oldCapacity where old[j].address != 0 {
            var i = index(old[j].address, old[j].field)
            while slots[i].address != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
