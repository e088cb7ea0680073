import CEL

/// The records a counterfactual copy of the case graph replaced, each with its copy
/// (``CaseGraph/Replacement/varied()``): puts the copies into values that were
/// computed on the old graph.
struct RecordCopies {
    /// Few: the varied record and the records that contain it.
    let pairs: [(original: ObjectIdentifier, copy: Value)]

    /// `value` with every replaced record in it, at any depth of lists, swapped for its copy.
    /// A record outside the replaced ones cannot hold a replaced one (it would have been
    /// copied too), so records are not looked into.
    func substituted(in value: Value) -> Value {
        replaced(value) ?? value
    }

    /// The substituted value, or nil when `value` holds no replaced record.
    private func replaced(_ value: Value) -> Value? {
        switch value {
        case .object(let o):
            let id = ObjectIdentifier(o)
            for p in pairs where p.original == id { return p.copy }
            return nil
        case .list(let items):
            var out: [Value]?
            for i in items.indices {
                guard let v = replaced(items[i]) else { continue }
                if out == nil { out = items }
                out![i] = v
            }
            return out.map { .list($0) }
        default:
            return nil
        }
    }
}
