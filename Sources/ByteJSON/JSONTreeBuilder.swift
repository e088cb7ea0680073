/// The ``JSONParserSink`` that builds a ``JSONValue`` tree.
///
/// Scalars are pushed on a value stack; closing a container moves its elements off that stack
/// into one exactly-sized array.
struct JSONTreeBuilder: JSONParserSink, ~Copyable {
    private var values = MoveStack<JSONValue>(capacity: 64)
    private var keys = MoveStack<String>(capacity: 32)
    private let rejectDuplicateKeys: Bool

    /// Creates a builder; with `rejectDuplicateKeys`, ``key(_:escaped:ascii:memberCount:)`` reports repeats.
    init(rejectDuplicateKeys: Bool) {
        self.rejectDuplicateKeys = rejectDuplicateKeys
    }

    mutating func null() { values.push(.null) }

    mutating func bool(_ value: Bool) { values.push(.bool(value)) }

    mutating func number(_ text: UnsafeBufferPointer<UInt8>) {
        values.push(.number(JSONNumber(uncheckedText: String(decoding: text, as: UTF8.self))))
    }

    mutating func string(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool) {
        values.push(.string(String(decoding: text, as: UTF8.self)))
    }

    mutating func key(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool, memberCount: Int) -> Bool {
        let key = String(decoding: text, as: UTF8.self)
        if rejectDuplicateKeys {
            for index in (keys.count - memberCount)..<keys.count {
                if keys.withElement(at: index, { $0 == key }) { return false }
            }
        }
        keys.push(key)
        return true
    }

    mutating func emptyObject() { values.push(.object(JSONObject())) }

    mutating func emptyArray() { values.push(.array([])) }

    mutating func beginObject() -> Int { values.count }

    mutating func beginArray() -> Int { values.count }

    mutating func endObject(_ token: Int, count: Int) {
        values.push(.object(JSONObject(popMembers(count: count))))
    }

    mutating func endArray(_ token: Int, count: Int) {
        values.push(.array(values.popArray(from: token)))
    }

    mutating func finish() -> JSONValue { values.pop() }

    /// Moves the last `count` keys and values into an array of members.
    private mutating func popMembers(count n: Int) -> [JSONObject.Member] {
        keys.popLast(n) { keyPointer in
            values.popLast(n) { valuePointer in
                // Appending after reserving; see MoveStack.array(moving:count:) for why.
                var members: [JSONObject.Member] = []
                members.reserveCapacity(n)
                for i in 0..<n {
                    members.append(JSONObject.Member(key: (keyPointer + i).move(), value: (valuePointer + i).move()))
                }
                return members
            }
        }
    }
}
