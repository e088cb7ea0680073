/// What a counterfactual does with one rule of the finished run it was copied from (see
/// `Engine.affectedRules`).
enum RuleRerun: UInt8, Sendable {
    /// The value cannot change: kept.
    case keep
    /// The value may change: evaluated again.
    case evaluate
    /// The value holds records and is the same up to which records it holds: the run's value
    /// with each replaced record swapped for its copy (``RecordCopies``), as evaluating it
    /// again on the new case graph would give.
    case substitute
}

/// What a counterfactual does with every rule (see `Engine.affectedRules`).
struct RerunPlan: Equatable {
    /// By rule index.
    let rules: [RuleRerun]
    /// The indexes of the rules not kept, in evaluation order: the only rules a counterfactual
    /// visits (a few of a ruleset's hundreds).
    let visited: [Int]

    /// The plan doing `rules`.
    init(_ rules: [RuleRerun]) {
        self.rules = rules
        visited = rules.indices.filter { rules[$0] != .keep }
    }

    /// The plan doing `rules`, whose rules not kept are `visited` (in index order).
    init(_ rules: [RuleRerun], visited: [Int]) {
        self.rules = rules
        self.visited = visited
    }

    /// What is done with rule `k`.
    subscript(k: Int) -> RuleRerun { rules[k] }

    /// Whether two plans do the same (`visited` follows from `rules`).
    static func == (a: RerunPlan, b: RerunPlan) -> Bool { a.rules == b.rules }
}

/// What ``Evaluation/reevaluate(case:rules:copies:from:judgement:)`` needs for a leaf's
/// further values (``Evaluation/again``): which rules may read the leaf, and room to note
/// which values changed.
struct LeafRerun {
    /// By rule index: whether the rule may read the leaf (see `Engine.missing`).
    let mayRead: [Bool]
    /// By rule index: whether a visited rule's value, second slot or members changed in the
    /// latest call (only visited rules are written, each before any rule reads it).
    var changed: [Bool]
}
