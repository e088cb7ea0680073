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
final class ComprehensionNode: LoopNode, @unchecked Sendable {
    let accuVar: Int
    let accuInit: EvalNode
    let condition: EvalNode
    let step: EvalNode
    let result: EvalNode
    /// True when the loop condition is the constant `true` (no need to evaluate it).
    let alwaysContinue: Bool
    /// `condition` and `step` unretained (the properties above keep them).
    private let conditionRef: Unmanaged<EvalNode>
    private let stepRef: Unmanaged<EvalNode>

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?, accuVar: Int, accuInit: EvalNode,
         condition: EvalNode, step: EvalNode, result: EvalNode) {
        self.accuVar = accuVar
        self.accuInit = accuInit
        self.condition = condition
        self.step = step
        self.result = result
        conditionRef = .passUnretained(condition)
        stepRef = .passUnretained(step)
        if case .bool(true)? = condition.constantValue { alwaysContinue = true } else { alwaysContinue = false }
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: iterVar2)
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if let stop { return stop }
        f.locals[accuVar] = accuInit.eval(&f)
        forEach(r, &f) { f, _ in
            if !alwaysContinue, case .bool(false) = conditionRef.eval(&f) { return false }
            f.locals[accuVar] = stepRef.eval(&f)
            return true
        }
        return result.eval(&f)
    }
}
