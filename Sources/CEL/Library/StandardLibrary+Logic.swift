/// Logical operators with CEL's commutative error/unknown semantics.
extension StandardLibrary {
    /// `a && b` once both sides are known: false wins; then unknown (merged); then error.
    static func logicalAnd(_ a: Value, _ b: Value) -> Value {
        if case .bool(false) = a { return a }
        if case .bool(false) = b { return b }
        if case .bool(true) = a, case .bool(true) = b { return a }
        return undecided(a, b, "_&&_")
    }

    /// `a || b` once both sides are known: true wins; then unknown (merged); then error.
    static func logicalOr(_ a: Value, _ b: Value) -> Value {
        if case .bool(true) = a { return a }
        if case .bool(true) = b { return b }
        if case .bool(false) = a, case .bool(false) = b { return a }
        return undecided(a, b, "_||_")
    }

    /// The result of `&&`/`||` when no side decided: merged unknowns, else the first error,
    /// else a no-overload error for non-bool operands.
    static func undecided(_ a: Value, _ b: Value, _ name: String) -> Value {
        switch (a, b) {
        case let (.unknown(x), .unknown(y)): return .unknown(x.merged(with: y))
        case (.unknown, _): return a
        case (_, .unknown): return b
        case (.error, _): return a
        case (_, .error): return b
        case (.bool, _): return .noMatchingOverload(name, a, b)
        default: return .noMatchingOverload(name, a, b)
        }
    }

    static func logicalNot(_ a: Value) -> Value {
        switch a {
        case .bool(let b): return .bool(!b)
        case .error, .unknown: return a
        default: return .noMatchingOverload("!_", a)
        }
    }

    /// `@not_strictly_false(x)`: false only for the bool `false`; errors and unknowns count as true.
    static func notStrictlyFalse(_ a: Value) -> Value {
        if case .bool(false) = a { return a }
        return .bool(true)
    }

    /// Merges the unknowns among `args` (if any), else returns the first error; nil when all
    /// arguments are ordinary values.
    static func strictFailure(_ args: [Value]) -> Value? {
        var unknown: UnknownSet?
        var error: Value?
        for a in args {
            switch a {
            case .unknown(let u): unknown = unknown.map { $0.merged(with: u) } ?? u
            case .error: if error == nil { error = a }
            default: break
            }
        }
        if let unknown { return .unknown(unknown) }
        return error
    }

    /// The strict-call failure for two arguments, at least one of which is error or unknown.
    @inline(__always)
    static func strictFailure(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.unknown(x), .unknown(y)): return .unknown(x.merged(with: y))
        case (.unknown, _): return a
        case (_, .unknown): return b
        case (.error, _): return a
        default: return b
        }
    }
}
