/// The byte-level RFC 8259 parser behind ``JSONReader``.
///
/// The parser is iterative: open arrays and objects live on explicit stacks, so nesting depth
/// is bounded by ``maxDepth`` and never by the thread's stack. Scalars are pushed on a value
/// stack; closing a container moves its elements off that stack into one exactly-sized array.
struct JSONParser: ~Copyable {
    /// One open array or object.
    private struct Frame {
        /// Whether the container is an object (otherwise an array).
        var isObject: Bool
        /// Index on the value stack of the container's first element.
        var start: Int
    }

    private let input: UnsafeBufferPointer<UInt8>
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0
    private let maxDepth: Int
    private let rejectDuplicateKeys: Bool
    private var frames: [Frame] = []
    private var values = MoveStack<JSONValue>(capacity: 64)
    private var keys = MoveStack<String>(capacity: 32)
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    /// Creates a parser over `input`, which must stay valid while the parser runs, starting at
    /// byte `start`, which must be inside the input.
    init(input: UnsafeBufferPointer<UInt8>, start: Int, maxDepth: Int, rejectDuplicateKeys: Bool) {
        self.input = input
        self.pos = start
        self.base = input.baseAddress!
        self.end = input.count
        self.maxDepth = maxDepth
        self.rejectDuplicateKeys = rejectDuplicateKeys
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
    mutating func parse() throws(JSONError) -> JSONValue {
        skipWhitespace()
        parseValue: while true {
            guard pos < end else { throw error(.unexpectedEnd, at: pos) }
            switch base[pos] {
            case UInt8(ascii: "{"):
                guard frames.count < maxDepth else { throw error(.tooDeep, at: pos) }
                pos += 1
                skipWhitespace()
                if pos < end && base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    values.push(.object(JSONObject()))
                } else {
                    frames.append(Frame(isObject: true, start: values.count))
                    try parseKey(memberCount: 0)
                    continue parseValue
                }
            case UInt8(ascii: "["):
                guard frames.count < maxDepth else { throw error(.tooDeep, at: pos) }
                pos += 1
                skipWhitespace()
                if pos < end && base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    values.push(.array([]))
                } else {
                    frames.append(Frame(isObject: false, start: values.count))
                    continue parseValue
                }
            case UInt8(ascii: "\""):
                pos += 1
                values.push(.string(try parseString()))
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                values.push(.bool(true))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                values.push(.bool(false))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                values.push(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                values.push(.number(try parseNumber()))
            default:
                throw error(.unexpectedByte, at: pos)
            }

            // A value is complete: continue or close the enclosing containers.
            while let frame = frames.last {
                skipWhitespace()
                guard pos < end else { throw error(.unexpectedEnd, at: pos) }
                let byte = base[pos]
                if byte == UInt8(ascii: ",") {
                    pos += 1
                    skipWhitespace()
                    if frame.isObject { try parseKey(memberCount: values.count - frame.start) }
                    continue parseValue
                }
                guard byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(.unexpectedByte, at: pos)
                }
                pos += 1
                frames.removeLast()
                if frame.isObject {
                    values.push(.object(JSONObject(popMembers(count: values.count - frame.start))))
                } else {
                    values.push(.array(values.popArray(from: frame.start)))
                }
            }
            skipWhitespace()
            guard pos == end else { throw error(.trailingData, at: pos) }
            return values.pop()
        }
    }

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

    /// Parses `"key"` `:` and the whitespace after it, pushing the key.
    ///
    /// - Parameter memberCount: How many members the current object already has (for the
    ///   duplicate-key check).
    private mutating func parseKey(memberCount: Int) throws(JSONError) {
        guard pos < end && base[pos] == UInt8(ascii: "\"") else { throw unexpected() }
        let keyOffset = pos
        pos += 1
        let key = try parseString()
        if rejectDuplicateKeys {
            for index in (keys.count - memberCount)..<keys.count {
                if keys.withElement(at: index, { $0 == key }) { throw error(.duplicateKey, at: keyOffset) }
            }
        }
        keys.push(key)
        skipWhitespace()
        guard pos < end && base[pos] == UInt8(ascii: ":") else { throw unexpected() }
        pos += 1
        skipWhitespace()
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

    /// Parses a number starting at `pos` (a `-` or a digit).
    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = pos
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
        return JSONNumber(uncheckedText: String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self))
    }

    // MARK: Strings

    /// Parses a string whose opening quote has been consumed, up to and including its closing quote.
    private mutating func parseString() throws(JSONError) -> String {
        let start = pos
        var escaped = false
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
                let string: String
                if escaped {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + copiedUpTo, count: pos - copiedUpTo))
                    string = String(decoding: scratch, as: UTF8.self)
                } else {
                    string = String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
                }
                pos += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + copiedUpTo, count: pos - copiedUpTo))
                try parseEscape()
                copiedUpTo = pos
            } else if byte < 0x20 {
                throw error(.controlCharacter, at: pos)
            } else if byte < 0x80 {
                pos += 1
            } else {
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
    private mutating func parseEscape() throws(JSONError) {
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
            return
        default:
            throw error(.invalidEscape, at: pos)
        }
        scratch.append(decoded)
        pos += 1
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
