/// Where the lists made once per case are, by a key: later equal lists use the one made
/// before instead of allocating their own. The decoder keys a list by its packed contents, the
/// case graph by the address of the decoded list's buffer (equal lists of a decoded case share
/// one buffer).
///
/// An open-addressing hash table from nonzero 64-bit keys to positions in the caller's array
/// of lists: cheaper per lookup than comparing with each list made so far, and with no limit
/// on distinct lists short of ``capacityLimit``.
struct SharedLists {
    /// Slot `i`'s key at `2 * i` (0: empty) and its position at `2 * i + 1`, in one buffer.
    private var slots: [UInt64] = []
    private var capacity = 0
    private var count = 0
    /// The hash is the key's top bits after multiplying: `64 - log2(capacity)`.
    private var shift: UInt64 = 64

    /// At most half this many lists are kept (past it, later lists are simply not shared).
    static let capacityLimit = 4096

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The position stored for `key`, if any (none for 0).
    // Inlined: called for nearly every list of a case, mostly to find one already made.
    @inline(__always)
    func position(of key: UInt64) -> Int? {
        if capacity == 0 || key == 0 { return nil }
        let mask = capacity - 1
        var i = slot(key)
        while true {
            let k = slots[2 * i]
            if k == key { return Int(truncatingIfNeeded: slots[2 * i + 1]) }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Stores `position` for `key` (not stored yet); false when the table is full or `key` is 0.
    @discardableResult
    mutating func add(_ key: UInt64, at position: Int) -> Bool {
        if key == 0 { return false }
        if (count + 1) * 2 > capacity {
            guard capacity < SharedLists.capacityLimit else { return false }
            grow()
        }
        let mask = capacity - 1
        var i = slot(key)
        while slots[2 * i] != 0 { i = (i + 1) & mask }
        slots[2 * i] = key
        slots[2 * i + 1] = UInt64(truncatingIfNeeded: position)
        count += 1
        return true
    }

    /// Makes room for `lists` lists (up to the limit), so that adding them never regrows the
    /// table: each regrowth re-adds every list so far.
    mutating func reserve(_ lists: Int) {
        let wanted = Swift.min(SharedLists.capacityLimit, 2 * Swift.max(lists, 8))
        if wanted > capacity { grow(to: wanted) }
    }

    private mutating func grow() { grow(to: Swift.max(16, capacity * 2)) }

    /// Rehashes into `newCapacity` slots (a power of two of at least 16).
    private mutating func grow(to newCapacity: Int) {
        // Moved out, not copied: a copy retained the old buffer (and the assignment below
        // released it again).
        var old: [UInt64] = []
        swap(&old, &slots)
        capacity = 1 << (Int.bitWidth - (newCapacity - 1).leadingZeroBitCount)
        // Zeroed whole rather than `Array(repeating:count:)`, whose buffer allocation is not
        // specialised (a generic metadata lookup each time), or appended slot by slot.
        let n = 2 * capacity
        slots = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            buffer.initialize(repeating: 0)
            count = n
        }
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        var i = 0
        while i < old.count {
            if old[i] != 0 { add(old[i], at: Int(truncatingIfNeeded: old[i + 1])) }
            i += 2
        }
    }
}
