import Foundation
import Testing
@testable import MDACLI

@Suite struct TestCommandTests {
    let cases = Captured.root + "/Fixtures/cases"

    @Test func projectSuitePassesWithFullRuleCoverage() {
        let r = Captured.run(["test", "--coverage", "--min-coverage", "100",
                              "--coverage-exceptions", Captured.root + "/Fixtures/coverage-exceptions.txt", cases])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.last.map(String.init)?.hasSuffix(" passed, 0 failed") == true)
        #expect(r.out.contains("rule coverage: 100.0% of "))
        #expect(r.out.contains("(2 excepted, 0 flagged"))
        #expect(!r.out.contains("FLAGGED"))
    }

    @Test func wholeFixturesFolderSkipsThePlainExampleCases() {
        let r = Captured.run(["test", Captured.root + "/Fixtures"])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        let last = r.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains(" passed, 0 failed, "))
        #expect(last.hasSuffix(" skipped (plain cases, not fixtures)"))
        #expect(!r.out.contains("unusable"))
    }

    @Test func withoutExceptionsTheFallbacksAreFlagged() {
        let r = Captured.run(["test", "--min-coverage", "100", cases])
        #expect(r.code == 1)
        #expect(r.out.contains("rule coverage is below --min-coverage 100"))
        let full = Captured.run(["test", "--coverage", cases])
        #expect(full.code == 0)
        #expect(full.out.contains("FLAGGED: never false"))
    }

    @Test func changedWindowFailsWithAReadableDiff() throws {
        let rules = try Captured.rulesWith("incidentWindowMonths", "6")
        let r = Captured.run(["test", "--rules", rules, cases])
        #expect(r.code == 1)
        #expect(r.out.contains("FAIL \(cases)/002-window-12-months-inclusive.json — "))
        #expect(r.out.contains("  route: expected veiligheidsteam, actual regular_care\n    decided by:\n      mda_plus_plus = false"))
        #expect(r.out.contains("      A = false ← incidents12=1"))
        #expect(r.out.contains("  criteria.A: expected true, actual false"))
        #expect(r.out.hasSuffix("47 passed, 9 failed\n"))
    }

    @Test func changedEscalationThresholdFails() throws {
        let rules = try Captured.rulesWith("escalationPoliceIncidents", "2")
        let r = Captured.run(["test", "--rules", rules, cases])
        #expect(r.code == 1)
        #expect(r.out.contains("riskFactors.present: expected"))
        #expect(r.out.contains("(extra escalation)"))
    }

    @Test func junitFile() throws {
        let dir = try Captured.temporaryFolder()
        let r = Captured.run(["test", "--junit", dir + "/junit.xml", "--filter", "leap-day", cases])
        #expect(r.code == 0)
        #expect(r.out.hasSuffix("3 passed, 0 failed\n"))
        let xml = try String(contentsOfFile: dir + "/junit.xml", encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"mda test\" tests=\"3\" failures=\"0\" errors=\"0\""))
        #expect(xml.contains("name=\"004-leap-day-elder-abuse.json\""))
    }

    @Test func jsonLinesWithABadLine() throws {
        let dir = try Captured.temporaryFolder()
        let one = try String(contentsOfFile: cases + "/002-window-12-months-inclusive.json", encoding: .utf8)
        let two = try String(contentsOfFile: cases + "/045-bad-date-feb-30.json", encoding: .utf8)
        func line(_ s: String) -> String { s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined() }
        let file = dir + "/suite.jsonl"
        try [line(one), "", line(two), "{\"case\": {}, \"expect\": {\"route\": 1}}", "not json"].joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = Captured.run(["test", file])
        #expect(r.code == 2)
        #expect(r.out.contains("ERROR \(file):4 at /expect/route: expected a string, found number [type]"))
        #expect(r.out.contains("ERROR \(file):5: not valid JSON"))
        #expect(r.out.hasSuffix("2 passed, 0 failed, 2 unusable\n"))
    }

    @Test func badFixtureFilesExitTwoNamingTheFile() throws {
        let dir = try Captured.temporaryFolder()
        try "{ nope".write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try "{\"expect\": {}}".write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        let r = Captured.run(["test", dir])
        #expect(r.code == 2)
        #expect(r.out.contains("ERROR \(dir)/a.json: not valid JSON"))
        #expect(r.out.contains("ERROR \(dir)/b.json: a fixture needs a \"case\" object"))
        let missing = Captured.run(["test", dir + "/none"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("\(dir)/none"))
        let empty = try Captured.temporaryFolder()
        #expect(Captured.run(["test", empty]).code == 2)
        #expect(Captured.run(["test", "--filter", "no-such-fixture", cases]).code == 2)
    }
}
