/// A household's case: the typed form of an `mda-case/1` document.
///
/// Case systems may build one directly or decode it from JSON with ``CaseDecoder``. Every
/// scalar fact keeps whether it was known, `null` or absent; lists are records (absent or empty
/// means none recorded).
public struct CaseFile: Sendable, Hashable {
    /// The case's pseudonymous identifier (1–128 characters).
    public var caseId: String
    /// The date every time window counts back from.
    public var referenceDate: CaseDate
    /// The household's members (at least one).
    public var members: [Member]
    public var relationships: [Relationship] = []
    public var incidents: [Incident] = []
    /// Veilig Thuis contacts.
    public var reports: [Report] = []
    /// The latest safety assessment.
    public var assessment = Assessment()
    public var household = FactGroup<HouseholdFact>()
    public var coerciveControl = FactGroup<CoerciveControlFact>()
    public var stalking = Stalking()
    public var separation = Separation()
    public var care = Care()
    public var justice = Justice()
    /// The household's latest MDA++ trajectory, if any.
    public var previousMdaPlusPlus: Fact<PreviousTrajectory> = .absent
    public var professionalJudgement = ProfessionalJudgement()
    /// Top-level keys that the schema does not define (ignored, reported as warnings).
    public var ignoredKeys: [String] = []

    /// Creates a case with the required fields.
    public init(caseId: String, referenceDate: CaseDate, members: [Member]) {
        self.caseId = caseId
        self.referenceDate = referenceDate
        self.members = members
    }

    /// A household member.
    public struct Member: Sendable, Hashable {
        public var id: String
        /// Age in whole years at the reference date (0–120).
        public var age: Int
        public var gender: Fact<Gender> = .absent
        public var victim: Fact<Bool> = .absent
        public var perpetrator: Fact<Bool> = .absent
        public var pregnant: Fact<Bool> = .absent
        public var factors = FactGroup<MemberFactor>()
        /// Adverse childhood experiences (absent: none recorded).
        public var aces: [AceKind] = []

        /// Creates a member.
        public init(id: String, age: Int) {
            self.id = id
            self.age = age
        }
    }

    /// A relationship between two members (`a` is the parent or carer where that applies).
    public struct Relationship: Sendable, Hashable {
        public var a: String
        public var b: String
        public var kind: RelationshipKind

        /// Creates a relationship.
        public init(a: String, b: String, kind: RelationshipKind) {
            self.a = a
            self.b = b
            self.kind = kind
        }
    }

    /// One incident of violence or abuse.
    public struct Incident: Sendable, Hashable {
        public var date: CaseDate
        public var kinds: [IncidentKind]
        public var perpetrators: [String] = []
        public var victims: [String] = []
        public var witnesses: [String] = []
        public var injury: Fact<Injury> = .absent
        public var weapon: Fact<Bool> = .absent
        public var policeInvolved: Fact<Bool> = .absent
        public var contactBanViolated: Fact<Bool> = .absent

        /// Creates an incident.
        public init(date: CaseDate, kinds: [IncidentKind]) {
            self.date = date
            self.kinds = kinds
        }
    }

    /// A Veilig Thuis contact.
    public struct Report: Sendable, Hashable {
        public var date: CaseDate
        public var kind: Fact<ReportKind> = .absent
        public var reporter: Fact<Reporter> = .absent

        /// Creates a report.
        public init(date: CaseDate) { self.date = date }
    }

    /// The latest safety assessment.
    public struct Assessment: Sendable, Hashable {
        public var date: Fact<CaseDate> = .absent
        public var facts = FactGroup<AssessmentFact>()
        /// Safety score 0–10.
        public var safetyScore: Fact<Int> = .absent
        public var triage: Fact<Triage> = .absent

        /// An absent assessment.
        public init() {}
    }

    /// Stalking indicators.
    public struct Stalking: Sendable, Hashable {
        public var facts = FactGroup<StalkingFact>()
        public var sinceDate: Fact<CaseDate> = .absent

        /// An absent stalking object.
        public init() {}
    }

    /// The couple's separation.
    public struct Separation: Sendable, Hashable {
        public var status: Fact<SeparationStatus> = .absent
        public var since: Fact<CaseDate> = .absent
        public var facts = FactGroup<SeparationFact>()

        /// An absent separation object.
        public init() {}
    }

    /// Agencies and interventions.
    public struct Care: Sendable, Hashable {
        public var agencies: [Agency] = []
        public var interventions: [Intervention] = []
        public var facts = FactGroup<CareFact>()

        /// An absent care object.
        public init() {}
    }

    /// An organisation's involvement.
    public struct Agency: Sendable, Hashable {
        public var kind: AgencyKind
        public var since: Fact<CaseDate> = .absent
        public var until: Fact<CaseDate> = .absent

        /// Creates an agency entry.
        public init(kind: AgencyKind) { self.kind = kind }
    }

    /// An intervention tried with the household.
    public struct Intervention: Sendable, Hashable {
        public var kind: Fact<String> = .absent
        public var start: Fact<CaseDate> = .absent
        public var end: Fact<CaseDate> = .absent
        public var outcome: Fact<InterventionOutcome> = .absent

        /// Creates an intervention entry.
        public init() {}
    }

    /// Justice involvement.
    public struct Justice: Sendable, Hashable {
        public var restrainingOrders: [CaseDate] = []
        public var facts = FactGroup<JusticeFact>()

        /// An absent justice object.
        public init() {}
    }

    /// A previous MDA++ trajectory: `false` in the input means `.none`.
    public enum PreviousTrajectory: Sendable, Hashable {
        /// The household never had a trajectory.
        case none
        /// The latest trajectory; `closed` is nil while it runs.
        case trajectory(start: Fact<CaseDate>, closed: CaseDate?)
    }

    /// A professional's escalation.
    public struct ProfessionalJudgement: Sendable, Hashable {
        public var escalateTo: Fact<JudgementTarget> = .absent
        /// The reason's text. Never logged or echoed; only its length reaches a decision.
        public var reason: Fact<String> = .absent

        /// No judgement.
        public init() {}
    }
}
