/// `range.filter(x, p)`, `range.map(x, t)`, `range.map(x, p, t)` and `transformList` (the
/// macros' comprehension shapes, recognised at plan time): builds the result list in one
/// buffer instead of concatenating a new list per element.
///
/// Unknown predicate or transform results make the whole result unknown with every such
/// result's attribute paths merged (the generic shape would keep only the last unknown
/// condition's paths, because `_?_:_` returns its unknown condition); an error makes it that
/// error unless an unknown was also seen (unknowns win, as in the logical operators).
final class CollectNode: LoopNode, @unchecked Sendable {
    let predicate: EvalNode?
    /// The element to collect; nil collects the iteration value itself (filter).
    let transform: EvalNode?
    /// The generic expansion's failure results instead: a failing condition replaces the
    /// accumulator (the last one wins), a failing element is merged into it as a strict `+`
    /// would. Planned for loops whose body nests a comprehension, which were planned generically
    /// before and keep their results.
    let sequentialFailures: Bool
    /// The id of the `_?_:_` step (the generic expansion's error for a non-bool condition).
    let conditionID: Int
    /// Yields the size of the result instead of the list (`size(range.filter(…))`): the same
    /// evaluations and failures, without building the list.
    let countOnly: Bool
    /// `predicate` and `transform` unretained (the properties above keep them).
    private let predicateRef: Unmanaged<EvalNode>?
    private let transformRef: Unmanaged<EvalNode>?

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?, predicate: EvalNode?, transform: EvalNode?,
         sequentialFailures: Bool = false, conditionID: Int? = nil, countOnly: Bool = false) {
        self.predicate = predicate
        self.transform = transform
        self.sequentialFailures = sequentialFailures
        self.conditionID = conditionID ?? id
        self.countOnly = countOnly
        predicateRef = predicate.map { .passUnretained($0) }
        transformRef = transform.map { .passUnretained($0) }
        super.init(id: id, range: range, iterVar: iterVar, iterVar2: iterVar2)
    }

    /// The same loop yielding the size of its result (see `countOnly`).
    func counting() -> CollectNode {
        let node = CollectNode(id: id, range: range, iterVar: iterVar, iterVar2: iterVar2, predicate: predicate,
                               transform: transform, sequentialFailures: sequentialFailures, conditionID: conditionID,
                               countOnly: true)
        node.resetSlots = resetSlots
        return node
    }

    override func iterate(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        let stop = rangeFailure(r)
        if let stop { return stop }
        if sequentialFailures { return evalSequential(r, &f) }
        var out: [Value] = []
        var count: Int64 = 0
        var unknown: UnknownSet?
        var failure: Value?
        func note(_ v: Value) {
            switch v {
            case .unknown(let u): unknown = unknown.map { $0.merged(with: u) } ?? u
            default: if failure == nil { failure = v }
            }
        }
        func visit(_ item: Value, _ f: inout Frame) {
            if let predicate = predicateRef {
                switch predicate.eval(&f) {
                case .bool(true): break
                case .bool(false): return
                case .unknown(let u): note(.unknown(u)); return
                case .error(let e): note(.error(e)); return
                case let p:
                    note(.error(CELError(code: "no_matching_overload",
                                         message: "condition is \(p.kindName), not bool", exprID: id)))
                    return
                }
            }
            guard let transform = transformRef else {
                // The element itself (filter), copied only when collected.
                switch item {
                case .unknown, .error: note(item)
                default:
                    if countOnly { count += 1 } else { out.append(item) }
                }
                return
            }
            let v = transform.eval(&f)
            switch v {
            case .unknown, .error: note(v)
            default:
                if countOnly { count += 1 } else { out.append(v) }
            }
        }
        if !countOnly, let items = LoopNode.listElements(r) { out.reserveCapacity(items.count) }
        forEach(r, &f) { f, item in
            visit(item, &f)
            return true
        }
        if let unknown { return .unknown(unknown) }
        if let failure { return tagged(failure) }
        return countOnly ? .int(count) : .list(out)
    }

    /// The loop with the generic expansion's failure results (`sequentialFailures`).
    private func evalSequential(_ r: UnsafePointer<Value>, _ f: inout Frame) -> Value {
        var out: [Value] = []
        var count: Int64 = 0
        var failure: Value?
        if !countOnly, let items = LoopNode.listElements(r) { out.reserveCapacity(items.count) }
        forEach(r, &f) { f, item in
            if let predicate = predicateRef {
                let c = predicate.eval(&f)
                switch c {
                case .bool(true): break
                case .bool(false): return true
                case .error, .unknown:
                    failure = c
                    return true
                default:
                    if case .error(var e) = Value.noMatchingOverload("_?_:_", c) {
                        e.exprID = conditionID
                        failure = .error(e)
                    }
                    return true
                }
            }
            let v = transformRef?.eval(&f) ?? item
            if let previous = failure {
                if v.isErrorOrUnknown { failure = StandardLibrary.strictFailure(previous, v) }
            } else if v.isErrorOrUnknown {
                failure = v
            } else if countOnly {
                count += 1
            } else {
                out.append(v)
            }
            return true
        }
        return failure ?? (countOnly ? .int(count) : .list(out))
    }
}
