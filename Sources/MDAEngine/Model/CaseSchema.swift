import CEL

/// The CEL view of an `mda-case/1` document: the record types rules read through `case`.
///
/// It mirrors the input schema with three deliberate differences, all documented in
/// `docs/rules-language.md`: member references (`perpetrators`, `victims`, `witnesses`,
/// relationship `a`/`b`) are the referenced `Member` records themselves; absent objects are
/// records whose every fact is unknown; and nullable dates that mean "not ended" (`until`, `end`,
/// `closed`) are `dyn` so rules can compare them with `null`. A professional's free-text reason
/// never enters CEL: only its length does.
public enum CaseSchema {
    static func bools<K: CaseIterable & RawRepresentable>(_ k: K.Type) -> [(name: String, type: CELType)] where K.RawValue == String {
        K.allCases.map { (name: $0.rawValue, type: CELType.bool) }
    }

    /// A member's `factors`.
    public static let factors = ObjectType(name: "mda.Factors", fields: bools(MemberFactor.self))
    /// A household member.
    public static let member = ObjectType(name: "mda.Member", fields: [
        ("id", .string), ("age", .int), ("gender", .string), ("victim", .bool), ("perpetrator", .bool),
        ("pregnant", .bool), ("factors", .object(factors)), ("aces", .list(.string)),
    ])
    /// A relationship; `a` and `b` are members.
    public static let relationship = ObjectType(name: "mda.Relationship", fields: [
        ("a", .object(member)), ("b", .object(member)), ("kind", .string),
    ])
    /// An incident.
    public static let incident = ObjectType(name: "mda.Incident", fields: [
        ("date", .timestamp), ("kinds", .list(.string)), ("perpetrators", .list(.object(member))),
        ("victims", .list(.object(member))), ("witnesses", .list(.object(member))), ("injury", .string),
        ("weapon", .bool), ("policeInvolved", .bool), ("contactBanViolated", .bool),
    ])
    /// A Veilig Thuis contact.
    public static let report = ObjectType(name: "mda.Report", fields: [
        ("date", .timestamp), ("kind", .string), ("reporter", .string),
    ])
    /// The latest assessment.
    public static let assessment = ObjectType(name: "mda.Assessment", fields: [
        ("date", .timestamp), ("acuteUnsafety", .bool), ("structuralUnsafety", .bool), ("safetyScore", .int), ("triage", .string),
    ])
    /// Household stressors.
    public static let household = ObjectType(name: "mda.Household", fields: bools(HouseholdFact.self))
    /// Coercive-control indicators.
    public static let coerciveControl = ObjectType(name: "mda.CoerciveControl", fields: bools(CoerciveControlFact.self))
    /// Stalking indicators.
    public static let stalking = ObjectType(name: "mda.Stalking", fields: bools(StalkingFact.self) + [("sinceDate", .timestamp)])
    /// Separation.
    public static let separation = ObjectType(name: "mda.Separation", fields: [
        ("status", .string), ("since", .timestamp),
    ] + bools(SeparationFact.self))
    /// An agency's involvement; `until` is a timestamp or null.
    public static let agency = ObjectType(name: "mda.Agency", fields: [
        ("kind", .string), ("since", .timestamp), ("until", .dyn),
    ])
    /// An intervention; `end` is a timestamp or null.
    public static let intervention = ObjectType(name: "mda.Intervention", fields: [
        ("kind", .string), ("start", .timestamp), ("end", .dyn), ("outcome", .string),
    ])
    /// Care.
    public static let care = ObjectType(name: "mda.Care", fields: [
        ("agencies", .list(.object(agency))), ("interventions", .list(.object(intervention))),
    ] + bools(CareFact.self))
    /// Justice.
    public static let justice = ObjectType(name: "mda.Justice", fields: [
        ("restrainingOrders", .list(.timestamp)),
    ] + bools(JusticeFact.self))
    /// The latest MDA++ trajectory. `had` is false (and the dates null) when there never was one;
    /// `closed` is null while it runs.
    public static let trajectory = ObjectType(name: "mda.Trajectory", fields: [
        ("had", .bool), ("start", .dyn), ("closed", .dyn),
    ])
    /// History.
    public static let history = ObjectType(name: "mda.History", fields: [("previousMdaPlusPlus", .object(trajectory))])
    /// Professional judgement; the reason's text is replaced by its length in code points.
    public static let judgement = ObjectType(name: "mda.ProfessionalJudgement", fields: [
        ("escalateTo", .string), ("reasonLength", .int),
    ])
    /// The case.
    public static let `case` = ObjectType(name: "mda.Case", fields: [
        ("caseId", .string), ("referenceDate", .timestamp), ("members", .list(.object(member))),
        ("relationships", .list(.object(relationship))), ("incidents", .list(.object(incident))),
        ("reports", .list(.object(report))), ("assessment", .object(assessment)), ("household", .object(household)),
        ("coerciveControl", .object(coerciveControl)), ("stalking", .object(stalking)),
        ("separation", .object(separation)), ("care", .object(care)), ("justice", .object(justice)),
        ("history", .object(history)), ("professionalJudgement", .object(judgement)),
    ])
}
