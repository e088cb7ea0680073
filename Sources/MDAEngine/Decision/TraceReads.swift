import CEL

/// The reads of one evaluation, shared by the entries of its trace: each entry's
/// ``FieldReads`` and ``RuleReads`` are ranges of these lists (the recorder's own).
///
/// Field reads hold their records unretained; `root` keeps them alive. That is sound because
/// records are made only by the case graph (counterfactual copies are evaluated untraced), and
/// rule values and loop variables are built from the case's own values, so every record a traced
/// evaluation reads is reachable from the case value it evaluated.
final class TraceReads: Sendable {
    /// Case fields read, all rules' reads back to back.
    let fields: ReadList<FieldRead.Recorded>
    /// Rule values read, all rules' reads back to back.
    let rules: ReadList<RuleRead.Recorded>
    /// The values of the rule reads marked ``RuleRead/Recorded/Source/own``.
    let owns: ReadList<Value>
    /// The name of each activation slot (``Ruleset/slotNames``); a slot past them is a fact
    /// that is not a rule (``facts``).
    let names: [String]
    /// The ruleset's rule ids (``Ruleset/ruleIDs``), which entries name their rules by.
    let ruleIDs: [String]
    /// The ruleset's escaped entry openings and slot keys (``Ruleset/traceText``), matching
    /// ``ruleIDs`` and ``names``; nil when the trace writes them from those strings instead.
    let text: TraceText?
    /// The value of each activation slot when the evaluation finished: the value of every
    /// rule read marked ``RuleRead/Recorded/Source/final``. One array shared with the evaluation,
    /// never changed (so its elements stay where they are while the reads are alive).
    let slotValues: [Value]
    /// The `for` lists of the evaluation's loops, in the order they ran: the values of rule
    /// reads marked ``RuleRead/Recorded/Source/element``. Never changed either.
    /// Nil for an untraced evaluation, which has no reads.
    let loops: ReadList<[Value]>?
    /// Each rule's value, by rule index (the evaluation's array, shared): the results of the
    /// trace's entries.
    let results: [Value]
    /// The position in ``owns`` of the judgement entry's result (the route professional
    /// judgement raises to, or `.null`), kept there so that the writer reads it in place too.
    let judgementPosition: Int
    /// The case value the reads were made on.
    let root: Value
    /// How many fact numbers the field reads' ``FieldRead/Recorded/fact`` range over (all are
    /// below it).
    let factCount: Int

    /// Facts that a trace lists like rules but that are not rules, numbered after the slots.
    static let facts = ["/professionalJudgement/escalateTo"]

    init(fields: ReadList<FieldRead.Recorded>, rules: ReadList<RuleRead.Recorded>, owns: ReadList<Value>, names: [String], ruleIDs: [String] = [], text: TraceText? = nil,
         slotValues: [Value] = [], loops: ReadList<[Value]>? = nil, results: [Value] = [], judgementPosition: Int = 0,
         root: Value, factCount: Int) {
        self.fields = fields
        self.slotValues = slotValues
        self.loops = loops
        self.results = results
        self.judgementPosition = judgementPosition
        self.ruleIDs = ruleIDs
        self.text = text
        self.factCount = factCount
        self.rules = rules
        self.owns = owns
        self.names = names
        self.root = root
    }

    /// The value rule read `index` (in ``rules``) saw.
    func value(at index: Int) -> Value {
        precondition(index >= 0 && index < rules.count, "read index out of range")
        let read = rules.base + index
        switch read.pointee.source {
        case .own: return owns[Int(read.pointee.position)]
        case .final: return slotValues[read.pointee.slot]
        case .element: return loops![Int(read.pointee.loop)][Int(read.pointee.position)]
        }
    }

    /// The rule id or fact pointer of `slot`.
    func name(_ slot: Int) -> String { slot < names.count ? names[slot] : TraceReads.facts[slot - names.count] }
}
