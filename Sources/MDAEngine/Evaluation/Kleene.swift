import CEL

/// Three-valued helpers over CEL values (true, false, or unknown with the facts it hangs on).
enum Kleene {
    /// The value as a Kleene boolean: `nil` for unknown (and errors).
    static func bool(_ v: Value) -> Bool? {
        if case .bool(let b) = v { return b }
        return nil
    }

    /// The unknown facts a value hangs on.
    static func unknowns(_ v: Value) -> [String] {
        if case .unknown(let u) = v { return u.paths }
        return []
    }

    /// OR over values: true if any is true; else unknown (merged) if any is unknown; else false.
    static func or(_ values: [Value]) -> Value { fold(values, deciding: true) }

    /// AND over values: false if any is false; else unknown (merged) if any is unknown; else true.
    static func and(_ values: [Value]) -> Value { fold(values, deciding: false) }

    /// Kleene OR (`deciding` true) or AND (`deciding` false): the deciding value wins; otherwise
    /// unknown with every unknown's facts merged; otherwise the other boolean.
    private static func fold(_ values: [Value], deciding: Bool) -> Value {
        var paths: [String] = []
        var unknown = false
        var sets = 0
        var first: UnknownSet?, second: UnknownSet?
        for v in values {
            switch v {
            case .bool(let b):
                if b == deciding { return v }
            case .unknown(let u):
                unknown = true
                if first == nil { first = u } else if second == nil { second = u }
                paths += u.paths
                sets += 1
            default: unknown = true; sets += 2
            }
        }
        // One or two unknown sets (the usual case) need no sort: they are sorted already.
        if sets == 1, let first { return .unknown(first) }
        if sets == 2, let first, let second { return .unknown(first.merged(with: second)) }
        return unknown ? .unknown(UnknownSet(paths)) : .bool(!deciding)
    }
}
