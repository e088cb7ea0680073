import MDAEngine

/// The `expect` object of a fixture: what the decision for its case must say.
///
/// Every key is optional; an outcome that is not mentioned is not checked. The keys and their
/// meaning are documented in `docs/regression-suites.md`; ``FixtureCheck`` compares them.
public struct Expectations: Sendable {
    /// `route`: the final route.
    public var route: Route?
    /// `acute`: `true`, `false` or `null` (unknown).
    public var acute: Truth?
    /// `provisional`.
    public var provisional: Bool?
    /// `raisedByJudgement`.
    public var raisedByJudgement: Bool?
    /// `phase`: the id of the phase that applies.
    public var phase: String?
    /// `problemCategory`: the level of the problem-category pyramid.
    public var problemCategory: Int?
    /// `criteria`: the value of each criterion named (others are not checked).
    public var criteria: [(id: String, value: Truth)] = []
    /// `profiles`: the status of each profile named (others are not checked).
    public var profiles: [(id: String, status: ProfileStatus)] = []
    /// `riskFactors.present`: the complete list of present risk factors (order free).
    public var factorsPresent: [String]?
    /// `riskFactors.unknown`: the complete list of unknown risk factors (order free).
    public var factorsUnknown: [String]?
    /// `riskFactors.includes`: factors that must be present (others may be too).
    public var factorsIncludes: [String] = []
    /// `riskFactors.absent`: factors that must be neither present nor unknown.
    public var factorsAbsent: [String] = []
    /// `actions.present`: the complete list of required actions (order free).
    public var actionsPresent: [String]?
    /// `actions.includes`: actions that must be listed (others may be too).
    public var actionsIncludes: [String] = []
    /// `actions.absent`: actions that must not be listed.
    public var actionsAbsent: [String] = []
    /// `missing.includes`: JSON Pointers that must be among the missing facts.
    public var missingIncludes: [String] = []
    /// `missing.excludes`: JSON Pointers that must not be among the missing facts.
    public var missingExcludes: [String] = []
    /// `missing.entries`: missing facts with what they could change.
    public var missingEntries: [MissingEntry] = []

    /// Whether any expectation reads the decision's `missing` list (otherwise the suite skips
    /// computing it, which is most of the cost of a case full of unknowns).
    public var readsMissing: Bool { !missingIncludes.isEmpty || !missingExcludes.isEmpty || !missingEntries.isEmpty }
    /// `warnings`: each text must occur in some warning; an empty list means no warnings at all.
    public var warnings: [String]?
    /// `errors`: the exact set of input errors (`{path, code}`); the case must be rejected.
    public var errors: [ExpectedError]?

    /// An expected entry of the decision's `missing` list.
    public struct MissingEntry: Sendable, Equatable {
        /// The fact's JSON Pointer into the case.
        public var fact: String
        /// When given: the route the fact could raise the decision to (`nil` inside: none).
        public var couldRaiseRouteTo: Route??
        /// When given: whether the fact could make the case acute.
        public var couldMakeAcute: Bool?

        /// Creates an entry.
        public init(fact: String, couldRaiseRouteTo: Route?? = nil, couldMakeAcute: Bool? = nil) {
            self.fact = fact
            self.couldRaiseRouteTo = couldRaiseRouteTo
            self.couldMakeAcute = couldMakeAcute
        }
    }

    /// An expected input error.
    public struct ExpectedError: Sendable, Hashable, Comparable {
        /// The JSON Pointer of the offending value in the case.
        public var path: String
        /// The error code (`InputError.Code` raw value).
        public var code: String

        /// Creates an expected error.
        public init(path: String, code: String) {
            self.path = path
            self.code = code
        }

        /// Orders by path, then code.
        public static func < (a: ExpectedError, b: ExpectedError) -> Bool { (a.path, a.code) < (b.path, b.code) }
    }

    /// No expectations.
    public init() {}

    /// Whether the fixture expects the case to be rejected with input errors.
    public var expectsRejection: Bool { errors != nil }
}
