/// The ``JSONParserSink`` that builds a ``JSONTape`` over the parsed bytes.
///
/// Entries go to a buffer of its own (no uniqueness check per append), which becomes the tape's.
struct JSONTapeBuilder: JSONParserSink, ~Copyable {
    private var storage: UnsafeMutablePointer<JSONTape.Entry>
    private var capacity: Int
    private var count = 0
    private let input: [UInt8]
    private let base: UnsafePointer<UInt8>
    /// The decoded text of strings with escapes; their entries' offsets count from here.
    private var extra: [UInt8] = []

    /// Creates a builder for `input`, which the parser reads through `base`.
    init(input: [UInt8], base: UnsafePointer<UInt8>) {
        self.input = input
        self.base = base
        // About one entry per eight bytes of typical documents.
        capacity = max(16, input.count / 8)
        storage = .allocate(capacity: capacity)
    }

    /// Whether the buffer now belongs to a tape.
    private var handedOver = false

    deinit { if !handedOver { storage.deallocate() } }

    @inline(__always)
    private mutating func append(_ entry: JSONTape.Entry) {
        if count == capacity { grow() }
        (storage + count).initialize(to: entry)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<JSONTape.Entry>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    mutating func null() { append(JSONTape.Entry(kind: .null, flags: 0, a: 0, b: 0)) }

    mutating func bool(_ value: Bool) {
        append(JSONTape.Entry(kind: .bool, flags: value ? JSONTape.Entry.isTrue : 0, a: 0, b: 0))
    }

    mutating func number(_ text: UnsafeBufferPointer<UInt8>) {
        let start = text.baseAddress! - base
        append(JSONTape.Entry(kind: .number, flags: JSONTape.Entry.isASCII, a: start, b: start + text.count))
    }

    @inline(__always)
    mutating func string(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool) {
        var flags = ascii ? JSONTape.Entry.isASCII : 0
        let start: Int
        if escaped {
            flags |= JSONTape.Entry.inExtra
            start = extra.count
            extra.append(contentsOf: text)
        } else {
            start = text.baseAddress! - base
        }
        append(JSONTape.Entry(kind: .string, flags: flags, a: start, b: start + text.count))
    }

    @inline(__always)
    mutating func key(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool, ascii: Bool, memberCount: Int) -> Bool {
        string(text, escaped: escaped, ascii: ascii)
        return true
    }

    mutating func emptyObject() { append(JSONTape.Entry(kind: .object, flags: 0, a: 0, b: count + 1)) }

    mutating func emptyArray() { append(JSONTape.Entry(kind: .array, flags: 0, a: 0, b: count + 1)) }

    mutating func beginObject() -> Int {
        append(JSONTape.Entry(kind: .object, flags: 0, a: 0, b: 0))
        return count - 1
    }

    mutating func beginArray() -> Int {
        append(JSONTape.Entry(kind: .array, flags: 0, a: 0, b: 0))
        return count - 1
    }

    mutating func endObject(_ token: Int, count: Int) {
        storage[token].a = count
        storage[token].b = self.count
    }

    mutating func endArray(_ token: Int, count: Int) {
        storage[token].a = count
        storage[token].b = self.count
    }

    /// The tape. Escaped strings' text is appended to a copy of the input, so that the tape has
    /// one text buffer; without escapes the tape shares the input.
    mutating func finish() -> JSONTape {
        handedOver = true
        let tapeStorage = JSONTapeStorage(taking: storage, count: count)
        guard !extra.isEmpty else { return JSONTape(storage: tapeStorage, text: input) }
        let shift = input.count
        for i in 0..<count where storage[i].flags & JSONTape.Entry.inExtra != 0 {
            storage[i].flags &= ~JSONTape.Entry.inExtra
            storage[i].a += shift
            storage[i].b += shift
        }
        return JSONTape(storage: tapeStorage, text: input + extra)
    }
}
