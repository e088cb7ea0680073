/// An operand of an operator node, with the most frequent leaf kinds called directly: field
/// reads of variables and comprehension variables, and the variables themselves. Their bodies
/// are inlined into the operator instead of reached through the class's dynamic dispatch (about
/// a fifth of a field read's cost was the call); any other node is evaluated as usual.
enum Operand {
    case localField(LocalFieldNode)
    case slotField(SlotFieldNode)
    case local(LocalNode)
    case slot(SlotNode)
    case node(EvalNode)

    /// The operand for `node`, by its exact class.
    init(_ node: EvalNode) {
        if let n = node as? LocalFieldNode {
            self = .localField(n)
        } else if let n = node as? SlotFieldNode {
            self = .slotField(n)
        } else if let n = node as? LocalNode {
            self = .local(n)
        } else if let n = node as? SlotNode {
            self = .slot(n)
        } else {
            self = .node(node)
        }
    }

    /// Evaluates the operand (the same value and reads as the node's `eval`).
    @inline(__always)
    func eval(_ f: inout Frame) -> Value {
        switch self {
        case .localField(let n): return n.read(&f)
        case .slotField(let n): return n.read(&f)
        case .local(let n): return n.read(&f)
        case .slot(let n): return n.read(&f)
        case .node(let n): return n.eval(&f)
        }
    }
}
