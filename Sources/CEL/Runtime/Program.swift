/// A planned expression: immutable, `Sendable`, evaluated any number of times from any thread.
public final class Program: Sendable {
    /// Evaluates the expression against `activation`. Never throws: errors are values.
    public func evaluate(_ activation: Activation) -> Value {
        .error(CELError(code: "unimplemented", message: "evaluation not implemented"))
    }

    /// Evaluates the expression, reporting variable reads and field selects to `observer`.
    public func evaluate(_ activation: Activation, observer: EvaluationObserver) -> Value {
        evaluate(activation)
    }
}
