import Testing
@testable import MDAEngine

@Suite("Fact")
struct FactTests {
    static let values: [Fact<Bool>] = [.absent, .null, .known(false), .known(true)]

    @Test("a fact group keeps each fact apart, for every key and value")
    func groupRoundTrip() {
        let count = MemberFactor.allCases.count
        for index in 0..<count {
            for value in FactTests.values {
                var g = FactGroup<MemberFactor>()
                // Neighbours set to other values must not leak into the fact under test.
                for other in 0..<count where other != index { g[index: other] = FactTests.values[(other + 1) % 4] }
                g[index: index] = value
                #expect(g[index: index] == value)
                #expect(g[MemberFactor.allCases[index]] == value)
                for other in 0..<count where other != index { #expect(g[index: other] == FactTests.values[(other + 1) % 4]) }
                g[index: index] = .absent
                #expect(g[index: index] == .absent)
            }
        }
    }

    @Test("a fact group's facts array reads and writes the packed facts")
    func groupFactsArray() {
        var g = FactGroup<HouseholdFact>()
        #expect(g.count == HouseholdFact.allCases.count)
        #expect(g.facts == Array(repeating: .absent, count: g.count))
        var facts = g.facts
        for i in facts.indices { facts[i] = FactTests.values[i % 4] }
        g.facts = facts
        #expect(g.facts == facts)
        #expect(g[.debts] == .absent)
        #expect(g[.unemployment] == .null)
        #expect(g[.poorHousing] == .known(false))
        #expect(g[.lowIncome] == .known(true))
        g.facts[2] = .known(true)
        #expect(g[.poorHousing] == .known(true))
    }

    @Test("fact groups are equal exactly when their facts and presence are")
    func groupEquality() {
        var a = FactGroup<CareFact>(), b = FactGroup<CareFact>()
        #expect(a == b && a.hashValue == b.hashValue)
        a[.safetyPlan] = .known(false)
        #expect(a != b)
        b[.safetyPlan] = .known(false)
        #expect(a == b && a.hashValue == b.hashValue)
        b.isPresent = true
        #expect(a != b)
    }

    @Test("every fact group of the schema fits the packed form")
    func groupSizes() {
        #expect(MemberFactor.allCases.count <= 32)
        #expect(HouseholdFact.allCases.count <= 32)
        #expect(CoerciveControlFact.allCases.count <= 32)
        #expect(StalkingFact.allCases.count <= 32)
        #expect(SeparationFact.allCases.count <= 32)
        #expect(CareFact.allCases.count <= 32)
        #expect(JusticeFact.allCases.count <= 32)
        #expect(AssessmentFact.allCases.count <= 32)
    }
}
