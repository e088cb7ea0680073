/// `range.exists(x, p)` / `range.all(x, p)` (the macros' comprehension shapes, recognised at
/// plan time): the same semantics as the generic comprehension (`||`/`&&` over the predicate
/// results, stopping once decided) without evaluating the accumulator plumbing.
class QuantifierNode: LoopNode, @unchecked Sendable {
    let predicate: EvalNode
    /// True for `exists` (or-fold from false), false for `all` (and-fold from true).
    let isExists: Bool
    /// `predicate` unretained (the property above keeps it).
    let predicateRef: Unmanaged<EvalNode>

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?, predicate: EvalNode, isExists: Bool) {
        self.predicate = predicate
        self.isExists = isExists
        predicateRef = .passUnretained(predicate)
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: iterVar2)
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if let stop { return stop }
        return fold(r, &f)
    }

    /// The loop over the iterable range at `r`.
    @inline(__always)
    final func fold(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        var accu = Value.bool(!isExists)
        var decided: Value?
        forEach(r, &f) { f, _ in
            let p = predicateRef.eval(&f)
            if case .bool(let b) = p {
                if b == isExists {
                    decided = p
                    return false
                }
                // `accu || false` and `accu && true` are `accu` (false, or an unknown or error).
                return true
            }
            accu = isExists ? StandardLibrary.logicalOr(accu, p) : StandardLibrary.logicalAnd(accu, p)
            return true
        }
        return decided ?? tagged(accu)
    }
}

/// `range.atLeast(k, x, p)` (the Kleene comprehension shape, recognised at plan time): counts
/// true, and unknown-or-error, predicate results without building accumulator values, and
/// stops as soon as `k` trues were seen. Same results as the `@kleene_*` functions.
final class AtLeastNode: LoopNode, @unchecked Sendable {
    let count: EvalNode
    let predicate: EvalNode
    /// Evaluates like the generic expansion: the count only over an iterable range, and the
    /// predicate for every element (no early stop, also when the count is not an int). Planned
    /// for predicates that nest a comprehension, which were planned generically before and keep
    /// their reads.
    let exhaustive: Bool
    /// `predicate` unretained (the property above keeps it).
    private let predicateRef: Unmanaged<EvalNode>

    init(id: Int, range: EvalNode, count: EvalNode, iterVar: Int, iterVar2: Int?, predicate: EvalNode,
         exhaustive: Bool = false) {
        self.count = count
        self.predicate = predicate
        predicateRef = .passUnretained(predicate)
        self.exhaustive = exhaustive
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: iterVar2)
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if exhaustive, let stop { return stop }
        let kv = count.eval(&f)
        if let stop { return stop }
        guard case .int(let k) = kv else {
            if exhaustive {
                forEach(r, &f) { f, _ in
                    _ = predicateRef.eval(&f)
                    return true
                }
            }
            return tagged(KleeneLibrary.new(kv))
        }
        var tally = AtLeastTally()
        if k <= 0 && !exhaustive { return .bool(true) }
        forEach(r, &f) { f, _ in
            tally.add(predicateRef.eval(&f), exprID: id)
            return exhaustive || tally.trues < k
        }
        return tagged(tally.result(k))
    }
}

/// The count behind `atLeast`: true operands, undecided ones, and the unknown (merged) or
/// first error an undecided result carries.
struct AtLeastTally {
    var trues: Int64 = 0
    var undecided: Int64 = 0
    var pending: Value = .null

    /// Counts one operand; a non-bool one is a `no_matching_overload` error at `exprID`.
    mutating func add(_ p: Value, exprID: Int) {
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
                pending = .error(CELError(code: "no_matching_overload", message: "atLeast: operand is \(p.kindName), not bool", exprID: exprID))
            }
        }
    }

    /// True with at least `k` true operands, false when even the undecided ones cannot reach
    /// `k`, else the pending unknown or error.
    func result(_ k: Int64) -> Value {
        if trues >= k { return .bool(true) }
        if trues + undecided < k { return .bool(false) }
        return pending
    }
}

/// `atLeast(k, a, b, …)` (the Kleene function shape `@kleene_result(@kleene_add(…
/// @kleene_add(@kleene_new(k), a) …))`, recognised at plan time): evaluates the count and every
/// operand in the same order, and counts as ``AtLeastNode`` does, without building an
/// accumulator list per operand. Same results as the `@kleene_*` functions.
final class AtLeastArgsNode: EvalNode, @unchecked Sendable {
    let count: EvalNode
    let operands: [EvalNode]
    /// The ids of the `@kleene_new` call and of each operand's `@kleene_add` call (for errors).
    let newID: Int
    let addIDs: [Int]
    /// `operands` unretained.
    private let operandList: ChildList

    init(id: Int, count: EvalNode, operands: [EvalNode], newID: Int, addIDs: [Int]) {
        self.count = count
        self.operands = operands
        self.newID = newID
        self.addIDs = addIDs
        operandList = ChildList(operands)
        super.init(id: id)
    }

    deinit { operandList.deallocate() }

    override func eval(_ f: inout Frame) -> Value {
        let kv = count.eval(&f)
        guard case .int(let k) = kv else {
            for i in 0..<operandList.count { _ = operandList[i].eval(&f) }
            var r = KleeneLibrary.new(kv)
            if case .error(var e) = r, e.exprID == nil {
                e.exprID = newID
                r = .error(e)
            }
            return tagged(r)
        }
        var tally = AtLeastTally()
        for i in 0..<operandList.count { tally.add(operandList[i].eval(&f), exprID: addIDs[i]) }
        return tagged(tally.result(k))
    }
}
