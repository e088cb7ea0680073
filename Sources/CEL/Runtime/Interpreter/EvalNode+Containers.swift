/// A list literal; an error or unknown element makes the whole list that value.
final class ListNode: EvalNode, @unchecked Sendable {
    let elements: [EvalNode]
    init(id: Int, elements: [EvalNode]) {
        self.elements = elements
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        var failed = false
        for e in elements {
            let v = e.eval(&f)
            failed = failed || v.isErrorOrUnknown
            out.append(v)
        }
        if failed, let failure = StandardLibrary.strictFailure(out) { return failure }
        return .list(out)
    }
}

/// A map literal; repeated or unsupported keys are errors.
final class MapNode: EvalNode, @unchecked Sendable {
    let keys: [EvalNode]
    let values: [EvalNode]
    init(id: Int, keys: [EvalNode], values: [EvalNode]) {
        self.keys = keys
        self.values = values
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        var entries: [(key: Value, value: Value)] = []
        entries.reserveCapacity(keys.count)
        var all: [Value] = []
        var failed = false
        for i in keys.indices {
            let k = keys[i].eval(&f)
            let v = values[i].eval(&f)
            if k.isErrorOrUnknown || v.isErrorOrUnknown {
                failed = true
                all.append(k)
                all.append(v)
            }
            entries.append((k, v))
        }
        if failed, let failure = StandardLibrary.strictFailure(all) { return failure }
        return tagged(MapValue.make(entries))
    }
}

/// A comprehension (the expansion of every iterating macro) over a list or map.
final class ComprehensionNode: EvalNode, @unchecked Sendable {
    let range: EvalNode
    let iterVar: Int
    let iterVar2: Int?
    let accuVar: Int
    let accuInit: EvalNode
    let condition: EvalNode
    let step: EvalNode
    let result: EvalNode
    /// True when the loop condition is the constant `true` (no need to evaluate it).
    let alwaysContinue: Bool

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?, accuVar: Int, accuInit: EvalNode,
         condition: EvalNode, step: EvalNode, result: EvalNode) {
        self.range = range
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        self.accuVar = accuVar
        self.accuInit = accuInit
        self.condition = condition
        self.step = step
        self.result = result
        if case .bool(true)? = condition.constantValue { alwaysContinue = true } else { alwaysContinue = false }
        super.init(id: id)
    }

    /// Hoisted-value slots of this comprehension's body, cleared before each evaluation.
    var resetSlots: [Int] = []

    override func eval(_ f: inout Frame) -> Value {
        for s in resetSlots { f.hoisted[s] = nil }
        let r = range.eval(&f)
        switch r {
        case .list(let items):
            f.locals[accuVar] = accuInit.eval(&f)
            for (i, item) in items.enumerated() {
                if let i2 = iterVar2 {
                    f.locals[iterVar] = .int(Int64(i))
                    f.locals[i2] = item
                } else {
                    f.locals[iterVar] = item
                }
                if !alwaysContinue, case .bool(false) = condition.eval(&f) { break }
                f.locals[accuVar] = step.eval(&f)
            }
        case .map(let m):
            f.locals[accuVar] = accuInit.eval(&f)
            for (k, v) in m.entries {
                f.locals[iterVar] = k
                if let i2 = iterVar2 { f.locals[i2] = v }
                if !alwaysContinue, case .bool(false) = condition.eval(&f) { break }
                f.locals[accuVar] = step.eval(&f)
            }
        case .error, .unknown:
            return r
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "cannot iterate over a value of type '\(r.kindName)'", exprID: id))
        }
        return result.eval(&f)
    }
}
