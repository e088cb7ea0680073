/// A function known to an environment: its name and overloads.
public struct FunctionDecl: Sendable {
    /// The function name, e.g. `size`, `_+_` or `startsWith`.
    public let name: String
    /// The overloads, each with its own signature and implementation.
    public let overloads: [Overload]
    /// When true, the implementation receives error and unknown arguments as they are;
    /// otherwise such arguments short-circuit the call.
    public let nonStrict: Bool
    /// A kind-switching implementation over all overloads (standard functions), used by the
    /// planner instead of run-time signature matching.
    let generic: FunctionImpl?

    /// Creates a function declaration.
    public init(_ name: String, overloads: [Overload], nonStrict: Bool = false) {
        self.name = name
        self.overloads = overloads
        self.nonStrict = nonStrict
        self.generic = nil
    }

    /// Creates a declaration whose overloads all share one generic implementation.
    init(_ name: String, nonStrict: Bool = false, generic: FunctionImpl,
         _ signatures: [(id: String, receiver: Bool, params: [CELType], result: CELType)]) {
        self.name = name
        self.nonStrict = nonStrict
        self.generic = generic
        let nary = generic.nary
        self.overloads = signatures.map {
            Overload(id: $0.id, receiver: $0.receiver, params: $0.params, result: $0.result, impl: nary)
        }
    }

    /// True when some overload accepts `argCount` arguments (receiver included) in the given
    /// call style.
    func hasOverload(argCount: Int, receiver: Bool) -> Bool {
        overloads.contains { $0.params.count == argCount && $0.receiver == receiver }
    }
}
