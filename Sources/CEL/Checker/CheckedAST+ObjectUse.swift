extension CheckedAST {
    /// Whether the expression uses object values only through their fields: it selects or
    /// tests fields (`o.f`, `has(o.f)`), iterates over lists of objects, passes objects on
    /// (the conditional, list literals and concatenation, indexing) or counts them (`size`),
    /// and nothing else. Such an expression cannot tell apart two objects whose fields it
    /// reads are equal: its value is the same for either, up to which of them it passes on.
    ///
    /// False for an unchecked expression, and whenever any other call — equality, `in`, a
    /// conversion, an extension function — gets an argument whose checked type can hold an
    /// object (an object, a list or map of them, `dyn`, a type parameter): those may compare
    /// objects as wholes.
    public var usesObjectsOnlyThroughFields: Bool {
        guard isChecked else { return false }
        return onlyThroughFields(expr)
    }

    /// The calls that pass objects on or count them without looking inside.
    private static let passThrough: Set<String> = ["_?_:_", "_+_", "_[_]", "size"]

    private func onlyThroughFields(_ e: Expr) -> Bool {
        switch e.kind {
        case .literal, .ident:
            return true
        case .select(let operand, _, _):
            return onlyThroughFields(operand)
        case .call(let target, let function, let args):
            if let target, !onlyThroughFields(target) { return false }
            for a in args where !onlyThroughFields(a) { return false }
            if CheckedAST.passThrough.contains(function) { return true }
            if let target, mayHoldObject(types[target.id] ?? .dyn) { return false }
            for a in args where mayHoldObject(types[a.id] ?? .dyn) { return false }
            return true
        case .list(let items):
            return items.allSatisfy(onlyThroughFields)
        case .map(let entries):
            // A key is compared with the other keys.
            return entries.allSatisfy { !mayHoldObject(types[$0.key.id] ?? .dyn) && onlyThroughFields($0.key) && onlyThroughFields($0.value) }
        case .comprehension(let c):
            return onlyThroughFields(c.iterRange) && onlyThroughFields(c.accuInit) && onlyThroughFields(c.loopCondition)
                && onlyThroughFields(c.loopStep) && onlyThroughFields(c.result)
        }
    }

    private func mayHoldObject(_ t: CELType) -> Bool {
        switch t {
        case .int, .uint, .double, .bool, .string, .bytes, .null, .timestamp, .duration, .type: return false
        case .list(let e): return mayHoldObject(e)
        case .map(let k, let v): return mayHoldObject(k) || mayHoldObject(v)
        case .object, .dyn, .typeParam, .error: return true
        }
    }
}

extension CheckedAST {
    /// The names of every field the expression selects or tests (`o.f`, `has(o.f)`), objects'
    /// and maps' alike. An expression that uses objects only through their fields
    /// (``usesObjectsOnlyThroughFields``) reads no field of an object outside these names.
    public var selectedFieldNames: Set<String> {
        var names: Set<String> = []
        CheckedAST.collectSelected(expr, into: &names)
        return names
    }

    private static func collectSelected(_ e: Expr, into names: inout Set<String>) {
        switch e.kind {
        case .literal, .ident:
            break
        case .select(let operand, let name, _):
            names.insert(name)
            collectSelected(operand, into: &names)
        case .call(let target, _, let args):
            if let target { collectSelected(target, into: &names) }
            for a in args { collectSelected(a, into: &names) }
        case .list(let items):
            for i in items { collectSelected(i, into: &names) }
        case .map(let entries):
            for entry in entries {
                collectSelected(entry.key, into: &names)
                collectSelected(entry.value, into: &names)
            }
        case .comprehension(let c):
            for part in [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result] { collectSelected(part, into: &names) }
        }
    }
}
