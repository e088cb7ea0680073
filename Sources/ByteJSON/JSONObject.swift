/// A JSON object: its members (key–value pairs) in source order, duplicate keys preserved.
///
/// RFC 8259 leaves the meaning of duplicate keys open; this type keeps them so that callers
/// can detect and reject them (``duplicateKeys``, or ``JSONReader/rejectDuplicateKeys`` at
/// read time). Lookup by key returns the first member with that key. Lookup is a linear scan,
/// which is faster than hashing for the small objects of typical documents.
///
/// Equality compares members in order.
public struct JSONObject: Sendable, Equatable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One member: a key and its value.
    public struct Member: Sendable, Equatable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Creates a member.
        ///
        /// - Parameters:
        ///   - key: The member name.
        ///   - value: The member value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in order.
    public var members: [Member]

    /// Creates an object with the given members.
    ///
    /// - Parameter members: Key–value pairs, in order; duplicates are kept.
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// Creates an object from a dictionary literal, keeping the literal's order.
    ///
    /// - Parameter elements: Key–value pairs, in order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    /// The position of the first member.
    public var startIndex: Int { members.startIndex }

    /// The position one past the last member.
    public var endIndex: Int { members.endIndex }

    /// The member at `position`.
    ///
    /// - Parameter position: A valid index into ``members``.
    public subscript(position: Int) -> Member { members[position] }

    /// The value of the first member named `key`.
    ///
    /// Setting replaces the value of the first member named `key`, or appends a new member when
    /// there is none; setting `nil` removes every member named `key`.
    ///
    /// - Parameter key: The member name, compared exactly (no Unicode normalisation).
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = newValue
            } else {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The keys, in order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// Appends a member, even when the key is already present.
    ///
    /// - Parameters:
    ///   - key: The member name.
    ///   - value: The member value.
    public mutating func append(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// The keys that occur more than once, each listed once, in the order of their second occurrence.
    public var duplicateKeys: [String] {
        var seen = Set<String>()
        var reported = Set<String>()
        var result: [String] = []
        for member in members where !seen.insert(member.key).inserted {
            if reported.insert(member.key).inserted { result.append(member.key) }
        }
        return result
    }

    /// Whether some key occurs more than once.
    public var hasDuplicateKeys: Bool {
        var seen = Set<String>()
        for member in members where !seen.insert(member.key).inserted { return true }
        return false
    }
}
