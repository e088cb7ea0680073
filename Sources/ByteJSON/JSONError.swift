/// A JSON reading error: what went wrong and where.
///
/// The position is given three ways: a zero-based byte offset, and a one-based line and
/// column. Lines are separated by line feeds (U+000A); the column counts Unicode scalars
/// (UTF-8 lead bytes) from the start of the line, so it matches what an editor shows.
///
/// Neither ``description`` nor any other property contains input text: the input may be
/// personal data, and errors are logged.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public let code: JSONErrorCode
    /// Zero-based byte offset of the offending byte (the input length when the input ended early).
    public let offset: Int
    /// One-based line number.
    public let line: Int
    /// One-based column, in Unicode scalars.
    public let column: Int

    /// Creates an error with an explicit position.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - offset: Zero-based byte offset.
    ///   - line: One-based line.
    ///   - column: One-based column, in Unicode scalars.
    public init(code: JSONErrorCode, offset: Int, line: Int, column: Int) {
        self.code = code
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Creates an error at `offset` in `input`, computing line and column.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - offset: Zero-based byte offset; clamped to the input.
    ///   - input: The bytes being read.
    init(code: JSONErrorCode, offset: Int, in input: UnsafeBufferPointer<UInt8>) {
        let end = min(max(offset, 0), input.count)
        var line = 1
        var column = 1
        for byte in input[..<end] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.init(code: code, offset: offset, line: line, column: column)
    }

    /// A message such as `line 3, column 7 (byte 41): invalid escape sequence [invalidEscape]`.
    public var description: String {
        "line \(line), column \(column) (byte \(offset)): \(code.summary) [\(code.rawValue)]"
    }
}
