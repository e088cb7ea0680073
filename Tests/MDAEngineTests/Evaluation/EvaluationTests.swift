import CEL
import Foundation
import Testing
@testable import MDAEngine

@Suite("Evaluation")
struct EvaluationTests {
    @Test("profile results are found by rule index, in the ruleset's profile order; other rules have none")
    func profilesByRule() {
        let rs = TestSupport.engine.ruleset
        guard let file = TestSupport.example("intimate-terror-escalation.json") else {
            Issue.record("the example does not decode")
            return
        }
        let run = Evaluation.decision(ruleset: rs, case: CaseGraph().build(file), judgement: file.professionalJudgement, tracing: true)
        #expect(!rs.profiles.isEmpty)
        #expect(run.profileResults.map { $0?.id } == rs.profiles.map { rs.rules[$0].id })
        for k in rs.rules.indices {
            #expect(run.profile(at: k)?.id == (rs.rules[k].kind == .profile ? rs.rules[k].id : nil))
        }
        // Every rule has its span of reads, in evaluation order, covering the recorded reads.
        #expect(run.spans.count == rs.rules.count)
        #expect(run.spans.last?.fields.upperBound == run.recorder?.fieldCount)
        #expect(run.spans.last?.slots.upperBound == run.recorder?.slotCount)
    }

    @Test("a decision's reads of a rule show the value the rule's own entry has, most of them as final slot values")
    func ruleReadsShowResults() {
        let rs = TestSupport.engine.ruleset
        guard let file = TestSupport.example("intimate-terror-escalation.json") else {
            Issue.record("the example does not decode")
            return
        }
        let decision = TestSupport.engine.evaluate(file)
        var result: [String: Value] = [:]
        for e in decision.trace where e.ruleIndex >= 0 { result[e.rule] = e.result }
        var checked = 0
        for e in decision.trace {
            for read in e.ruleReads {
                guard let r = result[read.rule] else { continue }   // secondary slots, loop variables, facts
                #expect(TraceWriter.sameText(read.value, r), "\(e.rule) read \(read.rule)")
                checked += 1
            }
        }
        #expect(checked > 0)
        let final = (0..<decision.trace[0].reads.rules.count).filter { decision.trace[0].reads.rules[$0].source == .final }
        #expect(!final.isEmpty)
        #expect(rs.slotSetters.count == rs.slotCount)
    }

    @Test("a counterfactual copy reports no reads to the recorder of the run it was made from")
    func copiesRecordNothing() {
        let rs = TestSupport.engine.ruleset
        let url = TestSupport.root.appendingPathComponent("Fixtures/examples/unknown-household-provisional.json")
        guard case .success(let file) = CaseDecoder.decode(bytes: [UInt8](FileManager.default.contents(atPath: url.path)!)) else {
            Issue.record("the example does not decode")
            return
        }
        let graph = CaseGraph().build(file)
        let run = Evaluation.decision(ruleset: rs, case: graph, judgement: file.professionalJudgement, tracing: true)
        let fields = run.recorder!.fieldCount, slots = run.recorder!.slotCount
        #expect(fields > 0 && slots > 0)
        var copy = run.counterfactualCopy()
        #expect(copy.recorder == nil)
        copy.reevaluate(case: graph, rules: RerunPlan(Array(repeating: .evaluate, count: rs.rules.count)), copies: nil, from: run,
                        judgement: file.professionalJudgement)
        #expect(run.recorder!.fieldCount == fields)
        #expect(run.recorder!.slotCount == slots)
        #expect(copy.values[rs.decisionIndex] == run.values[rs.decisionIndex])
    }
}
