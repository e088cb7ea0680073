/// What ``JSONParser`` builds as it recognises values: a ``JSONValue`` tree or a ``JSONTape``.
///
/// The parser owns the grammar and every error; a sink only records what it is told, in
/// document order. Containers are announced when they open and again when they close, with
/// the token the sink returned at the opening.
protocol JSONParserSink: ~Copyable {
    /// What the sink produces from a complete document.
    associatedtype Output

    /// Records `null`.
    mutating func null()
    /// Records `true` or `false`.
    mutating func bool(_ value: Bool)
    /// Records a number, given its text (already checked against the grammar).
    mutating func number(_ text: UnsafeBufferPointer<UInt8>)
    /// Records a string, given its decoded UTF-8 (in the input itself when `escaped` is false)
    /// and whether that is all ASCII.
    mutating func string(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool)
    /// Records an object key like ``string(_:escaped:ascii:)``; `memberCount` members precede it
    /// in its object. Returns false when the key repeats an earlier one and duplicates are rejected.
    mutating func key(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool, memberCount: Int) -> Bool
    /// Records `{}`.
    mutating func emptyObject()
    /// Records `[]`.
    mutating func emptyArray()
    /// Opens a non-empty object, returning the token ``endObject(_:count:)`` receives.
    mutating func beginObject() -> Int
    /// Opens a non-empty array, returning the token ``endArray(_:count:)`` receives.
    mutating func beginArray() -> Int
    /// Closes the object opened with `token`, which has `count` members.
    mutating func endObject(_ token: Int, count: Int)
    /// Closes the array opened with `token`, which has `count` elements.
    mutating func endArray(_ token: Int, count: Int)
    /// The result, once the single top-level value is complete.
    mutating func finish() -> Output
}
