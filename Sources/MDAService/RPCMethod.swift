/// The methods the service answers; the raw value is the method name on the wire.
public enum RPCMethod: String, Sendable, CaseIterable {
    /// Evaluates a case: params `{"case", "explain"?, "lang"?}`; result is the `mda-decision/1` object.
    case evaluate
    /// The ruleset serving now: `{"name", "version", "sha256", "rules": {kind: count}}`.
    case rulesetInfo = "ruleset.info"
    /// Re-reads the rules; a ruleset with errors is refused and the old one keeps serving.
    case rulesetReload = "ruleset.reload"
    /// Liveness and the ruleset serving now.
    case health
    /// Answers, then the server stops reading, finishes in-flight requests and exits 0.
    case shutdown
    /// Testing only (enabled with `--test-methods`): sleeps `params.ms` milliseconds, result `null`.
    case testSleep = "test.sleep"
    /// Testing only (enabled with `--test-methods`): always fails with an internal error.
    case testInternalError = "test.internalError"

    /// Whether the method exists only when test methods are enabled.
    public var isTestOnly: Bool { self == .testSleep || self == .testInternalError }

    /// Whether calling the method changes anything; notifications of other methods are skipped.
    var hasEffects: Bool {
        switch self {
        case .rulesetReload, .shutdown, .testSleep: return true
        case .evaluate, .rulesetInfo, .health, .testInternalError: return false
        }
    }
}
