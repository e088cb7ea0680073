import CEL

/// One compiled rule of a ruleset: its metadata, where it came from, and its planned CEL.
public final class Rule: Sendable {
    /// The rule's id, also its CEL variable name (e.g. `weapon`, `intimate_terror.jealousy`).
    public let id: String
    public let kind: RuleKind
    /// Dutch label.
    public let labelNL: String
    /// English label.
    public let labelEN: String
    /// The source citation.
    public let source: String
    /// Where the block starts.
    public let position: RulePosition
    /// For risk factors: the domain; for indicators: the profile.
    public let group: String?
    /// Weight of a risk factor or indicator (default 1).
    public let weight: Double
    /// Whether an indicator is a core indicator.
    public let isCore: Bool
    /// A category's level.
    public let level: Int
    /// A profile's consequences, Dutch and English.
    public let impliesNL: String?
    public let impliesEN: String?

    /// The activation slot holding the rule's value.
    let slot: Int
    /// Domains: the slot of `domain.x.members`; profiles: the slot of `profile.status`.
    let secondarySlot: Int?
    /// The condition or value.
    let condition: Program?
    /// For iterating rules: the list and the loop variable's slot.
    let iteration: Program?
    let loopSlot: Int
    /// Members where an element holds, and where it is unknown.
    let members: Program?
    let membersUnknown: Program?
    /// Indexes (into the ruleset's rules) of the rules this rule reads.
    let inputs: [Int]
    /// Everything besides its inputs and parameters that decides the rule's value: kind,
    /// group, weight, core flag, level, loop variable and the source of every expression.
    /// Two rules with equal definitions, inputs and parameter values have equal values.
    let definition: String
    /// The parameters its expressions reference, sorted.
    let parameterNames: [String]
    /// Whether an expression of the rule may use records other than through their fields
    /// (compare them as wholes, for instance; see `CheckedAST.usesObjectsOnlyThroughFields`).
    /// A rule that does not gives the same value for a copy of the case graph whose records
    /// differ only in fields the rule does not read (see `Engine.affectedRules`).
    let comparesRecords: Bool
    /// The names of the fields its expressions select or test (`CheckedAST.selectedFieldNames`):
    /// a rule that does not compare records reads no other field of a record.
    let selectedFields: Set<String>

    init(id: String, kind: RuleKind, labelNL: String, labelEN: String, source: String, position: RulePosition,
         group: String?, weight: Double, isCore: Bool, level: Int, impliesNL: String?, impliesEN: String?,
         slot: Int, secondarySlot: Int?, condition: Program?, iteration: Program?, loopSlot: Int,
         members: Program?, membersUnknown: Program?, inputs: [Int], definition: String, parameterNames: [String],
         comparesRecords: Bool, selectedFields: Set<String>) {
        self.id = id
        self.kind = kind
        self.labelNL = labelNL
        self.labelEN = labelEN
        self.source = source
        self.position = position
        self.group = group
        self.weight = weight
        self.isCore = isCore
        self.level = level
        self.impliesNL = impliesNL
        self.impliesEN = impliesEN
        self.slot = slot
        self.secondarySlot = secondarySlot
        self.condition = condition
        self.iteration = iteration
        self.loopSlot = loopSlot
        self.members = members
        self.membersUnknown = membersUnknown
        self.inputs = inputs
        self.definition = definition
        self.parameterNames = parameterNames
        self.comparesRecords = comparesRecords
        self.selectedFields = selectedFields
    }

    /// The label in `language` (`nl` or `en`).
    public func label(_ language: Language) -> String { language == .nl ? labelNL : labelEN }
}

/// The two languages of labels and explanations.
public enum Language: String, Sendable, CaseIterable { case nl, en }
