/// A JSON number, kept as its exact source text.
///
/// Keeping the text means a number survives a read–write round trip unchanged (`1.0` stays
/// `1.0`, `1e400` stays `1e400`, a 30-digit integer keeps all its digits). The accessors
/// ``int64`` and ``double`` convert on demand.
///
/// Two numbers are equal when their texts are equal.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text, which always matches the RFC 8259 `number` grammar.
    public let text: String

    /// Creates a number from text already known to match the RFC 8259 grammar.
    init(uncheckedText text: String) {
        self.text = text
    }

    /// Creates a number from text, when it matches the RFC 8259 `number` grammar.
    ///
    /// - Parameter text: Candidate text such as `-12`, `0.5` or `6.02e23`. No whitespace,
    ///   no leading `+`, no leading zeros, no `NaN` or `Infinity`.
    /// - Returns: `nil` when `text` is not a JSON number.
    public init?(_ text: String) {
        guard JSONNumber.isValid(text.utf8) else { return nil }
        self.text = text
    }

    /// Creates the number for an integer.
    ///
    /// - Parameter value: Any integer; its decimal text is kept.
    public init(_ value: some BinaryInteger) {
        self.text = String(value)
    }

    /// Creates the number for a finite double, using the shortest text that reads back as the
    /// same double (the text of ``JSONWriter/double(_:)``).
    ///
    /// - Parameter value: A double.
    /// - Returns: `nil` when `value` is infinite or NaN, which JSON cannot represent.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.text = value.description
    }

    /// The value as an `Int64`, when the text is an integer literal (no fraction, no exponent)
    /// within `Int64.min ... Int64.max`; otherwise `nil`.
    ///
    /// `1.0`, `1e2` and `9223372036854775808` all give `nil`.
    public var int64: Int64? { JSONNumber.int64(text.utf8) }

    /// The integer that `text` (number text) spells, as ``int64`` defines it.
    static func int64(_ text: some Sequence<UInt8>) -> Int64? {
        var result: Int64 = 0
        var negative = false
        var sawDigit = false
        for byte in text {
            if byte == UInt8(ascii: "-") && !sawDigit && !negative {
                negative = true
                continue
            }
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            sawDigit = true
            let digit = Int64(byte &- UInt8(ascii: "0"))
            let (scaled, o1) = result.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so that Int64.min is representable.
            let (next, o2) = scaled.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            result = next
        }
        guard sawDigit else { return nil }
        if negative { return result }
        let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(result)
        return overflow ? nil : positive
    }

    /// The value as the nearest `Double` (correctly rounded).
    ///
    /// Magnitudes beyond `Double.greatestFiniteMagnitude` give an infinity and tiny
    /// magnitudes give zero, keeping the sign; the exact text stays available in ``text``.
    public var double: Double {
        Double(text) ?? .nan
    }

    /// Whether the text is an integer literal: no fraction part and no exponent.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The number's text.
    public var description: String { text }

    /// Whether `bytes` match the RFC 8259 `number` grammar exactly.
    static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var byte = iterator.next()
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 &- UInt8(ascii: "0") < 10 } ?? false }
        if byte == UInt8(ascii: "-") { byte = iterator.next() }
        if byte == UInt8(ascii: "0") {
            byte = iterator.next()
        } else if isDigit(byte) {
            repeat { byte = iterator.next() } while isDigit(byte)
        } else {
            return false
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            guard isDigit(byte) else { return false }
            repeat { byte = iterator.next() } while isDigit(byte)
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
            guard isDigit(byte) else { return false }
            repeat { byte = iterator.next() } while isDigit(byte)
        }
        return byte == nil
    }
}
