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
///
/// A writer is noncopyable: it owns its buffer, so pass it `inout` and take the text out with
/// ``takeBytes()``, ``bytes`` or ``string``.
public struct JSONWriter: ~Copyable, @unchecked Sendable {
    // The primitives are inlinable so that a caller in another module (the decision writer
    // writes thousands of them per document) pays no call per primitive; the stored properties
    // are therefore visible to inlined code, but only the writer's own methods touch them.
    //
    // The writer is noncopyable so that it owns its buffer alone: it writes through `base`, a
    // pointer to the buffer's bytes, without the uniqueness check (and possible copy) that
    // writing into a shared array needs, once per primitive. That is sound because `storage`
    // is never shared (it leaves the writer only by ``takeBytes()``, which replaces it) and
    // never resized through the array: only ``grow(minimum:)`` replaces it, and resets `base`.
    // Sending a writer sends the buffer with it, hence `@unchecked Sendable`.

    /// The output buffer, all of it initialized; bytes at and after ``length`` are spare capacity.
    @usableFromInline var storage: [UInt8]
    /// The address of the first byte of ``storage``.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    /// The number of bytes in ``storage``.
    @usableFromInline var capacity: Int
    /// How many bytes of ``storage`` have been written.
    @usableFromInline var length = 0
    /// Whether the next value or key must be preceded by a comma.
    @usableFromInline var needsComma = false

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve up front; a good guess avoids regrowing the buffer.
    public init(capacity: Int = 1024) {
        let count = max(capacity, 16)
        var buffer = JSONWriter.uninitializedBuffer(count: count)
        base = buffer.withUnsafeMutableBufferPointer { $0.baseAddress! }
        storage = buffer
        self.capacity = count
    }

    /// The JSON text written so far, as UTF-8 (a copy of the writer's buffer).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: length)) }

    /// The JSON text written so far.
    public var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self)
    }

    /// The number of bytes written so far.
    public var count: Int { length }

    /// Hands over the JSON text written so far without copying it, leaving the writer empty.
    ///
    /// Prefer this to ``bytes`` when the writer is done: ``bytes`` copies the text.
    public mutating func takeBytes() -> [UInt8] {
        var text = JSONWriter.uninitializedBuffer(count: 16)
        let emptyBase = text.withUnsafeMutableBufferPointer { $0.baseAddress! }
        swap(&text, &storage)
        base = emptyBase
        capacity = 16
        // Bytes are trivial, so dropping the spare tail only shortens the count.
        text.removeLast(text.count - length)
        length = 0
        needsComma = false
        return text
    }

    /// Makes room for at least `count` more bytes, so that writing them does not regrow the buffer.
    ///
    /// - Parameter count: The number of bytes about to be written.
    public mutating func reserveCapacity(_ count: Int) {
        if length + count > capacity { grow(minimum: length + count) }
    }

    /// The UTF-8 bytes of `text` escaped for a JSON string, without quotes: what ``string(_:)``
    /// writes between the quotes. Escape a string once with this when it is written many times,
    /// for example as the tail of ``key(_:escapedTail:)``.
    ///
    /// - Parameter text: The string.
    /// - Returns: The escaped UTF-8 bytes.
    public static func escaped(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { source in
            [UInt8](unsafeUninitializedCapacity: source.count * 6) { out, initialized in
                initialized = source.isEmpty ? 0 : copyEscaping(source, to: out.baseAddress!)
            }
        }
    }

    /// Appends the UTF-8 bytes of `text` escaped for a JSON string, without quotes (what
    /// ``escaped(_:)`` returns), to `bytes`, without building a temporary array when nothing
    /// needs escaping.
    ///
    /// - Parameters:
    ///   - text: The string.
    ///   - bytes: The array to append to.
    public static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var copy = text
        if copy.withUTF8({ escapedCount($0) == $0.count }) { bytes.append(contentsOf: copy.utf8) } else { bytes += escaped(text) }
    }

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
    @inlinable @inline(__always)
    public mutating func beginObject() {
        punctuation(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the innermost object.
    @inlinable @inline(__always)
    public mutating func endObject() {
        needsComma = false
        punctuation(UInt8(ascii: "}"))
    }

    /// Starts an array; follow with values and ``endArray()``.
    @inlinable @inline(__always)
    public mutating func beginArray() {
        punctuation(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the innermost array.
    @inlinable @inline(__always)
    public mutating func endArray() {
        needsComma = false
        punctuation(UInt8(ascii: "]"))
    }

    /// Writes an object key, escaped as needed; the next call writes its value.
    ///
    /// - Parameter name: The key.
    @inlinable @inline(__always)
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
        head.withUTF8 { h in tail.withUTF8 { t in key(utf8: h, tail: t, tailIsEscaped: false) } }
    }

    /// Writes an object key that is `head`, escaped as needed, followed by bytes that are
    /// already escaped (from ``escaped(_:)``, typically computed once and written many times);
    /// the next call writes its value.
    ///
    /// - Parameters:
    ///   - head: The first part of the key.
    ///   - escapedTail: The rest of the key as escaped UTF-8, without quotes.
    @inlinable @inline(__always)
    public mutating func key(_ head: String, escapedTail: UnsafeBufferPointer<UInt8>) {
        if head.utf8.withContiguousStorageIfAvailable({ key(utf8: $0, tail: escapedTail, tailIsEscaped: true) }) != nil { return }
        var head = head
        head.withUTF8 { key(utf8: $0, tail: escapedTail, tailIsEscaped: true) }
    }

    /// Writes an object key that begins with text already written, the opening quote and
    /// escaped head of an earlier key, followed by bytes that are already escaped; the next
    /// call writes its value. Keys that share a head (JSON Pointers to fields of one record)
    /// then escape it once.
    ///
    /// - Parameters:
    ///   - head: The offsets of the earlier key's opening quote and escaped head: from
    ///     ``beginSpan()`` before that key, up to where its tail began.
    ///   - escapedTail: The rest of the key as escaped UTF-8, without the closing quote.
    @inlinable @inline(__always)
    public mutating func key(repeatingHead head: Range<Int>, escapedTail tail: UnsafeBufferPointer<UInt8>) {
        precondition(head.lowerBound >= 0 && head.upperBound <= length, "key(repeatingHead:escapedTail:) needs text already written")
        let comma = needsComma
        let back = length &- head.lowerBound
        withSpace(head.count &+ tail.count &+ 3) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            // The head lies before `out`, in the same buffer, so the two do not overlap.
            JSONWriter.copy(UnsafeBufferPointer(start: out - back, count: head.count), to: out + n); n &+= head.count
            JSONWriter.copy(tail, to: out + n); n &+= tail.count
            out[n] = UInt8(ascii: "\""); out[n &+ 1] = UInt8(ascii: ":")
            return n &+ 2
        }
        needsComma = false
    }

    /// Writes an object key given as UTF-8 bytes, escaped as needed (for a key read in place,
    /// without copying its `String`); the next call writes its value.
    ///
    /// - Parameter utf8: The key's UTF-8 bytes.
    @inlinable @inline(__always)
    public mutating func key(utf8: UnsafeBufferPointer<UInt8>) {
        quoted(utf8, colon: true)
        needsComma = false
    }

    /// Writes an object key that is `head`, given as UTF-8 bytes and escaped as needed,
    /// followed by bytes that are already escaped; the next call writes its value.
    ///
    /// - Parameters:
    ///   - head: The first part of the key as UTF-8.
    ///   - escapedTail: The rest of the key as escaped UTF-8, without quotes.
    @inlinable @inline(__always)
    public mutating func key(utf8 head: UnsafeBufferPointer<UInt8>, escapedTail: UnsafeBufferPointer<UInt8>) {
        key(utf8: head, tail: escapedTail, tailIsEscaped: true)
    }

    /// Writes the key `head` + `tail` from UTF-8; `tail` is copied as it is when `tailIsEscaped`.
    @inlinable @inline(__always)
    mutating func key(utf8 head: UnsafeBufferPointer<UInt8>, tail: UnsafeBufferPointer<UInt8>, tailIsEscaped: Bool) {
        let comma = needsComma
        withSpace(head.count &* 6 &+ tail.count &* (tailIsEscaped ? 1 : 6) &+ 4) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = UInt8(ascii: "\""); n &+= 1
            n &+= JSONWriter.copyEscaping(head, to: out + n)
            if tailIsEscaped {
                JSONWriter.copy(tail, to: out + n); n &+= tail.count
            } else {
                n &+= JSONWriter.copyEscaping(tail, to: out + n)
            }
            out[n] = UInt8(ascii: "\""); out[n &+ 1] = UInt8(ascii: ":")
            return n &+ 2
        }
        needsComma = false
    }

    /// Writes an object key known at compile time, copying its bytes without escaping.
    ///
    /// - Parameter name: The key; it must contain no `"`, `\` or control characters
    ///   (checked in debug builds).
    @inlinable @inline(__always)
    public mutating func key(raw name: StaticString) {
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        assert(JSONWriter.escapedCount(text) == text.count, "key(raw:) needs escaping")
        quotedVerbatim(text, colon: true)
        needsComma = false
    }

    /// Writes a string value, escaped as needed.
    ///
    /// - Parameter text: The string.
    @inlinable @inline(__always)
    public mutating func string(_ text: String) {
        quoted(text, colon: false)
    }

    /// Writes a string value given as UTF-8 bytes, escaped as needed (for text formatted into a
    /// local buffer, such as a date, without building a `String`).
    ///
    /// - Parameter utf8: The string's UTF-8 bytes.
    @inlinable @inline(__always)
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        quoted(utf8, colon: false)
    }

    /// Writes a string value whose UTF-8 bytes need no escaping (from ``escaped(_:)``, or text
    /// such as a formatted date that cannot hold `"`, `\` or control characters), copying them
    /// as they are.
    ///
    /// - Parameter escapedUTF8: The string's escaped UTF-8 bytes, without quotes.
    @inlinable @inline(__always)
    public mutating func string(escapedUTF8 text: UnsafeBufferPointer<UInt8>) {
        quotedVerbatim(text, colon: false)
        needsComma = true
    }

    /// Returns the offset at which the next key or value's own text will begin: after the
    /// comma it needs, if any, which that key or value writes.
    ///
    /// With ``count`` after it, this delimits a span of complete members (key–value pairs) or
    /// values that ``repeatSpan(_:)`` can write again later, for text that recurs.
    ///
    /// - Returns: The offset of the next key or value.
    @inlinable @inline(__always)
    public mutating func beginSpan() -> Int {
        // Every key and value starts with the comma it needs, so the comma is left to it
        // rather than written on its own (one buffer access fewer per span).
        needsComma ? length &+ 1 : length
    }

    /// Writes text known at compile time exactly as it is, preceded by a comma if needed (none
    /// when it starts with `}` or `]`, which close a container):
    /// punctuation with raw keys between, such as `{"rule":`, `"facts":{` or `}}`, in one
    /// buffer access instead of one per piece.
    ///
    /// - Parameter text: The text; it must not start with a comma, must continue the document
    ///   validly at this point, and must hold no string that needs escaping. A comma is due
    ///   after it unless it ends with `{`, `[` or `:`.
    @inlinable @inline(__always)
    public mutating func fragment(_ text: StaticString) {
        fragment(escaped: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes text made at run time the way ``fragment(_:)`` writes text known at compile time:
    /// punctuation, keys and values already escaped, such as a key and its opening brace built
    /// once and written many times.
    ///
    /// - Parameter bytes: The text as UTF-8; the requirements of ``fragment(_:)`` apply.
    @inlinable @inline(__always)
    public mutating func fragment(escaped bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        assert(bytes[0] != UInt8(ascii: ","), "fragment(_:) needs text that does not start with a comma")
        // Like endObject() and endArray(), a fragment that closes a container takes no comma.
        let first = bytes[0]
        let comma = needsComma && first != UInt8(ascii: "}") && first != UInt8(ascii: "]")
        withSpace(bytes.count &+ 1) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            JSONWriter.copy(bytes, to: out + n)
            return n &+ bytes.count
        }
        let last = bytes[bytes.count &- 1]
        needsComma = last != UInt8(ascii: "{") && last != UInt8(ascii: "[") && last != UInt8(ascii: ":")
    }

    /// Writes again the text of `span`, preceded by a comma if needed.
    ///
    /// - Parameter span: Offsets from ``beginSpan()`` and ``count``, delimiting complete members
    ///   of an object, when called in an object, or complete values, when called in an array.
    @inlinable @inline(__always)
    public mutating func repeatSpan(_ span: Range<Int>) {
        precondition(span.lowerBound >= 0 && span.upperBound <= length, "repeatSpan(_:) needs text already written")
        let comma = needsComma
        let back = length &- span.lowerBound
        withSpace(span.count &+ 1) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            // The span lies before `out`, in the same buffer, so the two do not overlap.
            let source = out - back
            JSONWriter.copy(UnsafeBufferPointer(start: source, count: span.count), to: out + n)
            return n &+ span.count
        }
        needsComma = true
    }

    /// Writes a signed integer.
    ///
    /// - Parameter number: The integer.
    @inlinable
    public mutating func int(_ number: Int) {
        int(Int64(number))
    }

    /// Writes a signed 64-bit integer.
    ///
    /// - Parameter number: The integer.
    @inlinable
    public mutating func int(_ number: Int64) {
        digits(number.magnitude, negative: number < 0)
    }

    /// Writes an unsigned 64-bit integer.
    ///
    /// - Parameter number: The integer.
    @inlinable
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
    @inlinable @inline(__always)
    public mutating func bool(_ flag: Bool) {
        let comma = needsComma
        withSpace(6) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            if flag {
                out[n] = UInt8(ascii: "t"); out[n &+ 1] = UInt8(ascii: "r"); out[n &+ 2] = UInt8(ascii: "u")
                out[n &+ 3] = UInt8(ascii: "e")
                return n &+ 4
            }
            out[n] = UInt8(ascii: "f"); out[n &+ 1] = UInt8(ascii: "a"); out[n &+ 2] = UInt8(ascii: "l")
            out[n &+ 3] = UInt8(ascii: "s"); out[n &+ 4] = UInt8(ascii: "e")
            return n &+ 5
        }
        needsComma = true
    }

    /// Writes `null`.
    @inlinable @inline(__always)
    public mutating func null() {
        let comma = needsComma
        withSpace(5) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = UInt8(ascii: "n"); out[n &+ 1] = UInt8(ascii: "u"); out[n &+ 2] = UInt8(ascii: "l")
            out[n &+ 3] = UInt8(ascii: "l")
            return n &+ 4
        }
        needsComma = true
    }

    // MARK: Buffer

    /// Reserves `count` bytes, lets `body` fill some of them from the pointer it gets and
    /// return how many it wrote, and keeps those.
    @inlinable @inline(__always)
    mutating func withSpace(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if _slowPath(length &+ count > capacity) { grow(minimum: length &+ count) }
        length &+= body(base + length)
    }

    @usableFromInline
    mutating func grow(minimum: Int) {
        let newCapacity = Swift.max(minimum, capacity * 2)
        var larger = JSONWriter.uninitializedBuffer(count: newCapacity)
        let newBase = larger.withUnsafeMutableBufferPointer { $0.baseAddress! }
        newBase.update(from: base, count: length)
        storage = larger
        base = newBase
        capacity = newCapacity
    }

    /// A byte array of `count` elements whose contents are unspecified. Bytes are trivial
    /// values, and the writer only ever reads back bytes it wrote, so skipping the zero fill
    /// is safe.
    private static func uninitializedBuffer(count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Writes a separating comma if needed, then `byte`, and marks that a comma is due next.
    @inlinable @inline(__always)
    mutating func punctuation(_ byte: UInt8) {
        let comma = needsComma
        withSpace(2) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = byte
            return n &+ 1
        }
        needsComma = true
    }

    /// Writes a value whose bytes need no escaping (a literal), preceded by a comma if needed.
    private mutating func raw(_ text: UnsafeBufferPointer<UInt8>) {
        let comma = needsComma
        withSpace(text.count &+ 1) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            JSONWriter.copy(text, to: out + n)
            return n &+ text.count
        }
        needsComma = true
    }

    private mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { raw($0) }
    }

    /// Writes the decimal digits of `magnitude`, with a minus sign when `negative`.
    @inlinable
    mutating func digits(_ magnitude: UInt64, negative: Bool) {
        let comma = needsComma
        withSpace(22) { out in
            var n = 0
            if comma { out[n] = UInt8(ascii: ","); n += 1 }
            if negative { out[n] = UInt8(ascii: "-"); n += 1 }
            if magnitude < 10 {
                out[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
                return n &+ 1
            }
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
    @inlinable @inline(__always)
    mutating func quoted(_ text: String, colon: Bool) {
        if text.utf8.withContiguousStorageIfAvailable({ quoted($0, colon: colon) }) != nil { return }
        var text = text
        text.withUTF8 { quoted($0, colon: colon) }
    }

    /// Writes UTF-8 `text` in quotes, escaping `"`, `\` and control characters.
    @inlinable @inline(__always)
    mutating func quoted(_ text: UnsafeBufferPointer<UInt8>, colon: Bool) {
        let comma = needsComma
        // At most six bytes per input byte (`\u00XX`), two quotes, a comma and a colon.
        withSpace(text.count &* 6 &+ 4) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = UInt8(ascii: "\""); n &+= 1
            n &+= JSONWriter.copyEscaping(text, to: out + n)
            out[n] = UInt8(ascii: "\""); n &+= 1
            if colon { out[n] = UInt8(ascii: ":"); n &+= 1 }
            return n
        }
        needsComma = true
    }

    /// Writes `text`, which needs no escaping, in quotes as it is (with a colon after it for a
    /// key), preceded by a comma if one is due.
    @inlinable @inline(__always)
    mutating func quotedVerbatim(_ text: UnsafeBufferPointer<UInt8>, colon: Bool) {
        let comma = needsComma
        withSpace(text.count &+ 4) { out in
            var n = 0
            if comma { out[0] = UInt8(ascii: ","); n = 1 }
            out[n] = UInt8(ascii: "\""); n &+= 1
            JSONWriter.copy(text, to: out + n); n &+= text.count
            out[n] = UInt8(ascii: "\""); n &+= 1
            if colon { out[n] = UInt8(ascii: ":"); n &+= 1 }
            return n
        }
    }

    /// Copies `text` to `out` by overlapping words, which beats a call to `memmove` for the
    /// short strings that dominate JSON documents.
    @inlinable @inline(__always)
    static func copy(_ text: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        let source = UnsafeRawPointer(base)
        let target = UnsafeMutableRawPointer(out)
        if count >= 8 {
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

    /// Copies UTF-8 `text` to `out`, escaping `"`, `\` and control characters; returns the
    /// number of bytes written (at most six per input byte).
    ///
    /// Whole words are copied while none needs escaping (the common case, in one pass); from
    /// the first word that may, the rest is escaped byte by byte.
    @inlinable @inline(__always)
    static func copyEscaping(_ text: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let count = text.count
        let source = UnsafeRawPointer(base)
        let target = UnsafeMutableRawPointer(out)
        if count >= 8 {
            var i = 0
            while i &+ 8 < count {
                let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if mayNeedEscape(word) { return escape(text, from: i, into: out) }
                target.storeBytes(of: word, toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            // The last word overlaps bytes already copied, which are the same either way.
            let last = source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            if mayNeedEscape(last) { return escape(text, from: i, into: out) }
            target.storeBytes(of: last, toByteOffset: count &- 8, as: UInt64.self)
            return count
        }
        if count >= 4 {
            let low = source.loadUnaligned(as: UInt32.self)
            let high = source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            if mayNeedEscape(UInt64(low) | UInt64(high) << 32) { return escape(text, from: 0, into: out) }
            target.storeBytes(of: low, as: UInt32.self)
            target.storeBytes(of: high, toByteOffset: count &- 4, as: UInt32.self)
            return count
        }
        for i in 0..<count {
            let byte = base[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return escape(text, from: i, into: out) }
            out[i] = byte
        }
        return count
    }

    /// The length of UTF-8 `text` once `"`, `\` and control characters are escaped.
    @usableFromInline
    static func escapedCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = text.count
        for byte in text {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                count += 1
            } else if byte < 0x20 {
                switch byte {
                case 0x0A, 0x09, 0x0D, 0x08, 0x0C: count += 1
                default: count += 5
                }
            }
        }
        return count
    }

    /// Writes UTF-8 `text` escaped into `out`, from input and output offset `start` (the bytes
    /// before it need no escaping and are already copied); returns the offset after it.
    @usableFromInline
    static func escape(_ text: UnsafeBufferPointer<UInt8>, from start: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let hex: StaticString = "0123456789abcdef"
        guard let base = text.baseAddress else { return start }
        var n = start
        var i = start
        while i < text.count {
            // Between the bytes that need escaping, whole words are copied as they are.
            if i &+ 8 <= text.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !mayNeedEscape(word) {
                    UnsafeMutableRawPointer(out + n).storeBytes(of: word, as: UInt64.self)
                    i &+= 8
                    n &+= 8
                    continue
                }
            }
            let byte = base[i]
            i &+= 1
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
    @inlinable @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        return (control | hasQuote | hasBackslash) & (ones &* 0x80) != 0
    }
}
