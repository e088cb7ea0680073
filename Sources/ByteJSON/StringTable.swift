/// Interns the short strings of one parse, so that repeated keys and values (`"id"`,
/// `"gender"`, `"female"`) are decoded and allocated once and then shared.
///
/// Lookups hash the raw bytes and compare them with a copy kept in an arena, so a hit costs a
/// hash and a short comparison instead of UTF-8 validation and, for strings over 15 bytes,
/// an allocation. The table is allocated on first use and stops admitting new strings when
/// full; strings longer than ``maxLength`` are never interned.
struct StringTable: ~Copyable {
    /// One interned string and where its bytes sit in the arena.
    private struct Entry {
        var hash: UInt64
        var offset: Int
        var length: Int
        var string: String
    }

    /// The longest string interned, in bytes.
    static let maxLength = 32
    private static let slotCount = 512
    private static let maxEntries = 256

    /// Open-addressing slots holding an index into `entries`, or -1.
    private var slots: UnsafeMutablePointer<Int32>?
    private var entries: UnsafeMutablePointer<Entry>?
    private var arena: UnsafeMutablePointer<UInt8>?
    private var entryCount = 0
    private var arenaCount = 0

    init() {}

    deinit {
        slots?.deallocate()
        if let entries {
            entries.deinitialize(count: entryCount)
            entries.deallocate()
        }
        arena?.deallocate()
    }

    /// The string for `count` bytes of well-formed UTF-8 at `bytes`, interned when short enough.
    mutating func string(_ bytes: UnsafePointer<UInt8>, count: Int) -> String {
        guard count <= StringTable.maxLength, count > 0 else {
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        if slots == nil { allocate() }
        let slots = slots.unsafelyUnwrapped
        let entries = entries.unsafelyUnwrapped
        let arena = arena.unsafelyUnwrapped
        let hash = StringTable.hash(bytes, count: count)
        let mask = StringTable.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            let entry = entries + index
            if entry.pointee.hash == hash && entry.pointee.length == count
                && StringTable.equal(arena + entry.pointee.offset, bytes, count: count) {
                return entry.pointee.string
            }
            slot = (slot &+ 1) & mask
        }
        let string = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        guard entryCount < StringTable.maxEntries else { return string }
        (arena + arenaCount).update(from: bytes, count: count)
        (entries + entryCount).initialize(to: Entry(hash: hash, offset: arenaCount, length: count, string: string))
        slots[slot] = Int32(entryCount)
        entryCount += 1
        arenaCount += count
        return string
    }

    private mutating func allocate() {
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: StringTable.slotCount)
        slots.initialize(repeating: -1, count: StringTable.slotCount)
        self.slots = slots
        entries = .allocate(capacity: StringTable.maxEntries)
        arena = .allocate(capacity: StringTable.maxEntries * StringTable.maxLength)
    }

    /// Loads a word at `offset`; bytes may be unaligned.
    @inline(__always)
    private static func load<T: FixedWidthInteger>(_ bytes: UnsafePointer<UInt8>, _ offset: Int, as type: T.Type) -> T {
        UnsafeRawPointer(bytes + offset).loadUnaligned(as: T.self)
    }

    /// A hash of 1…32 bytes from overlapping words at their start, middle and end, and their
    /// length. Reads only inside the bytes.
    @inline(__always)
    private static func hash(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let first: UInt64
        let last: UInt64
        if count >= 8 {
            first = load(bytes, 0, as: UInt64.self)
            last = load(bytes, count &- 8, as: UInt64.self) ^ (count > 16 ? load(bytes, count / 2 &- 4, as: UInt64.self).byteSwapped : 0)
        } else if count >= 4 {
            first = UInt64(load(bytes, 0, as: UInt32.self))
            last = UInt64(load(bytes, count &- 4, as: UInt32.self))
        } else {
            first = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count &- 1]) << 16
            last = 0
        }
        var hash = (UInt64(count) &* 0x9E37_79B9_7F4A_7C15) ^ first
        hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9 ^ last
        hash = (hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }

    /// Whether `count` (1…32) bytes at `a` and `b` are equal, compared by overlapping words.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count >= 8 {
            var i = 0
            while i &+ 8 < count {
                if load(a, i, as: UInt64.self) != load(b, i, as: UInt64.self) { return false }
                i &+= 8
            }
            return load(a, count &- 8, as: UInt64.self) == load(b, count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return load(a, 0, as: UInt32.self) == load(b, 0, as: UInt32.self)
                && load(a, count &- 4, as: UInt32.self) == load(b, count &- 4, as: UInt32.self)
        }
        for i in 0..<count where a[i] != b[i] { return false }
        return true
    }
}
