/// The error thrown when an expression fails to parse or type-check: all diagnostics found,
/// sorted by position.
public struct CELCompileErrors: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in source order.
    public var diagnostics: [CELDiagnostic]
    /// The expression source the diagnostics refer to.
    public var source: String

    /// Creates the error from diagnostics (sorted by offset, stably).
    public init(diagnostics: [CELDiagnostic], source: String) {
        self.diagnostics = diagnostics.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
        self.source = source
    }

    /// One `line:column: message` per diagnostic.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// Renders every diagnostic as `name:line:col: message`, the source line and a caret line,
    /// separated by newlines.
    public func render(sourceName: String) -> String {
        diagnostics.map { $0.render(sourceName: sourceName) }.joined(separator: "\n")
    }
}
