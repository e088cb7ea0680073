/// A generic implementation of a function over all of its overloads: it switches on the
/// argument kinds itself and returns `no_matching_overload` on a mismatch, so the planner can
/// call it directly without matching overload signatures at run time.
struct FunctionImpl: Sendable {
    /// The implementation for one argument, if the function has one-argument forms.
    var unary: (@Sendable (Value) -> Value)?
    /// The implementation for two arguments, if the function has two-argument forms.
    var binary: (@Sendable (Value, Value) -> Value)?
    /// The implementation for any argument count (always available).
    var nary: @Sendable ([Value]) -> Value

    /// A one-argument implementation.
    init(unary: @escaping @Sendable (Value) -> Value, name: String) {
        self.unary = unary
        self.binary = nil
        self.nary = { args in args.count == 1 ? unary(args[0]) : Value.noMatchingOverload(name, args) }
    }

    /// A two-argument implementation.
    init(binary: @escaping @Sendable (Value, Value) -> Value, name: String) {
        self.unary = nil
        self.binary = binary
        self.nary = { args in args.count == 2 ? binary(args[0], args[1]) : Value.noMatchingOverload(name, args) }
    }

    /// One- and two-argument forms.
    init(unary: @escaping @Sendable (Value) -> Value, binary: @escaping @Sendable (Value, Value) -> Value, name: String) {
        self.unary = unary
        self.binary = binary
        self.nary = { args in
            switch args.count {
            case 1: return unary(args[0])
            case 2: return binary(args[0], args[1])
            default: return Value.noMatchingOverload(name, args)
            }
        }
    }

    /// Any argument count.
    init(nary: @escaping @Sendable ([Value]) -> Value) {
        self.unary = nil
        self.binary = nil
        self.nary = nary
    }
}
