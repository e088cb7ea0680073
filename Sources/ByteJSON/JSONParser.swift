/// The byte-level RFC 8259 parser behind ``JSONReader`` and ``JSONTape``.
///
/// The parser is iterative: open arrays and objects live on an explicit stack, so nesting depth
/// is bounded by ``maxDepth`` and never by the thread's stack. It checks the grammar and reports
/// every error; what it recognises goes to its sink, which builds the result.
struct JSONParser<Sink: JSONParserSink & ~Copyable>: ~Copyable {
    /// One open array or object.
    private struct Frame {
        /// Whether the container is an object (otherwise an array).
        var isObject: Bool
        /// The sink's token for the container.
        var token: Int
        /// How many elements (members) of the container are complete.
        var count: Int
    }

    private let input: UnsafeBufferPointer<UInt8>
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0
    private let maxDepth: Int
    /// The open containers enclosing the innermost one.
    private var frames: [Frame] = []
    // The innermost open container, when `depth` > 0, as three plain fields rather than an
    // optional `Frame` (its count changes with every value; one field is cheaper to update).
    /// Whether the innermost container is an object.
    private var inObject = false
    /// The sink's token for the innermost container.
    private var token = 0
    /// How many elements (members) of the innermost container are complete.
    private var count = 0
    /// How many containers are open.
    private var depth = 0
    private var sink: Sink
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    /// Creates a parser over `input`, which must stay valid while the parser runs, starting at
    /// byte `start`, which must be inside the input.
    init(input: UnsafeBufferPointer<UInt8>, start: Int, maxDepth: Int, sink: consuming Sink) {
        self.input = input
        self.pos = start
        self.base = input.baseAddress!
        self.end = input.count
        self.maxDepth = maxDepth
        self.sink = sink
    }

    // MARK: Errors

    private func error(_ code: JSONErrorCode, at offset: Int) -> JSONError {
        JSONError(code: code, offset: offset, in: input)
    }

    /// The error for a missing byte at `pos`: the end of input, or an unexpected byte.
    private func unexpected(orEnd code: JSONErrorCode = .unexpectedByte) -> JSONError {
        error(pos < end ? code : .unexpectedEnd, at: pos)
    }

    // MARK: Structure

    /// Parses the whole input as one JSON text.
    mutating func parse() throws(JSONError) -> Sink.Output {
        skipWhitespace()
        // Whether a key (and its colon) precedes the next value. Keys are parsed here, at the
        // loop's top, so that their code is inline in the loop once (a function for it is not
        // inlined, and its calls cost more than short keys' scans).
        var keyNext = false
        parseValue: while true {
            if keyNext {
                keyNext = false
                // Whitespace, `"key"` and `:`; `count` members precede the key (for the
                // duplicate-key check).
                if pos >= end || base[pos] != UInt8(ascii: "\"") {
                    skipWhitespace()
                    guard pos < end && base[pos] == UInt8(ascii: "\"") else { throw unexpected() }
                }
                let keyOffset = pos
                pos += 1
                let start = pos
                let accepted: Bool
                let shape = try parseString()
                if shape.escaped {
                    accepted = scratch.withUnsafeBufferPointer { sink.key($0, escaped: true, ascii: shape.ascii, memberCount: count) }
                } else {
                    accepted = sink.key(UnsafeBufferPointer(start: base + start, count: pos - 1 - start), escaped: false,
                                        ascii: shape.ascii, memberCount: count)
                }
                guard accepted else { throw error(.duplicateKey, at: keyOffset) }
                if pos >= end || base[pos] != UInt8(ascii: ":") {
                    skipWhitespace()
                    guard pos < end && base[pos] == UInt8(ascii: ":") else { throw unexpected() }
                }
                pos += 1
            }
            guard pos < end else { throw error(.unexpectedEnd, at: pos) }
            switch base[pos] {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { throw error(.tooDeep, at: pos) }
                pos += 1
                skipWhitespace()
                if pos < end && base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    sink.emptyObject()
                } else {
                    open(Frame(isObject: true, token: sink.beginObject(), count: 0))
                    keyNext = true
                    continue parseValue
                }
            case UInt8(ascii: "["):
                guard depth < maxDepth else { throw error(.tooDeep, at: pos) }
                pos += 1
                skipWhitespace()
                if pos < end && base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    sink.emptyArray()
                } else {
                    open(Frame(isObject: false, token: sink.beginArray(), count: 0))
                    continue parseValue
                }
            case UInt8(ascii: "\""):
                pos += 1
                let start = pos
                let shape = try parseString()
                if shape.escaped {
                    scratch.withUnsafeBufferPointer { sink.string($0, escaped: true, ascii: shape.ascii) }
                } else {
                    sink.string(UnsafeBufferPointer(start: base + start, count: pos - 1 - start), escaped: false, ascii: shape.ascii)
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                sink.bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                sink.bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                sink.null()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = pos
                try parseNumber()
                sink.number(UnsafeBufferPointer(start: base + start, count: pos - start))
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                // Whitespace before a value, skipped here rather than before every value
                // (compact documents have none).
                skipWhitespace()
                continue parseValue
            default:
                throw error(.unexpectedByte, at: pos)
            }

            // A value is complete: continue or close the enclosing containers.
            while depth > 0 {
                count += 1
                guard pos < end else { throw error(.unexpectedEnd, at: pos) }
                var byte = base[pos]
                if byte <= UInt8(ascii: " ") {
                    skipWhitespace()
                    guard pos < end else { throw error(.unexpectedEnd, at: pos) }
                    byte = base[pos]
                }
                if byte == UInt8(ascii: ",") {
                    pos += 1
                    keyNext = inObject
                    continue parseValue
                }
                guard byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(.unexpectedByte, at: pos)
                }
                pos += 1
                let (wasObject, closed, members) = (inObject, token, count)
                if let outer = frames.popLast() { (inObject, token, count) = (outer.isObject, outer.token, outer.count) }
                depth -= 1
                if wasObject {
                    sink.endObject(closed, count: members)
                } else {
                    sink.endArray(closed, count: members)
                }
            }
            skipWhitespace()
            guard pos == end else { throw error(.trailingData, at: pos) }
            return sink.finish()
        }
    }

    /// Makes `frame` the innermost open container.
    @inline(__always)
    private mutating func open(_ frame: Frame) {
        if depth > 0 { frames.append(Frame(isObject: inObject, token: token, count: count)) }
        (inObject, token, count) = (frame.isObject, frame.token, frame.count)
        depth += 1
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end {
            let byte = base[pos]
            guard byte <= UInt8(ascii: " ") else { return }
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t") else { return }
            pos += 1
        }
    }

    /// Consumes `literal` (`true`, `false` or `null`), whose first byte is at `pos`.
    @inline(__always)
    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        // Fast path: the first four bytes as one word, then the rest.
        if pos &+ count <= end,
           UnsafeRawPointer(base + pos).loadUnaligned(as: UInt32.self) == UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt32.self),
           count == 4 || base[pos &+ 4] == bytes[4] {
            pos &+= count
            return
        }
        for expected in bytes {
            guard pos < end else { throw error(.unexpectedEnd, at: pos) }
            guard base[pos] == expected else { throw error(.unexpectedByte, at: pos) }
            pos += 1
        }
    }

    // MARK: Numbers

    @inline(__always)
    private func isDigit(at offset: Int) -> Bool {
        offset < end && base[offset] &- UInt8(ascii: "0") < 10
    }

    /// Skips a number starting at `pos` (a `-` or a digit), checking its grammar.
    private mutating func parseNumber() throws(JSONError) {
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        guard isDigit(at: pos) else { throw unexpected(orEnd: .invalidNumber) }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if isDigit(at: pos) { throw error(.invalidNumber, at: pos) }
        } else {
            repeat { pos += 1 } while isDigit(at: pos)
        }
        if pos < end && base[pos] == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(at: pos) else { throw unexpected(orEnd: .invalidNumber) }
            repeat { pos += 1 } while isDigit(at: pos)
        }
        if pos < end && base[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < end && (base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard isDigit(at: pos) else { throw unexpected(orEnd: .invalidNumber) }
            repeat { pos += 1 } while isDigit(at: pos)
        }
    }

    // MARK: Strings

    /// Parses a string whose opening quote has been consumed, up to and including its closing quote.
    ///
    /// - Returns: Whether the string has escapes (then its decoded UTF-8 is in `scratch`,
    ///   otherwise it is the input from the start up to the closing quote), and whether its
    ///   decoded text is all ASCII.
    @inline(__always)
    private mutating func parseString() throws(JSONError) -> (escaped: Bool, ascii: Bool) {
        // Fast path, inlined: printable ASCII up to the closing quote.
        let start = pos
        while pos &+ 8 <= end {
            let mask = JSONParser.attentionMask(UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)))
            if mask != 0 {
                pos &+= mask.trailingZeroBitCount &>> 3
                if base[pos] == UInt8(ascii: "\"") {
                    pos &+= 1
                    return (false, true)
                }
                break
            }
            pos &+= 8
        }
        return try parseStringSlowly(from: start)
    }

    /// ``parseString()`` for the rest of a string that starts at `start`, from `pos` on.
    @inline(never)
    private mutating func parseStringSlowly(from start: Int) throws(JSONError) -> (escaped: Bool, ascii: Bool) {
        var escaped = false
        var ascii = true
        var copiedUpTo = start
        while true {
            // Skip printable ASCII eight bytes at a time, stopping exactly at the first byte
            // that is a quote, a backslash, a control character or non-ASCII.
            while pos &+ 8 <= end {
                let mask = JSONParser.attentionMask(UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)))
                if mask != 0 {
                    pos &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                pos &+= 8
            }
            guard pos < end else { throw error(.unexpectedEnd, at: pos) }
            let byte = base[pos]
            if byte == UInt8(ascii: "\"") {
                if escaped {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + copiedUpTo, count: pos - copiedUpTo))
                }
                pos += 1
                return (escaped, ascii)
            } else if byte == UInt8(ascii: "\\") {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + copiedUpTo, count: pos - copiedUpTo))
                if try !parseEscape() { ascii = false }
                copiedUpTo = pos
            } else if byte < 0x20 {
                throw error(.controlCharacter, at: pos)
            } else if byte < 0x80 {
                pos += 1
            } else {
                ascii = false
                try skipUTF8Sequence()
            }
        }
    }

    /// For the eight bytes of `word` (first byte lowest), a mask whose lowest set bit is the
    /// high bit of the first byte that is `"`, `\`, a control character or non-ASCII; zero
    /// when there is none. (Bits above the lowest may be spurious.)
    @inline(__always)
    private static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (control | hasQuote | hasBackslash | word) & (ones &* 0x80)
    }

    /// Validates one multi-byte UTF-8 sequence at `pos` (Unicode Table 3-7) and skips it.
    private mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = base[pos]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error(.invalidUTF8, at: pos)
        }
        for i in 1..<length {
            let offset = pos + i
            guard offset < end else { throw error(.unexpectedEnd, at: offset) }
            let byte = base[offset]
            let ok = i == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80)
            guard ok else { throw error(.invalidUTF8, at: pos) }
        }
        pos += length
    }

    /// Decodes the escape whose backslash is at `pos` into `scratch` and skips it.
    /// - Returns: Whether the decoded character is ASCII.
    private mutating func parseEscape() throws(JSONError) -> Bool {
        let backslash = pos
        pos += 1
        guard pos < end else { throw error(.unexpectedEnd, at: pos) }
        let decoded: UInt8
        switch base[pos] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            pos += 1
            var scalar = UInt32(try parseHex4())
            if scalar & 0xFC00 == 0xD800 {
                // A high surrogate must be followed by an escaped low surrogate.
                guard pos + 1 < end, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidSurrogate, at: backslash)
                }
                pos += 2
                let low = UInt32(try parseHex4())
                guard low & 0xFC00 == 0xDC00 else { throw error(.invalidSurrogate, at: backslash) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar & 0xFC00 == 0xDC00 {
                throw error(.invalidSurrogate, at: backslash)
            }
            appendUTF8(scalar)
            return scalar < 0x80
        default:
            throw error(.invalidEscape, at: pos)
        }
        scratch.append(decoded)
        pos += 1
        return true
    }

    /// Reads four hex digits at `pos` and skips them.
    private mutating func parseHex4() throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard pos < end else { throw error(.unexpectedEnd, at: pos) }
            let byte = base[pos]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape, at: pos)
            }
            value = value << 4 | UInt16(digit)
            pos += 1
        }
        return value
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value (not a surrogate) to `scratch`.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
