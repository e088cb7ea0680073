/// Reads RFC 8259 JSON text into ``JSONValue``s.
///
/// The reader is strict: it accepts exactly the JSON grammar of RFC 8259 and nothing else —
/// no comments, trailing commas, leading `+`, leading zeros, `NaN` or `Infinity`; only
/// whitespace after the value. Strings must be well-formed UTF-8 (no overlong forms, no
/// encoded surrogates, nothing above U+10FFFF), must not contain unescaped control
/// characters, and `\u` escapes must pair UTF-16 surrogates correctly.
///
/// Nesting is limited by ``maxDepth``; parsing is iterative, so deep input is an error
/// (``JSONErrorCode/tooDeep``), never a stack overflow.
///
/// ```swift
/// let value = try JSONReader().read(bytes)
/// let age = value["members"]?[0]?["age"]?.numberValue?.int64
/// ```
public struct JSONReader: Sendable {
    /// The deepest nesting of arrays and objects accepted; `[[1]]` has depth 2. Default 512.
    ///
    /// Reading never recurses, but Swift releases nested arrays recursively, so a limit far above
    /// the default lets an input build values whose deallocation needs a deep stack.
    public var maxDepth: Int
    /// The longest input accepted, in bytes, or `nil` for no limit. Default `nil`.
    public var maxBytes: Int?
    /// Whether a key occurring twice in one object is an error (``JSONErrorCode/duplicateKey``).
    /// Default `false`: duplicates are kept, see ``JSONObject/duplicateKeys``.
    public var rejectDuplicateKeys: Bool
    /// Whether a UTF-8 byte order mark (EF BB BF) before the value is skipped. Default `false`:
    /// RFC 8259 forbids sending one, so it is an ``JSONErrorCode/unexpectedByte`` error.
    public var allowByteOrderMark: Bool

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - maxDepth: The deepest nesting accepted (default 512).
    ///   - maxBytes: The longest input accepted, or `nil` for no limit.
    ///   - rejectDuplicateKeys: Whether duplicate keys in an object are an error.
    ///   - allowByteOrderMark: Whether a leading UTF-8 byte order mark is skipped.
    public init(maxDepth: Int = 512, maxBytes: Int? = nil, rejectDuplicateKeys: Bool = false, allowByteOrderMark: Bool = false) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.rejectDuplicateKeys = rejectDuplicateKeys
        self.allowByteOrderMark = allowByteOrderMark
    }

    /// Reads one JSON text from raw bytes.
    ///
    /// - Parameter buffer: The UTF-8 encoded JSON text.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` with the code and position of the first problem.
    public func read(_ buffer: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
        try buffer.withMemoryRebound(to: UInt8.self) { read(bytes: $0) }.get()
    }

    /// Reads one JSON text from a byte array.
    ///
    /// - Parameter bytes: The UTF-8 encoded JSON text.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` with the code and position of the first problem.
    public func read(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { read(bytes: $0) }.get()
    }

    /// Reads one JSON text from a string.
    ///
    /// - Parameter text: The JSON text.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` with the code and position (in the string's UTF-8) of the first problem.
    public func read(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { read(bytes: $0) }.get()
    }

    /// Reads one JSON text from raw bytes into a ``JSONTape``, which keeps the text and records
    /// where each value lies instead of building a tree.
    ///
    /// Accepts and rejects exactly what ``read(_:)-(UnsafeRawBufferPointer)`` does, with the same errors,
    /// except that ``rejectDuplicateKeys`` is not applied (a tape keeps duplicates).
    ///
    /// - Parameter bytes: The UTF-8 encoded JSON text.
    /// - Returns: The tape, which shares `bytes`.
    /// - Throws: ``JSONError`` with the code and position of the first problem.
    public func readTape(_ bytes: [UInt8]) throws(JSONError) -> JSONTape {
        try bytes.withUnsafeBufferPointer { buffer in
            parse(bytes: buffer) { JSONTapeBuilder(input: bytes, base: buffer.baseAddress!) }
        }.get()
    }

    /// Reads from contiguous bytes, returning the outcome as a value.
    private func read(bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONError> {
        parse(bytes: bytes) { JSONTreeBuilder(rejectDuplicateKeys: rejectDuplicateKeys) }
    }

    /// Applies the size limit and the byte order mark option, then parses into the sink made by
    /// `makeSink` (called only for a non-empty input).
    private func parse<Sink: JSONParserSink & ~Copyable>(bytes: UnsafeBufferPointer<UInt8>, _ makeSink: () -> Sink) -> Result<Sink.Output, JSONError> {
        if let maxBytes, bytes.count > maxBytes {
            return .failure(JSONError(code: .tooLarge, offset: maxBytes, in: bytes))
        }
        var start = 0
        if allowByteOrderMark, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            start = 3
        }
        guard bytes.count > start else { return .failure(JSONError(code: .unexpectedEnd, offset: bytes.count, in: bytes)) }
        var parser = JSONParser(input: bytes, start: start, maxDepth: maxDepth, sink: makeSink())
        do {
            return .success(try parser.parse())
        } catch {
            return .failure(error)
        }
    }
}
