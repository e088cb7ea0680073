/// A function known to an environment: its name and overloads.
public struct FunctionDecl: Sendable {
    /// The function name, e.g. `size`, `_+_` or `startsWith`.
    public let name: String
    /// The overloads, each with its own signature and implementation.
    public let overloads: [Overload]
    /// When true, the implementation receives error and unknown arguments as they are;
    /// otherwise such arguments short-circuit the call.
    public let nonStrict: Bool

    /// Creates a function declaration.
    public init(_ name: String, overloads: [Overload], nonStrict: Bool = false) {
        self.name = name
        self.overloads = overloads
        self.nonStrict = nonStrict
    }
}
