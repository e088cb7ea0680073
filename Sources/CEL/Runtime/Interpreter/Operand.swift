/// An operand of an operator node, with the most frequent leaf kinds called directly: field
/// reads of variables and comprehension variables, and the variables themselves. Their bodies
/// are inlined into the operator instead of reached through the class's dynamic dispatch (about
/// a fifth of a field read's cost was the call); any other node is evaluated as usual.
///
/// The leaf nodes are held unretained: the node holding the operand keeps the same node as a
/// strong child for its whole life (and the program keeps the tree). A strong payload loaded
/// from the holder was retained and released around each read that called the observer.
enum Operand {
    case localField(Unmanaged<LocalFieldNode>)
    case slotField(Unmanaged<SlotFieldNode>)
    case local(Unmanaged<LocalNode>)
    case slot(Unmanaged<SlotNode>)
    case node(Unmanaged<EvalNode>)

    /// The operand for `node`, by its exact class. The caller keeps `node` alive for as long
    /// as the operand.
    init(_ node: EvalNode) {
        if let n = node as? LocalFieldNode {
            self = .localField(.passUnretained(n))
        } else if let n = node as? SlotFieldNode {
            self = .slotField(.passUnretained(n))
        } else if let n = node as? LocalNode {
            self = .local(.passUnretained(n))
        } else if let n = node as? SlotNode {
            self = .slot(.passUnretained(n))
        } else {
            self = .node(.passUnretained(node))
        }
    }

    /// The local field read, when the operand is one (for planning).
    var localFieldNode: LocalFieldNode? {
        if case .localField(let n) = self { return n.takeUnretainedValue() }
        return nil
    }

    /// Evaluates the operand (the same value and reads as the node's `eval`).
    @inline(__always)
    func eval(_ f: inout Frame) -> Value {
        switch self {
        case .localField(let n): return n._withUnsafeGuaranteedRef { $0.read(&f) }
        case .slotField(let n): return n._withUnsafeGuaranteedRef { $0.read(&f) }
        case .local(let n): return n._withUnsafeGuaranteedRef { $0.read(&f) }
        case .slot(let n): return n._withUnsafeGuaranteedRef { $0.read(&f) }
        case .node(let n): return n._withUnsafeGuaranteedRef { $0.eval(&f) }
        }
    }
}

extension Operand {
    /// The address where the operand's value is stored, having reported the same reads as
    /// ``eval(_:)``, when it is a variable or a field of an object a variable holds (reading it
    /// there spares a copy: a string, list or object copy was a retain and a release); nil,
    /// having reported nothing, for any other node or a read that does not find an object of
    /// the checked type: then ``eval(_:)`` gives the value.
    ///
    /// The address stays valid until the caller returns, also while it evaluates other nodes:
    /// slots are not written during an evaluation, an object's fields never change, and a
    /// comprehension variable is written only by its own loop node (locals are never shared
    /// between comprehensions), which does not run inside an operator over its variable.
    @inline(__always)
    func storedAddress(_ f: inout Frame) -> UnsafePointer<Value>? {
        switch self {
        case .localField(let n): return n._withUnsafeGuaranteedRef { $0.address(&f) }
        case .slotField(let n): return n._withUnsafeGuaranteedRef { $0.address(&f) }
        case .local(let n): return UnsafePointer(f.locals.baseAddress! + n._withUnsafeGuaranteedRef { $0.index })
        case .slot(let n): return n._withUnsafeGuaranteedRef { $0.address(&f) }
        case .node: return nil
        }
    }
}
