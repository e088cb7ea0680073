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
