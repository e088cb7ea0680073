/// Field selection on a typed object by stored index (resolved by the checker).
final class FieldNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    let index: Int
    let objectType: ObjectType
    let name: String
    init(id: Int, operand: EvalNode, index: Int, objectType: ObjectType, name: String) {
        self.operand = operand
        self.index = index
        self.objectType = objectType
        self.name = name
        super.init(id: id)
    }
    override func eval(_ f: inout Frame) -> Value {
        let v = operand.eval(&f)
        if case .object(let o) = v, o.type === objectType {
            let r = o.fields[index]
            f.observer?.didRead(object: o, field: index, value: r)
            return r
        }
        return tagged(SelectNode.select(v, name, id: id, observer: f.observer))
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
            let r = o.fields[i]
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
            let r = o.fields[i]
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
