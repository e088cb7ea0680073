/// The CEL standard library: every standard function and operator, with signatures for the
/// checker and implementations for the evaluator.
public enum StandardLibrary {
    /// All standard function declarations.
    public static let functions: [FunctionDecl] = []
}
