/// A problem found while loading a ruleset, positioned in a rule file.
public struct RuleDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is: errors refuse the ruleset, warnings do not.
    public enum Severity: String, Sendable { case error, warning }

    /// The rule file's name relative to the rules directory (e.g. `30-risk-factors.rules`).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    public var severity: Severity
    /// A stable code such as `syntax`, `cel_parse`, `cel_type`, `duplicate_id`, `undefined`,
    /// `cycle`, `unused_parameter`, `missing_attribute`.
    public var code: String
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, severity: Severity = .error, code: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// `file:line:column: error|warning: message`.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// The diagnostics of a ruleset that failed to load (at least one is an error).
public struct RulesetErrors: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic, errors and warnings, in file and line order.
    public var diagnostics: [RuleDiagnostic]

    /// Wraps diagnostics.
    public init(_ diagnostics: [RuleDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
