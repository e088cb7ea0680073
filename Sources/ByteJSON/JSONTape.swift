/// A JSON document as a flat list of entries over its text: one entry per value and per object
/// key, in document order, each naming its kind and where its text lies.
///
/// A tape is cheaper to build than a ``JSONValue`` tree (no string, array or object is made
/// per value) and cheap to walk: a value is its entry's index, a container's entry says where
/// its subtree ends so siblings are found without visiting descendants. Strings are read on
/// demand, as bytes or as `String`, through a ``View``. Read one with ``JSONReader/readTape(_:)``,
/// which checks the text exactly as ``JSONReader/read(_:)-(UnsafeRawBufferPointer)`` does, or make
/// one from a tree with ``init(_:)``.
///
/// ```swift
/// let tape = try JSONReader().readTape(bytes)
/// let age = tape.withView { view in
///     view.member(tape.root, "age").flatMap { view.kind($0) == .number ? view.int64($0) : nil }
/// }
/// ```
public struct JSONTape: Sendable {
    /// The JSON type of a value.
    public enum Kind: UInt8, Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool
        /// A number.
        case number
        /// A string (or an object key).
        case string
        /// An array.
        case array
        /// An object.
        case object
    }

    /// One value or key.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline static let isTrue: UInt8 = 1
        @usableFromInline static let isASCII: UInt8 = 2
        /// While building: the text is among the decoded strings with escapes, not in the input.
        @usableFromInline static let inExtra: UInt8 = 4

        @usableFromInline var kind: Kind
        @usableFromInline var flags: UInt8
        /// A scalar's first byte; a container's number of elements or members.
        @usableFromInline var a: Int
        /// A scalar's end byte; a container's end: the index after its last descendant.
        @usableFromInline var b: Int
    }

    @usableFromInline let storage: JSONTapeStorage
    /// The document's bytes followed by the decoded text of strings with escapes (for a tape
    /// made from a tree, the text of its strings and numbers).
    @usableFromInline let text: [UInt8]

    init(storage: JSONTapeStorage, text: [UInt8]) {
        self.storage = storage
        self.text = text
    }

    /// Makes the tape of a tree; strings and number texts are copied into the tape.
    ///
    /// - Parameter value: Any value. The walk recurses once per level of nesting, as releasing
    ///   the tree does.
    public init(_ value: JSONValue) {
        var builder = TreeWalk()
        // Room for a typical case document, so that small trees never regrow the buffers.
        builder.entries.reserveCapacity(1024)
        builder.text.reserveCapacity(8192)
        builder.add(value)
        self.init(storage: JSONTapeStorage(copying: builder.entries), text: builder.text)
    }

    /// The index of the top-level value.
    public var root: Int { 0 }

    /// Calls `body` with a view for reading the tape's values.
    ///
    /// - Parameter body: Reads through the view, which must not escape it.
    @inlinable
    public func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try text.withUnsafeBufferPointer { text in
            try withExtendedLifetime(storage) {
                try body(View(entries: UnsafePointer(storage.entries), count: storage.count, text: text))
            }
        }
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(p)
        var i = 0
        var bits: UInt64 = 0
        while i &+ 8 <= bytes.count {
            bits |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        while i < bytes.count {
            bits |= UInt64(p[i])
            i &+= 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Builds entries from a tree.
    private struct TreeWalk {
        var entries: [Entry] = []
        var text: [UInt8] = []

        mutating func scalar(_ kind: Kind, _ string: String) {
            var string = string
            let start = text.count
            let ascii = string.withUTF8 { bytes in
                text.append(contentsOf: bytes)
                return JSONTape.isASCII(bytes)
            }
            entries.append(Entry(kind: kind, flags: ascii ? Entry.isASCII : 0, a: start, b: text.count))
        }

        mutating func add(_ value: JSONValue) {
            switch value {
            case .null: entries.append(Entry(kind: .null, flags: 0, a: 0, b: 0))
            case .bool(let b): entries.append(Entry(kind: .bool, flags: b ? Entry.isTrue : 0, a: 0, b: 0))
            case .number(let n): scalar(.number, n.text)
            case .string(let s): scalar(.string, s)
            case .array(let elements):
                let index = entries.count
                entries.append(Entry(kind: .array, flags: 0, a: elements.count, b: 0))
                for element in elements { add(element) }
                entries[index].b = entries.count
            case .object(let object):
                let index = entries.count
                entries.append(Entry(kind: .object, flags: 0, a: object.members.count, b: 0))
                for member in object.members {
                    scalar(.string, member.key)
                    add(member.value)
                }
                entries[index].b = entries.count
            }
        }
    }
}
