import ByteJSON
import Foundation
import MDAEngine
import Testing
@testable import MDACLI

/// `RulesetChange` re-evaluates only the rules a change reaches; these tests hold it to full
/// evaluations under the changed ruleset, byte for byte, on generated caseloads.
@Suite struct RulesetChangeTests {
    /// The real rule files, each edit replacing one exact text (which must be there).
    static func rules(_ edits: [(file: String, old: String, new: String)], adding extra: (String, String)? = nil) throws -> Ruleset {
        let dir = Captured.root + "/rules"
        var files: [(name: String, bytes: [UInt8])] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".rules") {
            var text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            for e in edits where e.file == name {
                #expect(text.contains(e.old), "\(name) has no \(e.old)")
                text = text.replacingOccurrences(of: e.old, with: e.new)
            }
            files.append((name, Array(text.utf8)))
        }
        if let (name, text) = extra { files.append((name, Array(text.utf8))) }
        return try Ruleset.load(files: files)
    }

    static let base = try! Ruleset.bundled()

    /// A generated caseload (seed 7: most routes, provisional and unknown-heavy cases).
    static let caseload: [CaseFile] = {
        let generator = CaseGenerator(seed: 7)
        return (0..<250).map { i in
            guard case .success(let file) = CaseDecoder.decode(bytes: generator.line(i)) else { fatalError("generated case \(i) is invalid") }
            return file
        }
    }()

    /// Checks `change` against full evaluations; returns how many cases changed route.
    @discardableResult
    func agrees(_ change: RulesetChange) -> Int {
        let full = Engine(ruleset: change.new), fullBase = Engine(ruleset: change.base)
        var routeChanges = 0
        for (i, file) in Self.caseload.enumerated() {
            let expectedNew = full.evaluate(file, missingFacts: false, traceFacts: false)
            let expectedBase = fullBase.evaluate(file, missingFacts: false, traceFacts: false)
            let (b, n) = change.evaluate(file)
            // Compared as Booleans so that a failure names the case instead of printing 40 KB.
            let newSame = DecisionWriter.bytes(n) == DecisionWriter.bytes(expectedNew)
            let baseSame = DecisionWriter.bytes(b) == DecisionWriter.bytes(expectedBase)
            #expect(newSame, "case \(i): the new decision differs from a full evaluation")
            #expect(baseSame, "case \(i): the base decision differs from a full evaluation")
            if expectedNew.route != expectedBase.route { routeChanges += 1 }
            if let pair = change.evaluateIfChanged(file) {
                let same = DecisionWriter.bytes(pair.new) == DecisionWriter.bytes(expectedNew)
                #expect(same, "case \(i): evaluateIfChanged differs from a full evaluation")
            } else {
                // Skipped: nothing that impact analysis compares may differ.
                #expect(expectedNew.route == expectedBase.route && expectedNew.acute == expectedBase.acute
                        && expectedNew.provisional == expectedBase.provisional, "case \(i)")
                #expect(expectedNew.profiles.map(\.status) == expectedBase.profiles.map(\.status), "case \(i)")
                #expect(expectedNew.trace.map(\.result) == expectedBase.trace.map(\.result), "case \(i)")
            }
        }
        return routeChanges
    }

    @Test func sameRulesReEvaluateNothing() {
        let change = RulesetChange(base: Self.base, new: Self.base)
        #expect(change.affectedRuleIDs.isEmpty)
        for file in Self.caseload.prefix(50) { #expect(change.evaluateIfChanged(file) == nil) }
    }

    @Test func aThresholdReachesOnlyItsReaders() throws {
        let new = try Self.rules([("10-parameters.rules", "parameter complexityDomains = 3", "parameter complexityDomains = 2")])
        let change = RulesetChange(base: Self.base, new: new)
        // C reads the parameter; the MDA++ route reads C; the final route reads the routes; three
        // actions read the final route. Nothing else can change.
        #expect(Set(change.affectedRuleIDs) == ["C", "mda_plus_plus", "route", "safety_plan", "single_coordinator", "experience_expert"])
        #expect(agrees(change) > 0, "the caseload should contain cases whose route this change moves")
    }

    @Test func aWindowReachesFactsFactorsAndProfiles() throws {
        let new = try Self.rules([("10-parameters.rules", "parameter incidentWindowMonths = 12", "parameter incidentWindowMonths = 3")])
        let change = RulesetChange(base: Self.base, new: new)
        #expect(change.affectedRuleIDs.contains("incidents12"))
        #expect(agrees(change) > 0)
    }

    @Test func anEditedConditionAndWeight() throws {
        let new = try Self.rules([
            ("40-profiles.rules", "|| case.incidents.exists(i, \"coercive_control\" in i.kinds)", ""),
            ("40-profiles.rules", "indicator intimate_terror.severe_violence\n  profile: intimate_terror\n",
             "indicator intimate_terror.severe_violence\n  profile: intimate_terror\n  weight: 3\n"),
        ])
        let change = RulesetChange(base: Self.base, new: new)
        let ids = change.affectedRuleIDs
        #expect(ids.contains("intimate_terror.coercive_control") && ids.contains("intimate_terror.severe_violence"))
        #expect(ids.contains("intimate_terror") && !ids.contains("stalking"))
        agrees(change)
    }

    @Test func theSupportingShareReachesEveryProfile() throws {
        let new = try Self.rules([("10-parameters.rules", "parameter profileSupportingShare = 0.5", "parameter profileSupportingShare = 0.9")])
        let change = RulesetChange(base: Self.base, new: new)
        for p in ["intimate_terror", "stalking", "family_in_stress", "long_term_care", "child_behaviour_stress", "complex_divorce"] {
            #expect(change.affectedRuleIDs.contains(p), "\(p)")
        }
        agrees(change)
    }

    @Test func anAddedRuleMeansFullRuns() throws {
        let extra = """
            action test_extra_action
              label.nl: Extra
              label.en: Extra
              source: test
              when: acute == true

            """
        let new = try Self.rules([], adding: ("75-extra.rules", extra))
        let change = RulesetChange(base: Self.base, new: new)
        #expect(change.affectedRuleIDs.count == new.rules.count)
        agrees(change)
    }
}
