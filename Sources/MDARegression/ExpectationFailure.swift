/// One expectation of a fixture that the decision did not meet.
public struct ExpectationFailure: Sendable, Equatable, CustomStringConvertible {
    /// The expectation that failed, e.g. `route`, `criteria.A`, `profiles.stalking`, `riskFactors.present`.
    public var key: String
    /// What the fixture expects, as text.
    public var expected: String
    /// What the decision says, as text.
    public var actual: String
    /// The trace entries of the rules that decided the outcome (may be empty).
    public var decidedBy: [TraceLine]

    /// Creates a failure.
    public init(key: String, expected: String, actual: String, decidedBy: [TraceLine] = []) {
        self.key = key
        self.expected = expected
        self.actual = actual
        self.decidedBy = decidedBy
    }

    /// `key: expected X, actual Y`.
    public var description: String { "\(key): expected \(expected), actual \(actual)" }
}
