/// Bindings of type parameters while matching one overload's signature against argument types
/// (cel-go style unification: `dyn` fits everything and widens bindings; `null` fits any type
/// parameter and object types).
struct TypeSubstitution {
    /// Type parameter name → bound type.
    private(set) var bindings: [String: CELType] = [:]

    /// Whether a value of type `arg` may be passed where `param` is expected, binding type
    /// parameters of `param` as needed. Leaves `self` unchanged when it returns false.
    mutating func isAssignable(_ param: CELType, _ arg: CELType) -> Bool {
        var copy = self
        guard copy.unify(param, arg) else { return false }
        self = copy
        return true
    }

    private mutating func unify(_ param: CELType, _ arg: CELType) -> Bool {
        if case .typeParam(let name) = param {
            guard let bound = bindings[name] else {
                bindings[name] = arg
                return true
            }
            if bound == arg { return true }
            if arg == .null { return true }
            if bound == .null { bindings[name] = arg; return true }
            guard unify(bound, arg) else { return false }
            bindings[name] = TypeSubstitution.mostGeneral(bound, arg)
            return true
        }
        switch (param, arg) {
        case (.dyn, _), (_, .dyn), (.error, _), (_, .error):
            return true
        case (.object, .null):
            return true
        case (.list(let p), .list(let a)):
            return unify(p, a)
        case (.map(let pk, let pv), .map(let ak, let av)):
            return unify(pk, ak) && unify(pv, av)
        case (.type(let p), .type(let a)):
            // Type values are comparable whatever they denote (`type(1) == type(1u)`), as in
            // cel-go; only bind type parameters inside when both sides are known.
            guard let p, let a else { return true }
            var copy = self
            if copy.unify(p, a) { self = copy }
            return true
        default:
            return param == arg
        }
    }

    /// `type` with every bound type parameter replaced; unbound parameters become `dyn`.
    func substitute(_ type: CELType) -> CELType {
        switch type {
        case .typeParam(let name):
            guard let bound = bindings[name] else { return .dyn }
            return bound.containsTypeParam ? .dyn : bound
        case .list(let e): return .list(substitute(e))
        case .map(let k, let v): return .map(substitute(k), substitute(v))
        case .type(let t): return .type(t.map(substitute))
        default: return type
        }
    }

    /// The more general of two compatible types (`dyn` wins, component-wise for aggregates).
    static func mostGeneral(_ a: CELType, _ b: CELType) -> CELType {
        switch (a, b) {
        case (.dyn, _), (_, .dyn): return .dyn
        case (.list(let x), .list(let y)): return .list(mostGeneral(x, y))
        case (.map(let k1, let v1), .map(let k2, let v2)): return .map(mostGeneral(k1, k2), mostGeneral(v1, v2))
        case (.type(let x), .type(let y)): return x == y ? a : .type(nil)
        case (.null, _): return b
        default: return a
        }
    }
}

extension CELType {
    /// True when the type mentions a type parameter.
    var containsTypeParam: Bool {
        switch self {
        case .typeParam: return true
        case .list(let e): return e.containsTypeParam
        case .map(let k, let v): return k.containsTypeParam || v.containsTypeParam
        case .type(let t): return t?.containsTypeParam ?? false
        default: return false
        }
    }
}
