/// A closed vocabulary of `mda-case/1` whose values the decoder looks up in a ``NameTable``:
/// the enums of ``CaseEnums`` and the schema's key sets (``CaseKeys``).
protocol CaseVocabulary: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The raw values, in `allCases` order.
    static var table: NameTable<Self> { get }
}

extension Gender: CaseVocabulary { static let table = NameTable(Gender.self) }
extension AceKind: CaseVocabulary { static let table = NameTable(AceKind.self) }
extension RelationshipKind: CaseVocabulary { static let table = NameTable(RelationshipKind.self) }
extension IncidentKind: CaseVocabulary { static let table = NameTable(IncidentKind.self) }
extension Injury: CaseVocabulary { static let table = NameTable(Injury.self) }
extension ReportKind: CaseVocabulary { static let table = NameTable(ReportKind.self) }
extension Reporter: CaseVocabulary { static let table = NameTable(Reporter.self) }
extension Triage: CaseVocabulary { static let table = NameTable(Triage.self) }
extension SeparationStatus: CaseVocabulary { static let table = NameTable(SeparationStatus.self) }
extension AgencyKind: CaseVocabulary { static let table = NameTable(AgencyKind.self) }
extension InterventionOutcome: CaseVocabulary { static let table = NameTable(InterventionOutcome.self) }
extension JudgementTarget: CaseVocabulary { static let table = NameTable(JudgementTarget.self) }
extension MemberFactor: CaseVocabulary { static let table = NameTable(MemberFactor.self) }
extension HouseholdFact: CaseVocabulary { static let table = NameTable(HouseholdFact.self) }
extension CoerciveControlFact: CaseVocabulary { static let table = NameTable(CoerciveControlFact.self) }
extension StalkingFact: CaseVocabulary { static let table = NameTable(StalkingFact.self) }
extension SeparationFact: CaseVocabulary { static let table = NameTable(SeparationFact.self) }
extension CareFact: CaseVocabulary { static let table = NameTable(CareFact.self) }
extension JusticeFact: CaseVocabulary { static let table = NameTable(JusticeFact.self) }
extension AssessmentFact: CaseVocabulary { static let table = NameTable(AssessmentFact.self) }
