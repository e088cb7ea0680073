import MDAEngine
import Testing
@testable import MDARegression

@Suite struct FixtureCheckTests {
    let check = FixtureCheck(ruleset: Support.engine.ruleset)

    private func outcome(_ number: String) throws -> (Fixture, Result<Decision, InputErrors>) {
        let f = try Support.fixture(number)
        return (f, Support.engine.evaluate(json: f.caseDocument))
    }

    @Test func theFixtureAsWrittenPasses() throws {
        for n in ["002", "025", "037", "045"] {
            let (f, o) = try outcome(n)
            #expect(check.failures(f.expect, outcome: o).isEmpty, "\(n)")
        }
    }

    @Test func wrongRouteShowsTheDecidingRules() throws {
        let (f, o) = try outcome("037")
        var e = f.expect
        e.route = .mdaPlusPlus
        let failures = check.failures(e, outcome: o)
        #expect(failures.count == 1)
        let failure = try #require(failures.first)
        #expect(failure.description == "route: expected mda_plus_plus, actual regular_care")
        let rules = failure.decidedBy.map(\.rule)
        #expect(rules.starts(with: ["mda_plus_plus", "veiligheidsteam", "regular_care", "route"]))
        #expect(rules.contains("A") && rules.contains("acute"))
        let a = try #require(failure.decidedBy.first { $0.rule == "A" })
        #expect(a.result == "unknown")
        #expect(a.inputs.contains("/assessment/structuralUnsafety=unknown"))
    }

    @Test func tristateAndSets() throws {
        let (f, o) = try outcome("037")
        var e = f.expect
        e.acute = .false
        e.criteria = [("A", .true), ("Z", .false)]
        e.profiles = [("stalking", .match)]
        e.factorsPresent = ["child_victim"]
        e.factorsAbsent = ["injury"]
        e.actionsIncludes = ["crisis_response"]
        e.actionsAbsent = ["kindcheck"]
        let byKey = Dictionary(grouping: check.failures(e, outcome: o), by: \.key)
        #expect(byKey["acute"]?.first?.actual == "null")
        #expect(byKey["criteria.A"]?.first?.actual == "null")
        #expect(byKey["criteria.Z"]?.first?.actual == "no such criterion in the decision")
        #expect(byKey["profiles.stalking"]?.first?.actual == "no_match")
        let present = try #require(byKey["riskFactors.present"]?.first)
        #expect(present.actual == "[approves_physical_punishment, child_victim] (extra approves_physical_punishment)")
        #expect(present.decidedBy.map(\.rule) == ["approves_physical_punishment"])
        #expect(byKey["riskFactors.absent"]?.first?.actual == "injury unknown")
        #expect(byKey["actions.includes"]?.first?.actual == "crisis_response not listed")
        #expect(byKey["actions.absent"]?.first?.actual == "kindcheck listed")
    }

    @Test func missingEntriesAndWarnings() throws {
        let (f, o) = try outcome("037")
        var e = f.expect
        e.missingEntries = [
            .init(fact: "/assessment/structuralUnsafety", couldRaiseRouteTo: .some(.veiligheidsteam), couldMakeAcute: false),
            .init(fact: "/assessment/acuteUnsafety", couldMakeAcute: false),
            .init(fact: "/nope"),
        ]
        e.missingExcludes = ["/incidents/0/injury"]
        e.warnings = ["something"]
        let failures = check.failures(e, outcome: o)
        #expect(failures.map(\.key) == ["missing.excludes", "missing.entries", "missing.entries", "warnings"])
        #expect(failures[1].actual == "/assessment/acuteUnsafety couldRaiseRouteTo=veiligheidsteam couldMakeAcute=true")
        #expect(failures[3].actual == "no warnings")

        let (f25, o25) = try outcome("025")
        var e25 = f25.expect
        e25.warnings = []
        #expect(check.failures(e25, outcome: o25).map(\.key) == ["warnings"])
    }

    @Test func inputErrors() throws {
        let (f, o) = try outcome("045")
        var e = f.expect
        e.errors = [.init(path: "/incidents/0/date", code: "range")]
        let failure = try #require(check.failures(e, outcome: o).first)
        #expect(failure.key == "errors")
        #expect(failure.actual.contains("lacks range at /incidents/0/date"))
        #expect(failure.actual.contains("extra date at /incidents/0/date"))

        var accepted = Expectations()
        accepted.route = .regularCare
        #expect(check.failures(accepted, outcome: o).first?.expected == "the case to be accepted")

        let (_, good) = try outcome("002")
        var rejected = Expectations()
        rejected.errors = []
        #expect(check.failures(rejected, outcome: good).first?.actual == "the case was accepted (no input errors)")
    }
}
