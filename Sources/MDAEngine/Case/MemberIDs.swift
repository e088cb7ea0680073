import ByteJSON

/// The ids of a case's decoded members, for resolving member references.
///
/// A reference matches a member when the strings are equal as Swift compares them. ASCII
/// references are first compared as bytes with the members' ASCII ids (the usual case, and
/// cheaper than hashing); the dictionary decides whenever that could differ from string
/// equality. A match yields the member's own id string, which has the reference's exact bytes.
struct MemberIDs {
    private var ids: [String: Int] = [:]
    private var entries: [Int] = []
    private var strings: [String] = []
    private var allASCII = true

    /// Adds a member's id, read from tape entry `entry`.
    mutating func add(_ id: String, at entry: Int, in tape: JSONTape.View) {
        if ids[id] == nil { ids[id] = strings.count }
        entries.append(entry)
        strings.append(id)
        allASCII = allASCII && tape.isASCII(entry)
    }

    /// The reference at tape entry `entry` (a string), when some member has that id.
    func find(_ entry: Int, in tape: JSONTape.View) -> String? {
        if tape.isASCII(entry) {
            for (i, e) in entries.enumerated() where tape.isASCII(e) && tape.sameUTF8(e, entry) { return strings[i] }
            if allASCII { return nil }
        }
        let s = tape.string(entry)
        return ids[s] != nil ? s : nil
    }
}
