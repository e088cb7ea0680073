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
    /// The JSON text written so far, as UTF-8.
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key must be preceded by a comma.
    private var needsComma = false

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve up front; a good guess avoids regrowing the buffer.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The JSON text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes a complete value, for example one read by ``JSONReader``; numbers are written with
    /// their exact text. Deeply nested values are written without recursion.
    ///
    /// - Parameter value: The value to write.
    public mutating func value(_ value: JSONValue) {
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
                case .null: null()
                case .bool(let flag): bool(flag)
                case .number(let number): self.number(number)
                case .string(let text): string(text)
                case .array(let elements):
                    beginArray()
                    stack.append(.array(elements, 0))
                case .object(let object):
                    beginObject()
                    stack.append(.object(object.members, 0))
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
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends the innermost object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array; follow with values and ``endArray()``.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends the innermost array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object key, escaped as needed; the next call writes its value.
    ///
    /// - Parameter name: The key.
    public mutating func key(_ name: String) {
        separate()
        writeQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes an object key known at compile time, copying its bytes without escaping.
    ///
    /// - Parameter name: The key; it must contain no `"`, `\` or control characters
    ///   (checked in debug builds).
    public mutating func key(raw name: StaticString) {
        separate()
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        assert(!text.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }, "key(raw:) needs escaping")
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string value, escaped as needed.
    ///
    /// - Parameter text: The string.
    public mutating func string(_ text: String) {
        separate()
        writeQuoted(text)
        needsComma = true
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
        separate()
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            writeDigits(number.magnitude)
        } else {
            writeDigits(UInt64(number))
        }
        needsComma = true
    }

    /// Writes an unsigned 64-bit integer.
    ///
    /// - Parameter number: The integer.
    public mutating func uint(_ number: UInt64) {
        separate()
        writeDigits(number)
        needsComma = true
    }

    /// Writes a double in the shortest text that reads back as the same double.
    ///
    /// Integral values keep a fraction (`1.0`), large and small magnitudes use an exponent
    /// (`1e+16`, `1e-07`), and `-0.0` keeps its sign; all of these are valid JSON numbers.
    /// JSON has no infinities or NaN: a non-finite value is written as `null`.
    ///
    /// - Parameter number: The double.
    public mutating func double(_ number: Double) {
        separate()
        if number.isFinite {
            bytes.append(contentsOf: number.description.utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes a number with its exact text.
    ///
    /// - Parameter number: The number.
    public mutating func number(_ number: JSONNumber) {
        separate()
        bytes.append(contentsOf: number.text.utf8)
        needsComma = true
    }

    /// Writes `true` or `false`.
    ///
    /// - Parameter flag: The Boolean.
    public mutating func bool(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    // MARK: Helpers

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Appends the decimal digits of `number`.
    private mutating func writeDigits(_ number: UInt64) {
        if number < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        let start = bytes.count
        var rest = number
        while rest > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
    }

    /// Appends `text` in quotes, escaping `"`, `\` and control characters.
    private mutating func writeQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { writeEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `text`, escaping `"`, `\` and control characters; copies unescaped runs whole.
    private mutating func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: "u00".utf8)
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }
}
