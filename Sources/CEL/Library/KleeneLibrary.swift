/// The internal non-strict functions behind the `atLeast` macros: `@kleene_new(k)`,
/// `@kleene_add(acc, value)` and `@kleene_result(acc)`.
public enum KleeneLibrary {
    /// The Kleene function declarations.
    public static let functions: [FunctionDecl] = []
}
