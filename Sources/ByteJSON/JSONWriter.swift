/// Writes compact RFC 8259 JSON text straight into a byte buffer.
///
/// Call the methods in document order; commas are inserted automatically. The writer does
/// not check structure (a key outside an object, unbalanced ends): the caller writes a
/// well-formed sequence, which is easy because the calls mirror the document.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.key(raw: "caseId")
/// writer.string("SY-2026-0001")
/// writer.key(raw: "scores")
/// writer.beginArray()
/// writer.int(3)
/// writer.double(0.25)
/// writer.endArray()
/// writer.endObject()
/// // writer.string == #"{"caseId":"SY-2026-0001","scores":[3,0.25]}"#
/// ```
///
/// Strings are written as UTF-8; `"`, `\` and control characters are escaped (`\n \t \r \b
/// \f`, otherwise `\u00XX`), and nothing else is, so non-ASCII text and `/` appear as they are.
public struct JSONWriter: Sendable {
    /// The output buffer; bytes at and after ``length`` are spare capacity.
    private var storage: [UInt8]
    /// How many bytes of ``storage`` have been written.
    private var length = 0
    /// Whether the next value or key must be preceded by a comma.
    private var needsComma = false

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve up front; a good guess avoids regrowing the buffer.
    public init(capacity: Int = 1024) {
        storage = JSONWriter.uninitializedBuffer(count: max(capacity, 16))
    }

    /// The JSON text written so far, as UTF-8 (a copy of the writer's buffer).
    public var bytes: [UInt8] { Array(storage[..<length]) }

    /// The JSON text written so far.
    public var string: String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[..<length]), as: UTF8.self) }
    }

    /// The number of bytes written so far.
    public var count: Int { length }

    /// Writes a complete value, for example one read by ``JSONReader``; numbers are written with
    /// their exact text. Values of any depth are written without exhausting the stack.
    ///
    /// - Parameter value: The value to write.
    public mutating func value(_ value: JSONValue) {
        write(value, depth: 0)
    }

    /// How deep ``value(_:)`` recurses before it continues with an explicit stack.
    private static let recursionLimit = 256

    /// Writes `value` by recursion, which is fastest, up to ``recursionLimit`` levels.
    private mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let elements):
            guard depth < JSONWriter.recursionLimit else { return writeIteratively(value) }
            beginArray()
            elements.withUnsafeBufferPointer { buffer in
                for index in buffer.indices { write(buffer[index], depth: depth + 1) }
            }
            endArray()
        case .object(let object):
            guard depth < JSONWriter.recursionLimit else { return writeIteratively(value) }
            beginObject()
            object.members.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    key(buffer[index].key)
                    write(buffer[index].value, depth: depth + 1)
                }
            }
            endObject()
        }
    }

    /// Writes `value` with an explicit stack instead of recursion.
    private mutating func writeIteratively(_ value: JSONValue) {
        /// An array or object being written, with the index of its next element.
        enum Open {
            case array([JSONValue], Int)
            case object([JSONObject.Member], Int)
        }
        var stack: [Open] = []
        var next: JSONValue? = value
        while true {
            if let current = next {
                next = nil
                switch current {
                case .array(let elements):
                    beginArray()
                    stack.append(.array(elements, 0))
                case .object(let object):
                    beginObject()
                    stack.append(.object(object.members, 0))
                default:
                    write(current, depth: 0)
                }
            }
            guard let top = stack.last else { return }
            switch top {
            case .array(let elements, let index):
                if index < elements.count {
                    stack[stack.count - 1] = .array(elements, index + 1)
                    next = elements[index]
                } else {
                    endArray()
                    stack.removeLast()
                }
            case .object(let members, let index):
                if index < members.count {
                    stack[stack.count - 1] = .object(members, index + 1)
                    key(members[index].key)
                    next = members[index].value
                } else {
                    endObject()
                    stack.removeLast()
                }
            }
        }
    }

    /// Starts an object; follow with ``key(_:)``–value pairs and ``endObject()``.
    public mutating func beginObject() {
        punctuation(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the innermost object.
    public mutating func endObject() {
        needsComma = false
        punctuation(UInt8(ascii: "}"))
    }

    /// Starts an array; follow with values and ``endArray()``.
    public mutating func beginArray() {
        punctuation(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the innermost array.
    public mutating func endArray() {
        needsComma = false
        punctuation(UInt8(ascii: "]"))
    }

    /// Writes an object key, escaped as needed; the next call writes its value.
    ///
    /// - Parameter name: The key.
    public mutating func key(_ name: String) {
        quoted(name, colon: true)
        needsComma = false
    }

    /// Writes an object key that is the concatenation of `head` and `tail`, escaped as needed,
    /// without building the joined string (for keys made of parts, such as a JSON Pointer from a
    /// record's path and a field name); the next call writes its value.
    ///
    /// - Parameters:
    ///   - head: The first part of the key.
    ///   - tail: The rest of the key.
    public mutating func key(_ head: String, _ tail: String) {
        var head = head, tail = tail
        head.withUTF8 { h in
            tail.withUTF8 { t in
                let he = JSONWriter.escapedCount(h), te = JSONWriter.escapedCount(t)
                let comma = needsComma
                append(reserving: he + te + 4) { out in
                    var n = 0
                    if comma { out[n] = UInt8(ascii: ","); n += 1 }
                    out[n] = UInt8(ascii: "\""); n += 1
                    if he == h.count { JSONWriter.copy(h, to: out + n); n += h.count } else { n = JSONWriter.escape(h, into: out, at: n) }
                    if te == t.count { JSONWriter.copy(t, to: out + n); n += t.count } else { n = JSONWriter.escape(t, into: out, at: n) }
                    out[n] = UInt8(ascii: "\""); n += 1
                    out[n] = UInt8(ascii: ":"); n += 1
                    return n
                }
            }
        }
        needsComma = false
    }

    /// Writes an object key known at compile time, copying its bytes without escaping.
    ///
    /// - Parameter name: The key; it must contain no `"`, `\` or control characters
    ///   (checked in debug builds).
    public mutating func key(raw name: StaticString) {
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        assert(JSONWriter.escapedCount(text) == text.count, "key(raw:) needs escaping")
        quoted(text, escapedCount: text.count, colon: true)
        needsComma = false
    }

    /// Writes a string value, escaped as needed.
    ///
    /// - Parameter text: The string.
    public mutating func string(_ text: String) {
        quoted(text, colon: false)
    }

    /// Writes a signed integer.
    ///
    /// - Parameter number: The integer.
    public mutating func int(_ number: Int) {
        int(Int64(number))
    }

    /// Writes a signed 64-bit integer.
    ///
    /// - Parameter number: The integer.
    public mutating func int(_ number: Int64) {
        digits(number.magnitude, negative: number < 0)
    }

    /// Writes an unsigned 64-bit integer.
    ///
    /// - Parameter number: The integer.
    public mutating func uint(_ number: UInt64) {
        digits(number, negative: false)
    }

    /// Writes a double in the shortest text that reads back as the same double.
    ///
    /// Integral values keep a fraction (`1.0`), large and small magnitudes use an exponent
    /// (`1e+16`, `1e-07`), and `-0.0` keeps its sign; all of these are valid JSON numbers.
    /// JSON has no infinities or NaN: a non-finite value is written as `null`.
    ///
    /// - Parameter number: The double.
    public mutating func double(_ number: Double) {
        if number.isFinite {
            raw(number.description)
        } else {
            null()
        }
    }

    /// Writes a number with its exact text.
    ///
    /// - Parameter number: The number.
    public mutating func number(_ number: JSONNumber) {
        raw(number.text)
    }

    /// Writes `true` or `false`.
    ///
    /// - Parameter flag: The Boolean.
    public mutating func bool(_ flag: Bool) {
        raw(flag ? "true" : "false" as StaticString)
    }

    /// Writes `null`.
    public mutating func null() {
        raw("null" as StaticString)
    }

    // MARK: Buffer

    /// Reserves `count` bytes, lets `body` fill some of them from the pointer it gets and
    /// return how many it wrote, and keeps those.
    @inline(__always)
    private mutating func append(reserving count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if length &+ count > storage.count { grow(minimum: length + count) }
        let start = length
        length = start &+ storage.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }

    private mutating func grow(minimum: Int) {
        var larger = JSONWriter.uninitializedBuffer(count: Swift.max(minimum, storage.count * 2))
        let written = length
        storage.withUnsafeBufferPointer { old in
            larger.withUnsafeMutableBufferPointer { new in
                new.baseAddress!.update(from: old.baseAddress!, count: written)
            }
        }
        storage = larger
    }

    /// A byte array of `count` elements whose contents are unspecified. Bytes are trivial
    /// values, and the writer only ever reads back bytes it wrote, so skipping the zero fill
    /// is safe.
    private static func uninitializedBuffer(count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Writes a separating comma if needed, then `byte`, and marks that a comma is due next.
    @inline(__always)
    private mutating func punctuation(_ byte: UInt8) {
        let comma = needsComma
        append(reserving: 2) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = byte
            return n + 1
        }
        needsComma = true
    }

    /// Writes a value whose bytes need no escaping (a literal), preceded by a comma if needed.
    @inline(__always)
    private mutating func raw(_ text: UnsafeBufferPointer<UInt8>) {
        let comma = needsComma
        append(reserving: text.count + 1) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            (out + n).update(from: text.baseAddress!, count: text.count)
            return n + text.count
        }
        needsComma = true
    }

    @inline(__always)
    private mutating func raw(_ literal: StaticString) {
        raw(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { raw($0) }
    }

    /// Writes the decimal digits of `magnitude`, with a minus sign when `negative`.
    private mutating func digits(_ magnitude: UInt64, negative: Bool) {
        let comma = needsComma
        append(reserving: 22) { out in
            var n = 0
            if comma { out[n] = UInt8(ascii: ","); n += 1 }
            if negative { out[n] = UInt8(ascii: "-"); n += 1 }
            var digitCount = 1
            var rest = magnitude
            while rest >= 10 { rest /= 10; digitCount += 1 }
            rest = magnitude
            for i in stride(from: n + digitCount - 1, through: n, by: -1) {
                out[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return n + digitCount
        }
        needsComma = true
    }

    /// Writes `text` in quotes, escaped, with a comma before it if needed and a colon after it for a key.
    @inline(__always)
    private mutating func quoted(_ text: String, colon: Bool) {
        var text = text
        text.withUTF8 { quoted($0, escapedCount: JSONWriter.escapedCount($0), colon: colon) }
    }

    /// Writes UTF-8 `text` in quotes, escaping `"`, `\` and control characters.
    ///
    /// - Parameter escapedCount: The length of `text` once escaped (from ``escapedCount(_:)``).
    private mutating func quoted(_ text: UnsafeBufferPointer<UInt8>, escapedCount: Int, colon: Bool) {
        let comma = needsComma
        append(reserving: escapedCount + 4) { out in
            var n = 0
            if comma { out[n] = UInt8(ascii: ","); n += 1 }
            out[n] = UInt8(ascii: "\""); n += 1
            if escapedCount == text.count {
                JSONWriter.copy(text, to: out + n)
                n += text.count
            } else {
                n = JSONWriter.escape(text, into: out, at: n)
            }
            out[n] = UInt8(ascii: "\""); n += 1
            if colon { out[n] = UInt8(ascii: ":"); n += 1 }
            return n
        }
        needsComma = true
    }

    /// Copies `text` to `out` by overlapping words, which beats a call to `memmove` for the
    /// short strings that dominate JSON documents.
    @inline(__always)
    private static func copy(_ text: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        let source = UnsafeRawPointer(base)
        let target = UnsafeMutableRawPointer(out)
        if count >= 8 {
            guard count <= 32 else { return target.copyMemory(from: source, byteCount: count) }
            var i = 0
            while i &+ 8 < count {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let low = source.loadUnaligned(as: UInt32.self)
            let high = source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            target.storeBytes(of: low, as: UInt32.self)
            target.storeBytes(of: high, toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for i in 0..<count { out[i] = base[i] }
        }
    }

    /// The length of UTF-8 `text` once `"`, `\` and control characters are escaped.
    @inline(__always)
    private static func escapedCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        // Fast path: whole words while none needs escaping, then the last word overlapping the
        // one before; strings under eight bytes are checked as two overlapping halves.
        let total = text.count
        var index = 0
        if total >= 8 {
            while index &+ 8 < total, !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index &+= 8
            }
            if index &+ 8 >= total, !mayNeedEscape(UnsafeRawPointer(base + (total &- 8)).loadUnaligned(as: UInt64.self)) {
                return total
            }
        } else if total >= 4 {
            let low = UInt64(UnsafeRawPointer(base).loadUnaligned(as: UInt32.self))
            let high = UInt64(UnsafeRawPointer(base + (total &- 4)).loadUnaligned(as: UInt32.self))
            if !mayNeedEscape(low | high << 32) { return total }
        }
        var count = text.count
        while index < text.count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                count += 1
            } else if byte < 0x20 {
                switch byte {
                case 0x0A, 0x09, 0x0D, 0x08, 0x0C: count += 1
                default: count += 5
                }
            }
            index &+= 1
        }
        return count
    }

    /// Writes UTF-8 `text` escaped into `out` from offset `start`; returns the offset after it.
    private static func escape(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        let hex: StaticString = "0123456789abcdef"
        var n = start
        for byte in text {
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                out[n] = byte
                n += 1
                continue
            }
            out[n] = UInt8(ascii: "\\")
            let second: UInt8
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): second = byte
            case 0x0A: second = UInt8(ascii: "n")
            case 0x09: second = UInt8(ascii: "t")
            case 0x0D: second = UInt8(ascii: "r")
            case 0x08: second = UInt8(ascii: "b")
            case 0x0C: second = UInt8(ascii: "f")
            default:
                out[n + 1] = UInt8(ascii: "u")
                out[n + 2] = UInt8(ascii: "0")
                out[n + 3] = UInt8(ascii: "0")
                out[n + 4] = hex.utf8Start[Int(byte >> 4)]
                out[n + 5] = hex.utf8Start[Int(byte & 0xF)]
                n += 6
                continue
            }
            out[n + 1] = second
            n += 2
        }
        return n
    }

    /// Whether any of the eight bytes in `word` might be `"`, `\` or a control character.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (control | hasQuote | hasBackslash) & (ones &* 0x80) != 0
    }
}
