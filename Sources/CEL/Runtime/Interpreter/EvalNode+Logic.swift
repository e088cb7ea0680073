/// `a && b` with commutative error/unknown semantics (short-circuits on a false left side).
final class AndNode: EvalNode, @unchecked Sendable {
    let lhs: EvalNode
    let rhs: EvalNode
    init(id: Int, lhs: EvalNode, rhs: EvalNode) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let a = lhs.eval(&f)
        if case .bool(false) = a { return a }
        let b = rhs.eval(&f)
        if case .bool(true) = a, case .bool = b { return b }
        return tagged(StandardLibrary.logicalAnd(a, b))
    }
}

/// `a || b` with commutative error/unknown semantics (short-circuits on a true left side).
final class OrNode: EvalNode, @unchecked Sendable {
    let lhs: EvalNode
    let rhs: EvalNode
    init(id: Int, lhs: EvalNode, rhs: EvalNode) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let a = lhs.eval(&f)
        if case .bool(true) = a { return a }
        let b = rhs.eval(&f)
        if case .bool(false) = a, case .bool = b { return b }
        return tagged(StandardLibrary.logicalOr(a, b))
    }
}

/// `c ? a : b`; an error or unknown condition is the result.
final class ConditionalNode: EvalNode, @unchecked Sendable {
    let cond: EvalNode
    let then: EvalNode
    let otherwise: EvalNode
    init(id: Int, cond: EvalNode, then: EvalNode, otherwise: EvalNode) {
        self.cond = cond
        self.then = then
        self.otherwise = otherwise
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let c = cond.eval(&f)
        switch c {
        case .bool(true): return then.eval(&f)
        case .bool(false): return otherwise.eval(&f)
        case .error, .unknown: return c
        default: return tagged(Value.noMatchingOverload("_?_:_", [c]))
        }
    }
}
