import CEL

/// A named, tunable threshold of a ruleset (`parameter name = value`).
public struct RuleParameter: Sendable {
    public let name: String
    /// The value as a CEL constant (int, double, string or bool).
    public let value: Value
    /// The value's source text.
    public let text: String
    public let labelNL: String
    public let labelEN: String
    public let source: String
    public let position: RulePosition
}
