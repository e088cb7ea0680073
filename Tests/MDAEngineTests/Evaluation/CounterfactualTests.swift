import CEL
import Foundation
import Testing
@testable import MDAEngine

@Suite("Counterfactual copies")
struct CounterfactualTests {
    static func file(_ name: String) -> CaseFile {
        let url = TestSupport.root.appendingPathComponent("Fixtures/examples/\(name)")
        guard case .success(let f) = CaseDecoder.decode(bytes: [UInt8](FileManager.default.contents(atPath: url.path)!)) else {
            fatalError("\(name) does not decode")
        }
        return f
    }

    /// The rules, slots and members a counterfactual may change, as one comparable list.
    static func state(_ run: Evaluation) -> [String] {
        run.values.map { "\($0)" } + run.activation.slots.dropFirst().map { "\($0)" } + run.members.map { "\($0)" }
    }

    @Test("restoring the marked rules gives back the run the copy was made from")
    func restore() {
        let rs = TestSupport.engine.ruleset
        let base = Self.file("unknown-household-provisional.json"), other = Self.file("intimate-terror-escalation.json")
        var run = Evaluation(ruleset: rs, tracing: true)
        run.run(case: CaseGraph().build(base), judgement: base.professionalJudgement)
        var marked = rs.routeCone
        marked[rs.decisionIndex] = true
        var scratch = run.counterfactualCopy()
        scratch.reevaluate(case: CaseGraph().build(other), rules: marked, judgement: other.professionalJudgement)
        // Another case changes the marked rules, so the restore below has work to do.
        #expect(Self.state(scratch) != Self.state(run))
        scratch.restore(rules: marked, from: run)
        #expect(Self.state(scratch) == Self.state(run))
    }

    @Test("each rule's dependents are exactly the later rules that read it")
    func dependents() {
        let rs = TestSupport.engine.ruleset
        for (i, deps) in rs.dependents.enumerated() {
            #expect(deps == rs.rules.indices.filter { rs.rules[$0].inputs.contains(i) })
            #expect(deps.allSatisfy { $0 > i })
        }
        #expect(rs.dependents.contains { !$0.isEmpty })
    }
}
