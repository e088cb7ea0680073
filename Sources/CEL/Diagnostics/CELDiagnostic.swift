/// One compile-time problem (syntax or type error) found in a CEL expression.
///
/// Diagnostics are values: a stable machine-readable ``code``, a human ``message`` and the
/// position (1-based ``line`` and ``column`` counted in Unicode scalars, plus the UTF-8
/// ``offset``) in the expression source.
public struct CELDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// A stable code such as `syntax_error`, `undeclared_reference` or `no_matching_overload`.
    public var code: String
    /// A human-readable description.
    public var message: String
    /// The 1-based line in the expression source.
    public var line: Int
    /// The 1-based column (in Unicode scalars) in the expression source.
    public var column: Int
    /// The UTF-8 offset into the expression source.
    public var offset: Int
    /// The text of the source line the diagnostic points into (without its line break).
    public var sourceLine: String

    /// Creates a diagnostic.
    public init(code: String, message: String, line: Int, column: Int, offset: Int, sourceLine: String = "") {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.sourceLine = sourceLine
    }

    /// Creates a diagnostic at a UTF-8 `offset` of `source`, computing line, column and source line.
    public init(code: String, message: String, offset: Int, in source: SourceInfo) {
        let location = source.location(ofOffset: offset)
        self.init(code: code, message: message, line: location.line, column: location.column,
                  offset: offset, sourceLine: CELDiagnostic.lineText(source, line: location.line))
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }

    /// Renders the diagnostic as `name:line:col: message`, then the source line, then a caret
    /// under the offending column (tabs in the source line are kept so the caret lines up).
    public func render(sourceName: String) -> String {
        var out = "\(sourceName):\(line):\(column): \(message)"
        guard !sourceLine.isEmpty || column == 1 else { return out }
        out += "\n" + sourceLine + "\n"
        var pad = ""
        for (i, scalar) in sourceLine.unicodeScalars.enumerated() where i < column - 1 {
            pad.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let missing = column - 1 - sourceLine.unicodeScalars.count
        if missing > 0 { pad += String(repeating: " ", count: missing) }
        out += pad + "^"
        return out
    }

    /// The text of 1-based `line` of `source`, without the line terminator.
    static func lineText(_ source: SourceInfo, line: Int) -> String {
        guard line >= 1, line <= source.lineOffsets.count else { return "" }
        let utf8 = Array(source.text.utf8)
        let start = source.lineOffsets[line - 1]
        var end = line < source.lineOffsets.count ? source.lineOffsets[line] : utf8.count
        while end > start, utf8[end - 1] == UInt8(ascii: "\n") || utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
