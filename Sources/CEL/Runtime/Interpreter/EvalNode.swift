/// A node of a planned expression. Subclasses are small final classes, each evaluating one
/// construct; the tree is immutable after planning and shared across threads.
class EvalNode: @unchecked Sendable {
    /// The id of the expression node this evaluator was planned from (attached to errors).
    let id: Int

    init(id: Int) { self.id = id }

    /// Evaluates the node.
    func eval(_ f: inout Frame) -> Value { fatalError("abstract") }

    /// The constant value, when this node is a constant (for folding).
    var constantValue: Value? { nil }

    /// Attaches this node's id to an error value that has none yet.
    @inline(__always)
    final func tagged(_ v: Value) -> Value {
        if case .error(var e) = v, e.exprID == nil {
            e.exprID = id
            return .error(e)
        }
        return v
    }
}

extension Unmanaged where Instance == EvalNode {
    /// Evaluates the node without retaining it. For children called in loops, held unretained
    /// next to the strong reference that keeps them alive (the parent's, for its whole life): a
    /// strong child loaded for a loop was retained and released around every call.
    @inline(__always)
    func eval(_ f: inout Frame) -> Value { _withUnsafeGuaranteedRef { $0.eval(&f) } }
}

/// A constant (literal, folded expression, declared constant or type name).
final class ConstNode: EvalNode, @unchecked Sendable {
    let value: Value
    init(id: Int, _ value: Value) {
        if case .error(var e) = value, e.exprID == nil {
            e.exprID = id
            self.value = .error(e)
        } else {
            self.value = value
        }
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { value }
    override var constantValue: Value? { value }
}

/// Reads a declared variable by slot, reporting the read to the observer.
final class SlotNode: EvalNode, @unchecked Sendable {
    let slot: Int
    init(id: Int, slot: Int) {
        self.slot = slot
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { read(&f) }

    /// The body of `eval`, for direct calls (``Operand``).
    @inline(__always)
    final func read(_ f: inout Frame) -> Value {
        guard slot < f.slots.count else {
            return .error(CELError(code: "no_such_attribute", message: "no value for variable slot \(slot)", exprID: id))
        }
        let v = f.slots[slot]
        f.observer?.didRead(slot: slot, value: v)
        return v
    }

    /// The address of the slot's value, with the read reported as `read` reports it; nil,
    /// having reported nothing, when there is no such slot. The slots are not written during an
    /// evaluation.
    @inline(__always)
    final func address(_ f: inout Frame) -> UnsafePointer<Value>? {
        guard slot < f.slots.count else { return nil }
        let p = f.slots.baseAddress! + slot
        f.observer?.didRead(slot: slot, at: p)
        return p
    }
}

/// Reads a comprehension variable.
final class LocalNode: EvalNode, @unchecked Sendable {
    let index: Int
    init(id: Int, index: Int) {
        self.index = index
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { read(&f) }

    /// The body of `eval`, for direct calls (``Operand``).
    @inline(__always)
    final func read(_ f: inout Frame) -> Value { f.locals[index] }
}

/// Reads a variable by name from the activation's bindings (unchecked mode), trying each
/// candidate qualified name in order and selecting the remaining fields.
final class BindingNode: EvalNode, @unchecked Sendable {
    /// Candidates: a binding name and the field names still to select after it.
    let candidates: [(name: String, rest: [String])]
    let fallback: Value
    init(id: Int, candidates: [(name: String, rest: [String])], fallback: Value) {
        self.candidates = candidates
        self.fallback = fallback
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        for c in candidates {
            guard var v = f.bindings[c.name] else { continue }
            for field in c.rest {
                v = SelectNode.select(v, field, id: id)
            }
            return v
        }
        return fallback
    }
}

/// Yields an unknown when the activation declares `path` unknown; otherwise evaluates `inner`.
final class UnknownAttributeNode: EvalNode, @unchecked Sendable {
    let path: String
    let inner: EvalNode
    init(id: Int, path: String, inner: EvalNode) {
        self.path = path
        self.inner = inner
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        for p in f.unknownPatterns where p == path { return .unknown(UnknownSet([path])) }
        return inner.eval(&f)
    }
}

/// A loop-invariant subexpression inside a comprehension body: evaluated on first use during
/// each evaluation of the comprehension, then reused for the remaining iterations.
final class HoistNode: EvalNode, @unchecked Sendable {
    let slot: Int
    let inner: EvalNode
    init(slot: Int, inner: EvalNode) {
        self.slot = slot
        self.inner = inner
        super.init(id: inner.id)
    }
    override func eval(_ f: inout Frame) -> Value {
        if let v = f.hoisted[slot] { return v }
        let v = inner.eval(&f)
        f.hoisted[slot] = v
        return v
    }
    override var constantValue: Value? { inner.constantValue }
}
