/// The internal non-strict functions behind the `atLeast` macros (Kleene logic).
///
/// - `@kleene_new(k)` creates an accumulator for "at least `k` true".
/// - `@kleene_add(acc, e)` counts one more operand `e` (true, false, unknown or error).
/// - `@kleene_result(acc)` gives true when at least `k` operands were true, false when fewer
///   than `k` were true-or-undecided, otherwise the merged unknown (or, with no unknowns, the
///   first error).
/// - `@kleene_undecided(acc)` is true while the result is not yet certain (a loop condition
///   for comprehension-based expansions; adding more operands can only settle it).
///
/// The accumulator is an internal list `[k, trueCount, undecidedCount, unknownOrError]`
/// (the last element is `null` until an unknown or error was added); errors in `k` itself
/// propagate as the accumulator.
public enum KleeneLibrary {
    /// The Kleene function declarations.
    public static let functions: [FunctionDecl] = [
        FunctionDecl("@kleene_new", nonStrict: true, generic: FunctionImpl(unary: new, name: "@kleene_new"),
                     [(id: "kleene_new", receiver: false, params: [.int], result: .dyn)]),
        FunctionDecl("@kleene_add", nonStrict: true, generic: FunctionImpl(binary: add, name: "@kleene_add"),
                     [(id: "kleene_add", receiver: false, params: [.dyn, .dyn], result: .dyn)]),
        FunctionDecl("@kleene_result", nonStrict: true, generic: FunctionImpl(unary: result, name: "@kleene_result"),
                     [(id: "kleene_result", receiver: false, params: [.dyn], result: .bool)]),
        FunctionDecl("@kleene_undecided", nonStrict: true, generic: FunctionImpl(unary: undecided, name: "@kleene_undecided"),
                     [(id: "kleene_undecided", receiver: false, params: [.dyn], result: .bool)]),
    ]

    /// `@kleene_new(k)`.
    static func new(_ k: Value) -> Value {
        switch k {
        case .int: return .list([k, .int(0), .int(0), .null])
        case .error, .unknown: return k
        default: return .error("invalid_argument", "atLeast: the count must be an int, not \(k.kindName)")
        }
    }

    /// `@kleene_add(acc, e)`.
    static func add(_ acc: Value, _ e: Value) -> Value {
        guard case .list(let a) = acc, a.count == 4, case .int(let k) = a[0], case .int(let t) = a[1],
              case .int(let u) = a[2] else { return acc }
        switch e {
        case .bool(true): return .list([a[0], .int(t + 1), a[2], a[3]])
        case .bool(false): return acc
        case .unknown(let us):
            let merged: Value
            if case .unknown(let prev) = a[3] { merged = .unknown(prev.merged(with: us)) } else { merged = e }
            return .list([.int(k), a[1], .int(u + 1), merged])
        case .error:
            let kept: Value
            if case .null = a[3] { kept = e } else { kept = a[3] }
            return .list([.int(k), a[1], .int(u + 1), kept])
        default:
            let err = Value.error("no_matching_overload", "atLeast: operand is \(e.kindName), not bool")
            let kept: Value
            if case .null = a[3] { kept = err } else { kept = a[3] }
            return .list([.int(k), a[1], .int(u + 1), kept])
        }
    }

    /// `@kleene_result(acc)`.
    static func result(_ acc: Value) -> Value {
        guard case .list(let a) = acc, a.count == 4, case .int(let k) = a[0], case .int(let t) = a[1],
              case .int(let u) = a[2] else {
            if acc.isErrorOrUnknown { return acc }
            return .error("invalid_argument", "atLeast: bad accumulator")
        }
        if t >= k { return .bool(true) }
        if t + u < k { return .bool(false) }
        return a[3]
    }

    /// `@kleene_undecided(acc)`: true while neither `t >= k` holds nor is it impossible.
    static func undecided(_ acc: Value) -> Value {
        guard case .list(let a) = acc, a.count == 4, case .int(let k) = a[0], case .int(let t) = a[1] else {
            return .bool(false)
        }
        return .bool(t < k)
    }
}
