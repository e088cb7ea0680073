import CEL

/// The engine's answer for one case (`mda-decision/1`).
///
/// Everything a professional needs to check the recommendation line by line: the route and
/// why, profiles with their evidence, risk factors with the members they hold for, criteria,
/// actions with sources, what is still unknown, and the full trace.
public struct Decision: Sendable {
    /// The output schema identifier.
    public static let schema = "mda-decision/1"

    public var caseId: String
    public var route: Route
    /// `nil` when unknown.
    public var acute: Bool?
    /// True when a higher route's condition is unknown rather than false (reading 23).
    public var provisional: Bool
    public var raisedByJudgement: Bool
    /// The id of the phase that applies.
    public var phase: String
    public var problemCategory: Int
    public var profiles: [ProfileResult]
    public var riskFactors: [RiskFactorResult]
    /// Criteria in rule-file order (A, B, C, H, R), `nil` when unknown.
    public var criteria: [(id: String, value: Bool?)]
    public var actions: [ActionResult]
    public var missing: [MissingFact]
    public var trace: [TraceEntry]
    public var ruleset: (name: String, version: String, sha256: String)
    public var engine: String
    public var warnings: [String]

    /// A family profile's result.
    public struct ProfileResult: Sendable {
        public var id: String
        public var status: ProfileStatus
        /// Share of all indicators (by weight) that hold, rounded to 4 decimals.
        public var score: Double
        /// Indicator ids (without the profile prefix) that hold.
        public var held: [String]
        /// Indicator ids that are unknown.
        public var unknown: [String]
    }

    /// A present or unknown risk factor.
    public struct RiskFactorResult: Sendable {
        public var id: String
        public var domain: String
        public var present: Bool
        public var members: [String]
        public var source: String
    }

    /// A required action.
    public struct ActionResult: Sendable {
        public var id: String
        /// The true rules its condition read.
        public var because: [String]
        public var source: String
    }

    /// An unknown fact that alone could raise the route or make the case acute.
    public struct MissingFact: Sendable, Hashable {
        /// JSON Pointer into the case.
        public var fact: String
        public var couldRaiseRouteTo: Route?
        public var couldMakeAcute: Bool
    }
}

/// A profile's status.
public enum ProfileStatus: String, Sendable { case match, possible, noMatch = "no_match" }

/// One evaluated rule: its value and the facts it read.
public struct TraceEntry: Sendable {
    /// The rule id (or `professional_judgement`).
    public var rule: String { ruleIndex < 0 ? TraceEntry.judgement : reads.ruleIDs[ruleIndex] }
    /// The rule's value: a condition's `true`/`false`/unknown, or a fact's value.
    ///
    /// Kept once for all entries, in their ``TraceReads``, rather than copied into each: a copy
    /// would retain, and later release, every list, string and unknown a rule evaluated to.
    public var result: Value { ruleIndex < 0 ? reads.owns[reads.judgementPosition] : reads.results[ruleIndex] }
    /// For the judgement entry: the reason's length in code points (its text is never kept).
    public var reasonLength: Int?
    /// The trace's reads, which ``fieldReads`` and ``ruleReads`` are ranges of: one reference
    /// for both, so that an entry costs one retain to make and one release to destroy.
    let reads: TraceReads
    /// This entry's part of `reads.fields`.
    let fieldRange: Range<Int>
    /// This entry's part of `reads.rules`.
    let ruleRange: Range<Int>

    /// Case fields read, each once, in the order of their first reads.
    public var fieldReads: FieldReads { FieldReads(reads: reads, range: fieldRange) }
    /// Other rules read, in reading order.
    public var ruleReads: RuleReads { RuleReads(reads: reads, range: ruleRange) }

    /// The rule's index in `reads.ruleIDs`, -1 for the judgement's entry: the id is not copied
    /// into every entry (a retain to make it and a release to destroy it, per entry).
    let ruleIndex: Int

    /// The judgement entry's rule.
    static let judgement = "professional_judgement"

    /// The entry of rule `rule` (an index in `reads.ruleIDs` and `reads.results`, -1 for the
    /// judgement).
    init(rule: Int, reads: TraceReads, fields: Range<Int>, rules: Range<Int>, reasonLength: Int?) {
        ruleIndex = rule
        self.reasonLength = reasonLength
        self.reads = reads
        fieldRange = fields
        ruleRange = rules
    }
}

/// A case field a rule read.
// Unchecked: records are immutable once made (see ``ObjectValue``).
public struct FieldRead: @unchecked Sendable {
    /// The record read from (its `path` is the record's JSON Pointer).
    public let object: ObjectValue
    /// The field's index in the record's type.
    public let field: Int

    /// The value read: records are immutable, so it is the stored field value (kept there rather
    /// than copied into every read).
    public var value: Value { object.field(field) }

    /// The field's JSON Pointer.
    public var pointer: String { (object.path ?? "") + "/" + object.type.fields[field].name }

    /// A read as a trace stores it: the record unretained, so that arrays of reads are plain
    /// memory, filled and freed without reference counting (a decision has thousands). The
    /// ``TraceReads`` holding it keeps the record alive.
    struct Recorded {
        /// The record, unretained.
        let record: Unmanaged<ObjectValue>
        // 32 bits each, so a read stays two words.
        private let storedField: Int32
        private let storedFact: Int32

        init(object: ObjectValue, field: Int, fact: Int) {
            record = .passUnretained(object)
            storedField = Int32(truncatingIfNeeded: field)
            storedFact = Int32(truncatingIfNeeded: fact)
        }

        /// The field's index in the record's type.
        var field: Int { Int(storedField) }
        /// The field's fact number (``CaseGraph/FactNumbers``): the record's index plus the field.
        var fact: Int { Int(storedFact) }

        /// The record read from.
        var object: ObjectValue { record.takeUnretainedValue() }

        // A guaranteed reference, not takeUnretainedValue(): the record is alive, and this
        // spares a retain and release and lets the caller match the value without copying it.

        /// The value read.
        var value: Value { record._withUnsafeGuaranteedRef { $0.field(field) } }
        /// The field's JSON Pointer.
        var pointer: String { record._withUnsafeGuaranteedRef { ($0.path ?? "") + "/" + $0.type.fields[field].name } }
    }
}

/// Another rule's value a rule read.
public struct RuleRead: Sendable {
    /// The rule's id (or, for a fact that is not a rule, its JSON Pointer).
    public let rule: String
    /// The value read.
    public let value: Value
    /// The rule's activation slot (beyond the ruleset's slots for a fact that is not a rule),
    /// so repeats are found without comparing names.
    let slot: Int

    /// A read as a trace stores it: the slot instead of the name, which ``TraceReads`` looks up,
    /// and not the value but where the trace keeps it: for most reads once for all reads of it
    /// (a copy per read would retain, and later release, every list, string and record read),
    /// a slot's final value (a rule's value read after the rule ran) in
    /// ``TraceReads/slotValues``, a loop variable's element in its `for` list
    /// (``TraceReads/loops``); for the few others in ``TraceReads/owns``. A read holds no
    /// references, so a list of thousands of them is freed without visiting them.
    struct Recorded {
        /// Where the value read is.
        enum Source: UInt8 {
            /// Value ``position`` of ``TraceReads/owns``.
            case own
            /// The slot's final value (``TraceReads/slotValues``).
            case final
            /// Element ``position`` of the `for` list ``loop`` (``TraceReads/loops``).
            case element
        }

        let source: Source
        /// ``slot``, stored in four bytes so that a read takes 16 (slots and positions are far
        /// below 2³¹, so they are stored without a check).
        let slotNumber: Int32
        /// For ``Source/element``: the `for` list's position in ``TraceReads/loops``; 0 otherwise.
        let loop: Int32
        /// For ``Source/element``: the element's position in its `for` list; for ``Source/own``:
        /// the value's position in ``TraceReads/owns``; 0 otherwise.
        let position: Int32

        /// The activation slot read.
        var slot: Int { Int(slotNumber) }

        /// A read of `slot` whose value is value `index` of the trace's ``TraceReads/owns`` (a
        /// slot read before its rule set it, a fact that is not a rule).
        init(own index: Int, slot: Int) {
            source = .own
            slotNumber = Int32(truncatingIfNeeded: slot)
            loop = 0
            position = Int32(truncatingIfNeeded: index)
        }

        /// A read of the final value of `slot`.
        init(finalOf slot: Int) {
            source = .final
            slotNumber = Int32(truncatingIfNeeded: slot)
            loop = 0
            position = 0
        }

        /// A read of loop slot `slot` holding element `element` of `for` list `loop`.
        init(element: Int32, of loop: Int32, slot: Int) {
            source = .element
            slotNumber = Int32(truncatingIfNeeded: slot)
            self.loop = loop
            position = element
        }
    }
}
