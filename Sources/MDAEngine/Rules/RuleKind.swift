/// What a rule decides. Rule files name the kind in each block header.
public enum RuleKind: String, Sendable, CaseIterable {
    /// A derived fact: any CEL value, evaluated once per case and shared.
    case fact
    /// A risk factor with a domain and a weight; may iterate a list and name members.
    case riskFactor = "risk_factor"
    /// A risk-factor domain: has a problem when any of its factors is present (computed).
    case domain
    /// A family-profile indicator, core or supporting, with a weight.
    case indicator
    /// A family profile: match value and status computed from its indicators.
    case profile
    /// The acute flag.
    case acute
    /// A route criterion (A, B, C, H, R).
    case criterion
    /// A level of the problem-category pyramid.
    case category
    /// A route's condition; the route is the highest whose condition is true.
    case route
    /// A phase's condition; the first true phase applies.
    case phase
    /// A required action.
    case action
    /// The final route after professional judgement (computed; one per ruleset).
    case decision
}
