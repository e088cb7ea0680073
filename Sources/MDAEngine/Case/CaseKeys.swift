/// The keys the `mda-case/1` schema defines for each kind of object, in schema order, for
/// ``CaseTapeReader`` to switch on (fact-group keys are the enums of ``CaseEnums``).
enum CaseKeys {
    /// The case object's keys.
    enum Case: String, CaseVocabulary {
        case schema, caseId, referenceDate, members, relationships, incidents, reports, assessment
        case household, coerciveControl, stalking, separation, care, justice, history, professionalJudgement
        static let table = NameTable(Case.self)
    }

    /// A member's keys.
    enum Member: String, CaseVocabulary {
        case id, age, gender, victim, perpetrator, pregnant, factors, aces
        static let table = NameTable(Member.self)
    }

    /// A relationship's keys.
    enum Relationship: String, CaseVocabulary {
        case a, b, kind
        static let table = NameTable(Relationship.self)
    }

    /// An incident's keys.
    enum Incident: String, CaseVocabulary {
        case date, kinds, perpetrators, victims, witnesses, injury, weapon, policeInvolved, contactBanViolated
        static let table = NameTable(Incident.self)
    }

    /// A report's keys.
    enum Report: String, CaseVocabulary {
        case date, kind, reporter
        static let table = NameTable(Report.self)
    }

    /// The assessment's keys besides its tri-state facts.
    enum Assessment: String, CaseVocabulary {
        case date, safetyScore, triage
        static let table = NameTable(Assessment.self)
    }

    /// The separation's keys besides its tri-state facts.
    enum Separation: String, CaseVocabulary {
        case status, since
        static let table = NameTable(Separation.self)
    }

    /// The care object's keys besides its tri-state facts.
    enum Care: String, CaseVocabulary {
        case agencies, interventions
        static let table = NameTable(Care.self)
    }

    /// An agency's keys.
    enum Agency: String, CaseVocabulary {
        case kind, since, until
        static let table = NameTable(Agency.self)
    }

    /// An intervention's keys.
    enum Intervention: String, CaseVocabulary {
        case kind, start, end, outcome
        static let table = NameTable(Intervention.self)
    }

    /// A previous trajectory's keys.
    enum Trajectory: String, CaseVocabulary {
        case start, closed
        static let table = NameTable(Trajectory.self)
    }

    /// The professional judgement's keys.
    enum Judgement: String, CaseVocabulary {
        case escalateTo, reason
        static let table = NameTable(Judgement.self)
    }
}
