/// The inputs of one evaluation: a value per declared variable slot, and attribute paths that
/// are unknown.
public struct Activation: Sendable {
    /// One value per declared variable, indexed by slot (declaration order).
    public var slots: [Value]
    /// Attribute paths such as `"a"` or `"a.b"` whose values are unknown.
    public var unknownPatterns: [String]
    /// Values by name, for unchecked (dynamic) evaluation.
    public var bindings: [String: Value]

    /// Creates an activation from slot values.
    public init(slots: [Value], unknownPatterns: [String] = []) {
        self.slots = slots
        self.unknownPatterns = unknownPatterns
        self.bindings = [:]
    }

    /// Creates an activation for dynamic use, binding variables by name.
    public init(bindings: [String: Value], unknownPatterns: [String] = []) {
        self.slots = []
        self.unknownPatterns = unknownPatterns
        self.bindings = bindings
    }
}
