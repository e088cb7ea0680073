/// `range.exists(x, p)` / `range.all(x, p)` (the macros' comprehension shapes, recognised at
/// plan time): the same semantics as the generic comprehension (`||`/`&&` over the predicate
/// results, stopping once decided) without evaluating the accumulator plumbing.
final class QuantifierNode: EvalNode, @unchecked Sendable {
    let range: EvalNode
    let iterVar: Int
    let iterVar2: Int?
    let predicate: EvalNode
    /// True for `exists` (or-fold from false), false for `all` (and-fold from true).
    let isExists: Bool

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?, predicate: EvalNode, isExists: Bool) {
        self.range = range
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        self.predicate = predicate
        self.isExists = isExists
        super.init(id: id)
    }

    /// Hoisted-value slots of this comprehension's body, cleared before each evaluation.
    var resetSlots: [Int] = []

    override func eval(_ f: inout Frame) -> Value {
        for s in resetSlots { f.hoisted[s] = nil }
        let r = range.eval(&f)
        var accu = Value.bool(!isExists)
        switch r {
        case .list(let items):
            var i = 0
            for item in items {
                if let i2 = iterVar2 {
                    f.locals[iterVar] = .int(Int64(i))
                    f.locals[i2] = item
                } else {
                    f.locals[iterVar] = item
                }
                i += 1
                let p = predicate.eval(&f)
                if case .bool(let b) = p, b == isExists { return p }
                accu = isExists ? StandardLibrary.logicalOr(accu, p) : StandardLibrary.logicalAnd(accu, p)
            }
        case .map(let m):
            for (k, v) in m.entries {
                f.locals[iterVar] = k
                if let i2 = iterVar2 { f.locals[i2] = v }
                let p = predicate.eval(&f)
                if case .bool(let b) = p, b == isExists { return p }
                accu = isExists ? StandardLibrary.logicalOr(accu, p) : StandardLibrary.logicalAnd(accu, p)
            }
        case .error, .unknown:
            return r
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "cannot iterate over a value of type '\(r.kindName)'", exprID: id))
        }
        return tagged(accu)
    }
}

/// `range.atLeast(k, x, p)` (the Kleene comprehension shape, recognised at plan time): counts
/// true, and unknown-or-error, predicate results without building accumulator values, and
/// stops as soon as `k` trues were seen. Same results as the `@kleene_*` functions.
final class AtLeastNode: EvalNode, @unchecked Sendable {
    let range: EvalNode
    let count: EvalNode
    let iterVar: Int
    let iterVar2: Int?
    let predicate: EvalNode

    init(id: Int, range: EvalNode, count: EvalNode, iterVar: Int, iterVar2: Int?, predicate: EvalNode) {
        self.range = range
        self.count = count
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        self.predicate = predicate
        super.init(id: id)
    }

    /// Hoisted-value slots of this comprehension's body, cleared before each evaluation.
    var resetSlots: [Int] = []

    override func eval(_ f: inout Frame) -> Value {
        for s in resetSlots { f.hoisted[s] = nil }
        let r = range.eval(&f)
        let kv = count.eval(&f)
        switch r {
        case .list, .map: break
        case .error, .unknown: return r
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "cannot iterate over a value of type '\(r.kindName)'", exprID: id))
        }
        guard case .int(let k) = kv else { return tagged(KleeneLibrary.new(kv)) }
        var trues: Int64 = 0
        var undecided: Int64 = 0
        var pending: Value = .null
        func add(_ p: Value) {
            switch p {
            case .bool(true): trues += 1
            case .bool(false): break
            case .unknown(let u):
                undecided += 1
                if case .unknown(let prev) = pending { pending = .unknown(prev.merged(with: u)) } else { pending = p }
            case .error:
                undecided += 1
                if case .null = pending { pending = p }
            default:
                undecided += 1
                if case .null = pending {
                    pending = .error(CELError(code: "no_matching_overload", message: "atLeast: operand is \(p.kindName), not bool", exprID: id))
                }
            }
        }
        if trues >= k { return .bool(true) }
        if case .list(let items) = r {
            var i = 0
            for item in items {
                if let i2 = iterVar2 {
                    f.locals[iterVar] = .int(Int64(i))
                    f.locals[i2] = item
                } else {
                    f.locals[iterVar] = item
                }
                i += 1
                add(predicate.eval(&f))
                if trues >= k { return .bool(true) }
            }
        } else if case .map(let m) = r {
            for (key, v) in m.entries {
                f.locals[iterVar] = key
                if let i2 = iterVar2 { f.locals[i2] = v }
                add(predicate.eval(&f))
                if trues >= k { return .bool(true) }
            }
        }
        if trues + undecided < k { return .bool(false) }
        return tagged(pending)
    }
}
