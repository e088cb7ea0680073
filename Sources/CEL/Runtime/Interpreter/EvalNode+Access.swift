/// Field selection on a typed object by stored index (resolved by the checker).
final class FieldNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    /// `operand`, called directly when it is a variable or field read.
    let operandRead: Operand
    let index: Int
    let objectType: ObjectType
    let name: String
    init(id: Int, operand: EvalNode, index: Int, objectType: ObjectType, name: String) {
        self.operand = operand
        self.operandRead = Operand(operand)
        self.index = index
        self.objectType = objectType
        self.name = name
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        // `x.a.b` on a variable: both objects read where they are held.
        if case .localField(let inner) = operandRead,
           let r = inner._withUnsafeGuaranteedRef({ $0.readField(&f, objectType, index) }) { return r }
        if case .slotField(let inner) = operandRead,
           let r = inner._withUnsafeGuaranteedRef({ $0.readField(&f, objectType, index) }) { return r }
        let v = operandRead.eval(&f)
        if let (r, object) = FieldNode.field(v, objectType, index) {
            if f.observer != nil {
                // Unretained: `v` holds the object until the observer returns (a binding of the
                // object alive across the call was retained for it).
                object._withUnsafeGuaranteedRef { f.observer?.didRead(object: $0, field: index, value: r) }
            }
            return r
        }
        return tagged(SelectNode.select(v, name, id: id, observer: f.observer))
    }

    /// `v`'s object, unretained, when `v` is an object of `type`.
    @inline(__always)
    static func object(_ v: Value, _ type: ObjectType) -> Unmanaged<ObjectValue>? {
        guard case .object(let o) = v, o.type === type else { return nil }
        return .passUnretained(o)
    }

    /// Field `field` of the object in field `index` of `root`, with both reads reported as the
    /// select nodes report them (the middle object without a copy of its own); nil, before
    /// anything is reported, when field `index` does not hold an object of `type`.
    /// The caller's variable holds `root` for the whole call, and `root`'s immutable fields the
    /// middle object.
    @inline(__always)
    static func fieldOfField(_ root: Unmanaged<ObjectValue>, _ index: Int, _ type: ObjectType, _ field: Int,
                             _ f: inout Frame) -> Value? {
        guard let middle = root._withUnsafeGuaranteedRef({ object($0.field(index), type) }) else { return nil }
        let r = middle._withUnsafeGuaranteedRef { $0.field(field) }
        if f.observer != nil {
            root._withUnsafeGuaranteedRef { o in
                middle._withUnsafeGuaranteedRef { m in
                    f.observer?.didRead(object: o, field: index, value: .object(m))
                    f.observer?.didRead(object: m, field: field, value: r)
                }
            }
        }
        return r
    }

    /// The field at `index` of `v` when `v` is an object of `type`, and the object unretained.
    /// The object's binding ends here, before the caller reports the read: a binding alive
    /// across the observer call would be retained for it.
    @inline(__always)
    static func field(_ v: Value, _ type: ObjectType, _ index: Int) -> (value: Value, object: Unmanaged<ObjectValue>)? {
        guard case .object(let o) = v, o.type === type else { return nil }
        return (o.field(index), .passUnretained(o))
    }
}

/// `x.field` on a comprehension variable `x` (field index resolved by the checker): reads the
/// object where the frame holds it instead of copying it out of the local first.
final class LocalFieldNode: EvalNode, @unchecked Sendable {
    let local: Int
    let index: Int
    let objectType: ObjectType
    let name: String
    init(id: Int, local: Int, index: Int, objectType: ObjectType, name: String) {
        self.local = local
        self.index = index
        self.objectType = objectType
        self.name = name
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { read(&f) }

    /// The body of `eval`, for direct calls (``Operand``).
    @inline(__always)
    final func read(_ f: inout Frame) -> Value {
        guard let (r, object) = FieldNode.field(f.locals[local], objectType, index) else {
            return tagged(SelectNode.select(f.locals[local], name, id: id, observer: f.observer))
        }
        if f.observer != nil {
            // Unretained: the local holds the object until the observer returns.
            object._withUnsafeGuaranteedRef { f.observer?.didRead(object: $0, field: index, value: r) }
        }
        return r
    }

    /// The address of the field in the object `x` holds, with the read reported as `read`
    /// reports it; nil, having reported nothing, when `x` does not hold an object of the checked
    /// type. The local holds the object, whose fields never change, until it is rebound.
    @inline(__always)
    final func address(_ f: inout Frame) -> UnsafePointer<Value>? {
        guard let object = FieldNode.object(f.locals[local], objectType) else { return nil }
        let p = object._withUnsafeGuaranteedRef { $0.fieldPointer(index) }
        if f.observer != nil {
            // The stored value is reported in place (the observer reads it where it is).
            object._withUnsafeGuaranteedRef { f.observer?.didRead(object: $0, field: index) }
        }
        return p
    }

    /// `x.field.next` when `x` holds an object of the checked type whose field holds an object
    /// of `type`: the same value and reads as ``FieldNode`` over this node, without copying the
    /// middle object; nil, having reported nothing, otherwise.
    @inline(__always)
    final func readField(_ f: inout Frame, _ type: ObjectType, _ next: Int) -> Value? {
        guard let root = FieldNode.object(f.locals[local], objectType) else { return nil }
        return FieldNode.fieldOfField(root, index, type, next, &f)
    }
}

/// `v.field` on a declared variable `v` (field index resolved by the checker): reports the slot
/// read, then reads the object where the activation holds it instead of copying it out first.
final class SlotFieldNode: EvalNode, @unchecked Sendable {
    let slot: Int
    /// The id of the variable's expression (for the missing-slot error, as ``SlotNode``).
    let slotID: Int
    let index: Int
    let objectType: ObjectType
    let name: String
    init(id: Int, slot: Int, slotID: Int, index: Int, objectType: ObjectType, name: String) {
        self.slot = slot
        self.slotID = slotID
        self.index = index
        self.objectType = objectType
        self.name = name
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value { read(&f) }

    /// The body of `eval`, for direct calls (``Operand``).
    @inline(__always)
    final func read(_ f: inout Frame) -> Value {
        guard slot < f.slots.count else {
            return tagged(.error(CELError(code: "no_such_attribute", message: "no value for variable slot \(slot)", exprID: slotID)))
        }
        guard let (r, object) = FieldNode.field(f.slots[slot], objectType, index) else {
            f.observer?.didRead(slot: slot, value: f.slots[slot])
            return tagged(SelectNode.select(f.slots[slot], name, id: id, observer: f.observer))
        }
        if f.observer != nil {
            // Unretained: the activation holds the object until the observer returns. The slot's
            // value is reported as the object it holds, formed from the unretained reference
            // (passing the slot itself copied it, a retain and release per read).
            object._withUnsafeGuaranteedRef {
                f.observer?.didRead(slot: slot, value: .object($0))
                f.observer?.didRead(object: $0, field: index, value: r)
            }
        }
        return r
    }

    /// The address of the field in the object `v` holds, with the reads reported as `read`
    /// reports them; nil, having reported nothing, when there is no such slot or it does not
    /// hold an object of the checked type. The slots are not written during an evaluation.
    @inline(__always)
    final func address(_ f: inout Frame) -> UnsafePointer<Value>? {
        guard slot < f.slots.count, let object = FieldNode.object(f.slots[slot], objectType) else { return nil }
        let p = object._withUnsafeGuaranteedRef { $0.fieldPointer(index) }
        if f.observer != nil {
            object._withUnsafeGuaranteedRef {
                f.observer?.didRead(slot: slot, value: .object($0))
                f.observer?.didRead(object: $0, field: index)
            }
        }
        return p
    }

    /// `v.field.next` when `v` holds an object of the checked type whose field holds an object
    /// of `type`: the same value and reads as ``FieldNode`` over this node, without copying the
    /// middle object; nil, having reported nothing, otherwise.
    @inline(__always)
    final func readField(_ f: inout Frame, _ type: ObjectType, _ next: Int) -> Value? {
        guard slot < f.slots.count, let root = FieldNode.object(f.slots[slot], objectType),
              root._withUnsafeGuaranteedRef({ FieldNode.object($0.field(index), type) }) != nil else { return nil }
        if f.observer != nil {
            root._withUnsafeGuaranteedRef { f.observer?.didRead(slot: slot, value: .object($0)) }
        }
        return FieldNode.fieldOfField(root, index, type, next, &f)
    }
}

/// Field selection by name: object fields, map keys; errors and unknowns pass through.
final class SelectNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    let name: String
    init(id: Int, operand: EvalNode, name: String) {
        self.operand = operand
        self.name = name
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        SelectNode.select(operand.eval(&f), name, id: id, observer: f.observer)
    }

    static func select(_ v: Value, _ name: String, id: Int, observer: EvaluationObserver? = nil) -> Value {
        switch v {
        case .object(let o):
            guard let i = o.type.index(of: name) else {
                return .error(CELError(code: "no_such_field", message: "no such field '\(name)' in \(o.type.name)", exprID: id))
            }
            let r = o.field(i)
            observer?.didRead(object: o, field: i, value: r)
            return r
        case .map(let m):
            if let r = m.lookup(name) { return r }
            return .error(CELError(code: "no_such_key", message: "no such key: '\(name)'", exprID: id))
        case .error, .unknown:
            return v
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "type '\(v.kindName)' does not support field selection", exprID: id))
        }
    }
}

/// `has(operand.field)`: presence test on maps and objects.
final class HasNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    let name: String
    let objectType: ObjectType?
    let index: Int
    init(id: Int, operand: EvalNode, name: String, objectType: ObjectType?, index: Int) {
        self.operand = operand
        self.name = name
        self.objectType = objectType
        self.index = index
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let v = operand.eval(&f)
        switch v {
        case .object(let o):
            let i: Int
            if o.type === objectType {
                i = index
            } else if let j = o.type.index(of: name) {
                i = j
            } else {
                return .error(CELError(code: "no_such_field", message: "no such field '\(name)' in \(o.type.name)", exprID: id))
            }
            let r = o.field(i)
            f.observer?.didRead(object: o, field: i, value: r)
            switch r {
            case .null: return .bool(false)
            case .unknown: return r
            default: return .bool(true)
            }
        case .map(let m):
            return .bool(m.lookup(name) != nil)
        case .error, .unknown:
            return v
        default:
            return .error(CELError(code: "no_matching_overload",
                                   message: "type '\(v.kindName)' does not support field presence tests", exprID: id))
        }
    }
}
