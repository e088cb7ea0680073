/// What went wrong while reading JSON; a stable, machine-readable code.
///
/// The raw value is the case name (for example `"invalidEscape"`) and is part of the public
/// contract: it may be logged, returned over the wire and matched by tools.
public enum JSONErrorCode: String, Sendable, CaseIterable {
    /// The input ended inside a value, or contained no value at all.
    case unexpectedEnd
    /// A byte that cannot start or continue the value at that point (including a byte order
    /// mark, comments, trailing commas and misspelt literals).
    case unexpectedByte
    /// A number that breaks the RFC 8259 grammar: leading zeros, a bare `-`, `.` or exponent
    /// without digits.
    case invalidNumber
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`, or a bad hex digit.
    case invalidEscape
    /// A `\uXXXX` escape for a lone or mismatched UTF-16 surrogate.
    case invalidSurrogate
    /// Bytes in a string that are not well-formed UTF-8: invalid bytes, overlong forms,
    /// encoded surrogates, code points above U+10FFFF or truncated sequences.
    case invalidUTF8
    /// An unescaped control character (U+0000 to U+001F) inside a string.
    case controlCharacter
    /// Arrays and objects nested deeper than ``JSONReader/maxDepth``.
    case tooDeep
    /// Something other than whitespace after the top-level value.
    case trailingData
    /// Input longer than ``JSONReader/maxBytes``.
    case tooLarge
    /// A key that occurs twice in one object, when ``JSONReader/rejectDuplicateKeys`` is set.
    case duplicateKey
    /// A JSON Pointer (RFC 6901) that does not start with `/` or has a `~` not followed by `0` or `1`.
    case invalidPointer

    /// A short English description of the problem, free of any input text.
    public var summary: String {
        switch self {
        case .unexpectedEnd: return "unexpected end of input"
        case .unexpectedByte: return "unexpected character"
        case .invalidNumber: return "invalid number"
        case .invalidEscape: return "invalid escape sequence"
        case .invalidSurrogate: return "unpaired UTF-16 surrogate in \\u escape"
        case .invalidUTF8: return "invalid UTF-8"
        case .controlCharacter: return "unescaped control character in string"
        case .tooDeep: return "nesting too deep"
        case .trailingData: return "unexpected data after the value"
        case .tooLarge: return "input too large"
        case .duplicateKey: return "duplicate object key"
        case .invalidPointer: return "invalid JSON pointer"
        }
    }
}
