/// The standard binary operators, called directly (no closure or reabstraction thunk).
enum BinaryOperator: Sendable {
    case equals, notEquals, less, lessEquals, greater, greaterEquals
    case add, subtract, multiply, divide, modulo, inContainer, index

    /// The operator for a standard function name, if it is one of these.
    init?(function: String) {
        switch function {
        case "_==_": self = .equals
        case "_!=_": self = .notEquals
        case "_<_": self = .less
        case "_<=_": self = .lessEquals
        case "_>_": self = .greater
        case "_>=_": self = .greaterEquals
        case "_+_": self = .add
        case "_-_": self = .subtract
        case "_*_": self = .multiply
        case "_/_": self = .divide
        case "_%_": self = .modulo
        case "@in": self = .inContainer
        case "_[_]": self = .index
        default: return nil
        }
    }
}

/// A strict call of a standard binary operator.
final class BinaryOpNode: EvalNode, @unchecked Sendable {
    let lhs: EvalNode
    let rhs: EvalNode
    /// `lhs` and `rhs`, called directly when they are variable or field reads.
    let lhsRead: Operand
    let rhsRead: Operand
    let op: BinaryOperator
    init(id: Int, op: BinaryOperator, lhs: EvalNode, rhs: EvalNode) {
        self.lhs = lhs
        self.rhs = rhs
        self.lhsRead = Operand(lhs)
        self.rhsRead = Operand(rhs)
        self.op = op
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        // Each operand where it is stored when it is a variable or field read (see
        // ``Operand/storedAddress(_:)``), else evaluated: the comparisons below then copy neither.
        // No closures: one capturing the node retained it.
        if let a = lhsRead.storedAddress(&f) {
            if let b = rhsRead.storedAddress(&f) { return strictApply(a, b) }
            var b = rhsRead.eval(&f)
            return strictApply(a, &b)
        }
        var a = lhsRead.eval(&f)
        if let b = rhsRead.storedAddress(&f) { return strictApply(&a, b) }
        var b = rhsRead.eval(&f)
        return strictApply(&a, &b)
    }

    /// `a op b` for the values at `a` and `b`, or their strict failure.
    @inline(__always)
    final func strictApply(_ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Value {
        if a.pointee.isErrorOrUnknown || b.pointee.isErrorOrUnknown {
            return StandardLibrary.strictFailure(a.pointee, b.pointee)
        }
        return apply(op, a, b)
    }

    /// `a op b` (as below) for the values at `a` and `b`: the comparisons rules make most are
    /// decided where the values are; any other is applied to copies.
    @inline(__always)
    final func apply(_ op: BinaryOperator, _ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Value {
        switch op {
        case .equals:
            if let same = BinaryOpNode.sameKindEquality(a, b) { return .bool(same) }
        case .notEquals:
            if let same = BinaryOpNode.sameKindEquality(a, b) { return .bool(!same) }
        case .less:
            if let c = BinaryOpNode.sameKindOrder(a.pointee, b.pointee) { return .bool(c < 0) }
        case .lessEquals:
            if let c = BinaryOpNode.sameKindOrder(a.pointee, b.pointee) { return .bool(c <= 0) }
        case .greater:
            if let c = BinaryOpNode.sameKindOrder(a.pointee, b.pointee) { return .bool(c > 0) }
        case .greaterEquals:
            if let c = BinaryOpNode.sameKindOrder(a.pointee, b.pointee) { return .bool(c >= 0) }
        case .inContainer:
            if let found = BinaryOpNode.stringInList(a, b) { return .bool(found) }
        default:
            break
        }
        return apply(op, a.pointee, b.pointee)
    }

    /// ``sameKindEquality(_:_:)`` for the values at `a` and `b`, one operand at a time (a
    /// switch over the pair copied both payloads).
    @inline(__always)
    static func sameKindEquality(_ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Bool? {
        switch a.pointee {
        case .string(let x):
            guard case .string(let y) = b.pointee else { return nil }
            return Value.sameScalars(x, y)
        case .int(let x):
            guard case .int(let y) = b.pointee else { return nil }
            return x == y
        case .bool(let x):
            guard case .bool(let y) = b.pointee else { return nil }
            return x == y
        default:
            return nil
        }
    }

    /// Whether the string at `a` is in the list at `b` (codes against a list of codes), as
    /// `inContainer` decides it; nil for any other operands.
    @inline(__always)
    static func stringInList(_ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Bool? {
        guard case .string(let s) = a.pointee, case .list(let items) = b.pointee else { return nil }
        return items.contains {
            if case .string(let t) = $0 { return Value.sameScalars(t, s) }
            return false
        }
    }

    /// `a op b` for operands that are neither errors nor unknowns, errors tagged with this
    /// node's id.
    @inline(__always)
    final func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch op {
        case .equals:
            if let same = BinaryOpNode.sameKindEquality(a, b) { return .bool(same) }
            return .bool(a.celEquals(b))
        case .notEquals:
            if let same = BinaryOpNode.sameKindEquality(a, b) { return .bool(!same) }
            return .bool(!a.celEquals(b))
        case .less:
            if let c = BinaryOpNode.sameKindOrder(a, b) { return .bool(c < 0) }
            return tagged(StandardLibrary.less(a, b))
        case .lessEquals:
            if let c = BinaryOpNode.sameKindOrder(a, b) { return .bool(c <= 0) }
            return tagged(StandardLibrary.lessEquals(a, b))
        case .greater:
            if let c = BinaryOpNode.sameKindOrder(a, b) { return .bool(c > 0) }
            return tagged(StandardLibrary.greater(a, b))
        case .greaterEquals:
            if let c = BinaryOpNode.sameKindOrder(a, b) { return .bool(c >= 0) }
            return tagged(StandardLibrary.greaterEquals(a, b))
        case .add: return tagged(StandardLibrary.add(a, b))
        case .subtract: return tagged(StandardLibrary.subtract(a, b))
        case .multiply: return tagged(StandardLibrary.multiply(a, b))
        case .divide: return tagged(StandardLibrary.divide(a, b))
        case .modulo: return tagged(StandardLibrary.modulo(a, b))
        case .inContainer:
            // A string in a list (codes against a list of codes), as `inContainer` decides it.
            if case .string(let s) = a, case .list(let items) = b {
                return .bool(items.contains {
                    if case .string(let t) = $0 { return Value.sameScalars(t, s) }
                    return false
                })
            }
            return tagged(StandardLibrary.inContainer(a, b))
        case .index: return tagged(StandardLibrary.index(a, b))
        }
    }

    /// Equality of two strings, two ints or two bools (the equalities rules test most: codes,
    /// identifiers, flags), as ``Value/celEquals(_:)`` gives it; nil for any other operands.
    @inline(__always)
    static func sameKindEquality(_ a: Value, _ b: Value) -> Bool? {
        if case .string(let x) = a, case .string(let y) = b { return Value.sameScalars(x, y) }
        if case .int(let x) = a, case .int(let y) = b { return x == y }
        if case .bool(let x) = a, case .bool(let y) = b { return x == y }
        return nil
    }

    /// -1, 0 or 1 for two ints or two timestamps (the orderings rules compare most: ages and
    /// dates), as ``Value/order(_:_:)`` gives them; nil for any other operands. Inline: the
    /// general path went through four calls and a switch over a copied pair of values.
    @inline(__always)
    static func sameKindOrder(_ a: Value, _ b: Value) -> Int? {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        if case .timestamp(let x) = a, case .timestamp(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        return nil
    }
}

/// A standard binary operator with one constant operand (neither error nor unknown), e.g.
/// `x.kind == "melding"` or `"stalking" in x.kinds`: the constant is used where it is stored
/// instead of being evaluated and copied per call. Same results as ``BinaryOpNode``.
final class ConstOperandOpNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    /// `operand`, called directly when it is a variable or field read.
    let operandRead: Operand
    let constant: Value
    /// True for `operand op constant`, false for `constant op operand`.
    let constantOnRight: Bool
    let op: BinaryOperator
    /// The generic node, for its `apply` (same id).
    let generic: BinaryOpNode

    /// `constant`, at an address of its own (the node's for its lifetime), for comparisons in
    /// place.
    private let stored: UnsafeMutablePointer<Value>

    init(_ generic: BinaryOpNode, operand: EvalNode, constant: Value, constantOnRight: Bool) {
        self.operand = operand
        self.operandRead = Operand(operand)
        self.constant = constant
        self.constantOnRight = constantOnRight
        self.op = generic.op
        self.generic = generic
        stored = .allocate(capacity: 1)
        stored.initialize(to: constant)
        super.init(id: generic.id)
    }

    deinit {
        stored.deinitialize(count: 1)
        stored.deallocate()
    }

    override func eval(_ f: inout Frame) -> Value {
        // The operand where it is stored when it is a variable or field read.
        if let v = operandRead.storedAddress(&f) { return apply(v) }
        var v = operandRead.eval(&f)
        return apply(&v)
    }

    /// The operator applied to the operand's value at `v` and the constant.
    @inline(__always)
    private func apply(_ v: UnsafePointer<Value>) -> Value {
        // A strict failure of two operands where the constant is neither error nor unknown.
        if v.pointee.isErrorOrUnknown { return v.pointee }
        let c = UnsafePointer(stored)
        return constantOnRight ? generic.apply(op, v, c) : generic.apply(op, c, v)
    }
}

/// `!x` (errors and unknowns pass through).
final class NotNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    init(id: Int, operand: EvalNode) {
        self.operand = operand
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let v = operand.eval(&f)
        if case .bool(let b) = v { return .bool(!b) }
        return tagged(StandardLibrary.logicalNot(v))
    }
}
