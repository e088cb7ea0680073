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

    /// AND of two values, as ``and(_:)`` over both (without building an array).
    static func and(_ a: Value, _ b: Value) -> Value {
        var fold = Fold(deciding: false)
        fold.add(a)
        fold.add(b)
        return fold.value
    }

    /// Kleene OR (`deciding` true) or AND (`deciding` false): the deciding value wins; otherwise
    /// unknown with every unknown's facts merged; otherwise the other boolean.
    private static func fold(_ values: [Value], deciding: Bool) -> Value {
        var fold = Fold(deciding: deciding)
        for v in values {
            fold.add(v)
            if fold.decided { break }
        }
        return fold.value
    }

    /// A Kleene OR or AND taken one value at a time (the same result as ``or(_:)`` /
    /// ``and(_:)`` over all of them), for loops that see their operands one by one.
    struct Fold {
        /// `true` for OR, `false` for AND.
        let deciding: Bool
        /// Whether an unknown result carries the merged facts of the unknown operands; without,
        /// it is unknown with no facts (for runs that read only whether values are known).
        let merging: Bool
        /// Whether a deciding value was seen: the result is that value, whatever follows.
        private(set) var decided = false
        private var unknown = false
        private var merged: UnknownSet?

        init(deciding: Bool, merging: Bool = true) {
            self.deciding = deciding
            self.merging = merging
        }

        /// Takes one operand. After a deciding value the unknowns are no longer merged.
        mutating func add(_ v: Value) {
            guard !decided else { return }
            switch v {
            case .bool(let b): if b == deciding { decided = true }
            case .unknown(let u):
                unknown = true
                if merging { merged = merged.map { $0.merged(with: u) } ?? u }
            default: unknown = true
            }
        }

        /// The result over the operands taken so far.
        var value: Value {
            if decided { return .bool(deciding) }
            return unknown ? .unknown(merged ?? UnknownSet([])) : .bool(!deciding)
        }
    }

    /// The union of unknown sets, as `UnknownSet(_:)` over all their paths: one set is returned
    /// as it is, and the paths of several are gathered into one allocation before the sort.
    static func union(_ sets: [UnknownSet]) -> UnknownSet {
        if sets.count == 1 { return sets[0] }
        var count = 0
        for s in sets { count += s.paths.count }
        var paths: [String] = []
        paths.reserveCapacity(count)
        for s in sets { paths.append(contentsOf: s.paths) }
        return UnknownSet(paths)
    }
}
