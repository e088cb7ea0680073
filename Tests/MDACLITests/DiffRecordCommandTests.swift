import ByteJSON
import Foundation
import Testing
@testable import MDACLI

@Suite struct DiffRecordCommandTests {
    let cases = Captured.root + "/Fixtures/cases"
    let rules = Captured.root + "/rules"

    @Test func diffReportsTheTransitions() throws {
        let newRules = try Captured.rulesWith("incidentWindowMonths", "6")
        let r = Captured.run(["diff", "--base", rules, "--rules", newRules, cases])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("parameter incidentWindowMonths: 12 → 6\n"))
        #expect(r.out.contains("56 cases: 42 evaluated, 14 rejected with input errors\n"))
        #expect(r.out.contains("  route:          2\n"))
        #expect(r.out.contains("route transitions:\n  veiligheidsteam → regular_care: 2\n"))
        #expect(r.out.contains("002-window-12-months-inclusive.json (fx-002): route veiligheidsteam → regular_care"))
        #expect(r.out.contains("    rules: incidentWindowStart, recentIncidents, incidents12,"))

        let json = Captured.run(["diff", "--base", rules, "--rules", newRules, "--format", "json", cases])
        let value = try JSONReader().read(Array(json.out.utf8))
        #expect(value["changed"]?["route"] == .number(JSONNumber(2)))
        #expect(value["transitions"]?[0]?["from"] == .string("veiligheidsteam"))
        #expect(value["transitions"]?[0]?["count"] == .number(JSONNumber(2)))
    }

    @Test func diffOfEscalationThreshold() throws {
        let newRules = try Captured.rulesWith("escalationPoliceIncidents", "1")
        let r = Captured.run(["diff", "--base", rules, "--rules", newRules, cases])
        #expect(r.code == 0)
        #expect(r.out.contains("parameter escalationPoliceIncidents: 3 → 1\n"))
        #expect(r.out.contains("escalation"))
    }

    @Test func sameRulesChangeNothing() {
        let r = Captured.run(["diff", "--base", rules, "--rules", rules, cases])
        #expect(r.code == 0)
        #expect(r.out.contains("changed decisions: 0\n"))
        #expect(!r.out.contains("route transitions"))
    }

    @Test func recordThenTestThenRefuseToOverwrite() throws {
        let out = try Captured.temporaryFolder() + "/pinned"
        let inputs = [cases + "/006-intimate-terror-strangulation-acute.json", cases + "/047-bad-duplicate-member-id.json",
                      Captured.root + "/Fixtures/cases/037-unknown-assessment-and-injury.json"]
        let r = Captured.run(["record", "--out", out] + inputs)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasSuffix("recorded 3 fixtures in \(out)\n"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["fx-006.json", "fx-037.json", "fx-bad-bad-duplicate-member-id.json"])
        let t = Captured.run(["test", out])
        #expect(t.code == 0)
        #expect(t.out.hasSuffix("3 passed, 0 failed\n"))

        let again = Captured.run(["record", "--out", out] + inputs)
        #expect(again.code == 1)
        #expect(again.err.contains("\(out)/fx-006.json exists"))
        #expect(again.err.contains("use --overwrite"))
        let forced = Captured.run(["record", "--overwrite", "--out", out] + inputs)
        #expect(forced.code == 0)
        #expect(forced.out.contains("replaced \(out)/fx-006.json"))

        // A change that alters none of these outcomes passes; one that does fails.
        let strict = try Captured.rulesWith("escalationPoliceIncidents", "1")
        #expect(Captured.run(["test", "--rules", strict, out]).code == 0)
        let newRules = try Captured.rulesWith("incidentWindowMonths", "6")
        let failed = Captured.run(["test", "--rules", newRules, out])
        #expect(failed.code == 1)
        #expect(failed.out.contains("FAIL \(out)/fx-006.json — Recorded: fx-006"))
    }

    @Test func recordRejectsUnusableInputAndWritesNothing() throws {
        let dir = try Captured.temporaryFolder()
        try "[1, 2".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let r = Captured.run(["record", "--out", dir + "/out", dir + "/bad.json"])
        #expect(r.code == 2)
        #expect(r.err.contains("\(dir)/bad.json: not valid JSON"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}
