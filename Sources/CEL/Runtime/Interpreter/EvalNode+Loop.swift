/// The part every comprehension-shaped node shares: the range, one or two iteration variables,
/// the hoisted body values to clear, and the walk over a list or map that binds the variables.
class LoopNode: EvalNode, @unchecked Sendable {
    let range: EvalNode
    let iterVar: Int
    /// The second variable of two-variable forms (list: index and element; map: key and value).
    let iterVar2: Int?
    /// Hoisted-value slots of this comprehension's body, cleared before each evaluation.
    var resetSlots: [Int] = []

    init(id: Int, range: EvalNode, iterVar: Int, iterVar2: Int?) {
        self.range = range
        self.iterVar = iterVar
        self.iterVar2 = iterVar2
        super.init(id: id)
    }

    /// Clears the hoisted body values, evaluates the range and runs ``iterate(_:_:)`` over it.
    override final func eval(_ f: inout Frame) -> Value {
        for s in resetSlots { f.hoisted[s] = nil }
        return iterate(range.eval(&f), &f)
    }

    /// The node's value for the range's value `r` (any value: see ``rangeFailure(_:)``).
    func iterate(_ r: Value, _ f: inout Frame) -> Value { fatalError("abstract") }

    /// The node's value when the range `r` cannot be iterated: its own error or unknown, or a
    /// type error; nil for a list or a map.
    @inline(__always)
    final func rangeFailure(_ r: Value) -> Value? {
        switch r {
        case .list, .map: return nil
        case .error, .unknown: return r
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "cannot iterate over a value of type '\(r.kindName)'", exprID: id))
        }
    }

    /// Binds the iteration variables to each element of `r` in turn (a list's element, or index
    /// and element; a map's key, or key and value) and calls `body` with the element (list) or
    /// key (map), until `body` returns false.
    @inline(__always)
    final func forEach(_ r: Value, _ f: inout Frame, _ body: (inout Frame, Value) -> Bool) {
        switch r {
        case .list(let items):
            // Each element is lent to its local bit for bit, without a retain of its own (an
            // assignment retained it and released the previous one, per element): `items`, kept
            // alive by the caller's `r` for the whole walk, owns the elements, and no node but
            // this one writes an iteration variable (locals are never reused across
            // comprehensions). Reads of the local copy (retain) as before. The local is reset to
            // null without a release before returning, so the frame never releases a lent value.
            let element = f.locals.baseAddress! + (iterVar2 ?? iterVar)
            element.deinitialize(count: 1)
            defer { element.initialize(to: .null) }
            items.withUnsafeBufferPointer { elements in
                guard let first = elements.baseAddress else { return }
                let raw = UnsafeMutableRawPointer(element)
                for i in elements.indices {
                    if iterVar2 != nil { f.locals[iterVar] = .int(Int64(i)) }
                    raw.copyMemory(from: first + i, byteCount: MemoryLayout<Value>.size)
                    if !body(&f, elements[i]) { return }
                }
            }
        case .map(let m):
            for (k, v) in m.entries {
                f.locals[iterVar] = k
                if let i2 = iterVar2 { f.locals[i2] = v }
                if !body(&f, k) { return }
            }
        default:
            return
        }
    }
}
