import ByteJSON

/// The ids of a case's decoded members, for resolving member references and finding repeated ids.
///
/// A reference matches a member when the strings are equal as Swift compares them. When the ids
/// and the reference are all ASCII, byte equality is that equality, so they are compared as
/// bytes (the usual case, and cheaper than hashing); otherwise as strings, through a dictionary
/// made on first need when there are many members.
struct MemberIDs {
    /// From each id to its first position; made only for a lookup that bytes cannot settle.
    private var ids: [String: Int]?
    private var entries: [Int] = []
    private var strings: [String] = []
    private var allASCII = true
    /// Each id's bytes packed by ``pack(_:)``, or nil for an id that is not ASCII or is longer
    /// than 16 bytes (in the order ids were added).
    private var packed: [Packed?] = []

    /// Up to 16 bytes in two words, with their count: equal exactly when the bytes are.
    private struct Packed: Equatable {
        var low: UInt64, high: UInt64, count: Int
    }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> Packed? {
        let n = bytes.count
        guard n <= 16 else { return nil }
        guard n > 0 else { return Packed(low: 0, high: 0, count: 0) }
        // Loads that overlap but together cover every byte: for one count, equal words mean
        // equal bytes. No load reaches outside the buffer.
        let p = UnsafeRawPointer(bytes.baseAddress!)
        if n >= 8 {
            return Packed(low: p.loadUnaligned(as: UInt64.self), high: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), count: n)
        }
        if n >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            return Packed(low: low, high: 0, count: n)
        }
        let low = UInt64(bytes[0]) | UInt64(bytes[n / 2]) << 8 | UInt64(bytes[n - 1]) << 16
        return Packed(low: low, high: 0, count: n)
    }

    /// Up to this many ids are compared one by one rather than hashed.
    private static let linearLimit = 32

    /// Makes room for `count` ids.
    mutating func reserve(_ count: Int) {
        entries.reserveCapacity(count)
        packed.reserveCapacity(count)
        strings.reserveCapacity(count)
    }

    /// Adds a member's id, read from tape entry `entry`.
    mutating func add(_ id: String, at entry: Int, in tape: JSONTape.View) {
        ids = nil
        entries.append(entry)
        strings.append(id)
        let ascii = tape.isASCII(entry)
        allASCII = allASCII && ascii
        packed.append(ascii ? tape.withUTF8(entry) { MemberIDs.pack($0) } : nil)
    }

    /// The reference at tape entry `entry` (a string), when some member has that id.
    mutating func find(_ entry: Int, in tape: JSONTape.View) -> String? {
        if tape.isASCII(entry) {
            if let i = position(byBytes: entry, in: tape) { return strings[i] }
            if allASCII { return nil }
        }
        let s = tape.string(entry)
        return contains(s) ? s : nil
    }

    /// The number of ids added.
    var count: Int { strings.count }

    /// The id at `position` (in the order ids were added).
    func id(at position: Int) -> String { strings[position] }

    /// The position of the first ASCII id with the bytes of the ASCII reference at tape entry
    /// `entry`. Nil says only that no id has those bytes (a non-ASCII id may still equal it).
    func position(byBytes entry: Int, in tape: JSONTape.View) -> Int? {
        if let key = tape.withUTF8(entry, { MemberIDs.pack($0) }) {
            // A short reference can only match a short id.
            for (i, p) in packed.enumerated() where p == key { return i }
        } else {
            for (i, e) in entries.enumerated() where tape.isASCII(e) && tape.sameUTF8(e, entry) { return i }
        }
        return nil
    }

    /// Whether some id equals `s`.
    private mutating func contains(_ s: String) -> Bool {
        if strings.count <= MemberIDs.linearLimit { return strings.contains(s) }
        if ids == nil { ids = dictionary() }
        return ids![s] != nil
    }

    private func dictionary() -> [String: Int] {
        var d: [String: Int] = [:]
        d.reserveCapacity(strings.count)
        for (i, s) in strings.enumerated() where d[s] == nil { d[s] = i }
        return d
    }

    /// The positions (in the order ids were added) of the ids that equal an earlier one.
    func repeated(in tape: JSONTape.View) -> [Int] {
        var found: [Int] = []
        if strings.count <= MemberIDs.linearLimit {
            for i in strings.indices {
                for j in 0..<i where allASCII ? tape.sameUTF8(entries[j], entries[i]) : strings[j] == strings[i] {
                    found.append(i)
                    break
                }
            }
        } else {
            var seen: Set<String> = []
            for (i, s) in strings.enumerated() where !seen.insert(s).inserted { found.append(i) }
        }
        return found
    }
}
