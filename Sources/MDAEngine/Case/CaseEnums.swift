// The closed vocabularies of `mda-case/1` (../shared/spec/case-schema.md).

/// A member's gender.
public enum Gender: String, Sendable, CaseIterable { case female, male, other, unknown }

/// An adult's own adverse childhood experience.
public enum AceKind: String, Sendable, CaseIterable {
    case psychologicalAbuse = "psychological_abuse", physicalAbuse = "physical_abuse", sexualAbuse = "sexual_abuse"
    case emotionalNeglect = "emotional_neglect", physicalNeglect = "physical_neglect", parentsSeparated = "parents_separated"
    case witnessedPartnerViolence = "witnessed_partner_violence", householdSubstanceAbuse = "household_substance_abuse"
    case householdMentalIllness = "household_mental_illness", householdMemberImprisoned = "household_member_imprisoned"
}

/// How two members are related.
public enum RelationshipKind: String, Sendable, CaseIterable {
    case partner, exPartner = "ex_partner", parentChild = "parent_child", sibling, carer, other
}

/// What happened in an incident.
public enum IncidentKind: String, Sendable, CaseIterable {
    case physical, psychological, sexual, neglect, threat, threatToKill = "threat_to_kill", strangulation, stalking
    case coerciveControl = "coercive_control", financial, honourRelated = "honour_related", propertyDamage = "property_damage"
}

/// The injury an incident caused (`unknown` is an unknown fact).
public enum Injury: String, Sendable, CaseIterable { case none, minor, serious, unknown }

/// A Veilig Thuis contact: a report (melding) or an advice request.
public enum ReportKind: String, Sendable, CaseIterable { case melding, adviesvraag }

/// Who made a report.
public enum Reporter: String, Sendable, CaseIterable {
    case police, education, healthcare, generalPractitioner = "general_practitioner", youthCare = "youth_care"
    case socialWork = "social_work", citizen, family, other
}

/// The triage outcome of the latest assessment.
public enum Triage: String, Sendable, CaseIterable {
    case directHandoverLocal = "direct_handover_local", conditionsAndFollowUp = "conditions_and_follow_up", investigation
}

/// The couple's separation status (`unknown` is an unknown fact).
public enum SeparationStatus: String, Sendable, CaseIterable { case together, separating, separated, unknown }

/// An organisation involved with the household.
public enum AgencyKind: String, Sendable, CaseIterable {
    case localTeam = "local_team", veiligThuis = "veilig_thuis", youthProtection = "youth_protection"
    case mentalHealth = "mental_health", addictionCare = "addiction_care", police
    case publicProsecutor = "public_prosecutor", probation, childProtectionBoard = "child_protection_board"
    case shelter, school, gp, other
}

/// How an intervention ended (or that it runs).
public enum InterventionOutcome: String, Sendable, CaseIterable {
    case ongoing, effective, noEffect = "no_effect", stoppedEarly = "stopped_early", refused
}

/// A route, ordered from least to most intensive.
public enum Route: String, Sendable, CaseIterable, Comparable {
    case regularCare = "regular_care", veiligheidsteam, mdaPlusPlus = "mda_plus_plus"

    /// 0 for regular care, 1 for a veiligheidsteam, 2 for MDA++.
    public var rank: Int {
        switch self {
        case .regularCare: return 0
        case .veiligheidsteam: return 1
        case .mdaPlusPlus: return 2
        }
    }

    public static func < (a: Route, b: Route) -> Bool { a.rank < b.rank }
}

/// The route a professional may escalate to.
public enum JudgementTarget: String, Sendable, CaseIterable { case veiligheidsteam, mdaPlusPlus = "mda_plus_plus" }

/// Keys of a member's `factors` object, in schema order.
public enum MemberFactor: String, Sendable, CaseIterable {
    case psychiatric, intellectualDisability, physicalDisability, substanceMisuse, alcoholMisuse
    case ownChildhoodAbuse, witnessedPartnerViolenceAsChild, violentRecord, deniesViolence, refusesCare
    case approvesPhysicalPunishment, seesManyProblemsInChild, unwantedPregnancy, needsLongTermCare
    case behaviourProblems, poorHealth, poorSocialSkills, traumaSymptoms, careDependent
    case overburdenedCarer, lonely, sexualityOrGenderRejected, attachmentProblems
}

/// Keys of the `household` object.
public enum HouseholdFact: String, Sendable, CaseIterable {
    case debts, unemployment, poorHousing, lowIncome, weakSocialNetwork, healthProblems, manyConflicts
    case bothParentsAggressive, parentingStress, honourRelatedThreat, forcedMarriage, fgmRisk, trafficking
}

/// Keys of the `coerciveControl` object.
public enum CoerciveControlFact: String, Sendable, CaseIterable {
    case controlling, isolation, restrictsFreedom, humiliation, intimidation, jealousy, monitoring
    case financialControl, victimFeelsConstantlyUnsafe
}

/// The tri-state keys of the `stalking` object.
public enum StalkingFact: String, Sendable, CaseIterable {
    case unwantedContact, following, surveillance, threats, contactBanViolated
}

/// The tri-state keys of the `separation` object.
public enum SeparationFact: String, Sendable, CaseIterable { case contactDispute, courtProceedings, childrenSufferFromConflict }

/// The tri-state keys of the `care` object.
public enum CareFact: String, Sendable, CaseIterable { case safetyPlan, caseCoordinator, familyParticipates }

/// The tri-state keys of the `justice` object.
public enum JusticeFact: String, Sendable, CaseIterable { case childProtectionOrder, criminalProceedings }

/// The tri-state keys of the `assessment` object.
public enum AssessmentFact: String, Sendable, CaseIterable { case acuteUnsafety, structuralUnsafety }
