import ByteJSON
import Dispatch
import Foundation
import Testing
@testable import MDAEngine

@Suite("Engine")
struct EngineTests {
    static let examples = ["intimate-terror-escalation.json", "unknown-household-provisional.json",
                           "synthetic-typical.json", "synthetic-large.json"]

    func bytes(_ example: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: TestSupport.root.appendingPathComponent("Fixtures/examples/\(example)").path)!)
    }

    func decide(_ json: String) throws -> Decision {
        switch TestSupport.engine.evaluate(json: Array(json.utf8)) {
        case .success(let d): return d
        case .failure(let e): throw e
        }
    }

    @Test("equal input and rules give byte-identical decisions", arguments: examples)
    func determinism(example: String) throws {
        let input = bytes(example)
        let a = DecisionWriter.bytes(try TestSupport.engine.evaluate(json: input).get())
        let other = Engine(ruleset: try Ruleset.bundled())
        let b = DecisionWriter.bytes(try other.evaluate(json: input).get())
        #expect(a == b)
        // The output is valid JSON with the decision keys in the contract's order.
        guard case .object(let o) = try JSONReader().read(a) else { Issue.record("not an object"); return }
        #expect(o.keys == ["schema", "caseId", "route", "acute", "provisional", "raisedByJudgement", "phase", "problemCategory",
                           "profiles", "riskFactors", "criteria", "actions", "missing", "trace", "ruleset", "engine", "warnings"])
        #expect(o["ruleset"]?["sha256"]?.stringValue == TestSupport.engine.ruleset.sha256)
    }

    @Test("concurrent evaluation from many threads gives the sequential result")
    func concurrency() throws {
        let inputs = EngineTests.examples.map(bytes)
        let expected = try inputs.map { DecisionWriter.bytes(try TestSupport.engine.evaluate(json: $0).get()) }
        let results = Results(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let d = try! TestSupport.engine.evaluate(json: inputs[i % inputs.count]).get()
            results.set(i, DecisionWriter.bytes(d))
        }
        for i in 0..<64 { #expect(results.get(i) == expected[i % inputs.count]) }
    }

    @Test("a case with no facts at all is regular care, and says so without guessing")
    func empty() throws {
        let d = try decide(TestSupport.caseJSON())
        #expect(d.route == .regularCare)
        #expect(d.profiles.map(\.id) == ["intimate_terror", "stalking", "family_in_stress", "long_term_care",
                                         "child_behaviour_stress", "complex_divorce"])
        // Nothing known about the household: acute is unknown, and the facts that alone would raise it are listed.
        #expect(d.acute == nil)
        #expect(d.provisional)
        let facts = Set(d.missing.map(\.fact))
        #expect(facts.contains("/assessment/structuralUnsafety"))
        #expect(facts.contains("/household/honourRelatedThreat"))
        #expect(d.missing.first { $0.fact == "/household/honourRelatedThreat" }?.couldMakeAcute == true)
        // safetyScore and triage are never listed (reading 24).
        #expect(!facts.contains { $0.hasSuffix("/safetyScore") || $0.hasSuffix("/triage") })
    }

    @Test("professional judgement raises, never lowers, and its reason never reaches the output")
    func judgement() throws {
        let secret = "Moeder vertelde in vertrouwen over XYZ-7"
        let raised = try decide(TestSupport.caseJSON(#""professionalJudgement":{"escalateTo":"mda_plus_plus","reason":"\#(secret)"}"#))
        #expect(raised.route == .mdaPlusPlus)
        #expect(raised.raisedByJudgement)
        #expect(!raised.provisional)
        let out = String(decoding: DecisionWriter.bytes(raised), as: UTF8.self)
        #expect(!out.contains("XYZ-7"))
        #expect(out.contains(#""/professionalJudgement/reason":{"length":\#(secret.unicodeScalars.count)}"#))
        let explanation = Explanation.text(raised, ruleset: TestSupport.engine.ruleset, language: .nl)
        #expect(!explanation.contains("XYZ-7"))

        let ignored = try decide(TestSupport.caseJSON(#""professionalJudgement":{"escalateTo":"veiligheidsteam","reason":""}"#))
        #expect(!ignored.raisedByJudgement)
        #expect(ignored.warnings.contains { $0.contains("escalateTo is ignored") })
    }

    @Test("the trace names each fact a rule read, by JSON Pointer")
    func trace() throws {
        let d = try decide(TestSupport.caseJSON(#""incidents":[{"date":"2025-06-01","kinds":["physical"],"victims":["b"],"weapon":true,"perpetrators":["a"]}]"#))
        let weapon = try #require(d.trace.first { $0.rule == "weapon" })
        #expect(weapon.result == .bool(true))
        #expect(weapon.fieldReads.map(\.pointer).contains("/incidents/0/weapon"))
        let factor = try #require(d.riskFactors.first { $0.id == "weapon" })
        #expect(factor.members == ["a"])
        #expect(d.riskFactors.first { $0.id == "child_victim" }?.members == ["b"])
    }

    @Test("explanations in both languages name the route and the criteria")
    func explanation() throws {
        let d = try TestSupport.engine.evaluate(json: bytes("intimate-terror-escalation.json")).get()
        let nl = Explanation.text(d, ruleset: TestSupport.engine.ruleset, language: .nl)
        let en = Explanation.text(d, ruleset: TestSupport.engine.ruleset, language: .en)
        #expect(nl.contains("Route: Opschalen naar MDA++"))
        #expect(en.contains("Route: Escalate to MDA++"))
        #expect(nl.contains("A. Structurele onveiligheid: ja"))
        #expect(en.contains("Required actions:"))
    }
}

/// A lock-protected result buffer for concurrent tests.
final class Results: @unchecked Sendable {
    private var items: [[UInt8]]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [UInt8]) { lock.lock(); items[i] = v; lock.unlock() }
    func get(_ i: Int) -> [UInt8] { lock.lock(); defer { lock.unlock() }; return items[i] }
}
