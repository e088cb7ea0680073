import ByteJSON
import CEL
import Foundation
import Testing
@testable import MDAEngine

@Suite("Counterfactual copies")
struct CounterfactualTests {
    static func file(_ name: String) -> CaseFile {
        guard let f = TestSupport.example(name) else { fatalError("\(name) does not decode") }
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
        var marked = rs.routeCone.map { $0 ? RuleRerun.evaluate : .keep }
        marked[rs.decisionIndex] = .evaluate
        var scratch = run.counterfactualCopy()
        scratch.reevaluate(case: CaseGraph().build(other), rules: RerunPlan(marked), copies: nil, from: run, judgement: other.professionalJudgement)
        // Another case changes the marked rules, so the restore below has work to do.
        #expect(Self.state(scratch) != Self.state(run))
        scratch.restore(rules: RerunPlan(marked), from: run)
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

    /// Every fixture's case and every example, decoded.
    static func allCases() -> [(name: String, file: CaseFile)] {
        var out = EngineTests.examples.map { ($0, file($0)) }
        let dir = TestSupport.root.appendingPathComponent("Fixtures/cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
        for name in names {
            let bytes = [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)!)
            guard let fixture = try? JSONReader().read(bytes), let c = fixture["case"],
                  case .success(let f) = CaseDecoder.decode(c) else { continue }
            out.append((name, f))
        }
        return out
    }

    @Test("carrying out the counterfactual plan gives the route and acute flag of a full evaluation, for every leaf and candidate")
    func affectedRulesSuffice() {
        let engine = TestSupport.engine, rs = engine.ruleset
        let cases = Self.allCases()
        #expect(cases.count > 40)
        var compared = 0, skippedRules = 0, substituted = 0
        for (name, file) in cases {
            var run = Evaluation(ruleset: rs, tracing: true)
            run.run(case: CaseGraph().build(file), judgement: file.professionalJudgement)
            var leaves = Set<String>()
            for read in run.recorder!.fields {
                if case .unknown(let u) = read.value, u.paths.count == 1 { leaves.insert(u.paths[0]) }
            }
            let sites = engine.leafSites(run, leaves: leaves)
            let root = run.activation.slots[0]
            for leaf in sites.keys.sorted() {
                let site = sites[leaf]!
                var holds = [Bool?](repeating: nil, count: rs.rules.count)
                let marked = engine.affectedRules(readers: site.readers, run: run, holdsRecords: &holds)
                skippedRules += zip(marked.rules, rs.routeCone).filter { $0.0 == .keep && $0.1 }.count
                substituted += marked.rules.filter { $0 == .substitute }.count
                guard let plan = CaseGraph.replacement(of: site.object, field: site.field, in: root) else {
                    Issue.record("\(name): \(leaf) is not in the graph")
                    continue
                }
                // One scratch copy for all candidates, as `missing` uses it: after the first, the
                // rules that cannot read the leaf keep their values while their inputs do.
                // The copies made once, each value put into them.
                var scratch = run.counterfactualCopy()
                let copy = plan.varied()
                for value in engine.candidates(for: leaf, file: file, dates: engine.candidateDates(file)) {
                    copy.put(value, at: site.field)
                    scratch.reevaluate(case: copy.root, rules: marked, copies: copy.copies, from: run, judgement: file.professionalJudgement)
                    if scratch.again == nil { scratch.again = engine.leafRerun(site.object.type, field: site.field, plan: marked) }
                    var graph = CaseGraph()
                    graph.overrides = [leaf: value]
                    var fresh = Evaluation(ruleset: rs, tracing: false)
                    fresh.run(case: graph.build(file), judgement: file.professionalJudgement)
                    #expect(scratch.routeOutcome.final == fresh.routeOutcome.final, "\(name) \(leaf) = \(value)")
                    #expect(Kleene.bool(scratch.values[rs.acuteIndex]) == Kleene.bool(fresh.values[rs.acuteIndex]),
                            "\(name) \(leaf) = \(value)")
                    compared += 1
                }
            }
        }
        // The comparison ran, on cases whose leaves leave rules of the route cone untouched.
        #expect(compared > 100)
        #expect(skippedRules > 0)
        #expect(substituted > 0)
    }
}

@Suite("Record copies")
struct RecordCopiesTests {
    static let type = ObjectType(name: "R", fields: [("n", .int)])
    static func record(_ n: Int) -> ObjectValue { ObjectValue.make(type: type, fields: [.int(Int64(n))], path: "/r/\(n)") }

    @Test("replaced records are swapped at any depth of lists; everything else is left as it is")
    func substitutes() {
        let a = Self.record(1), b = Self.record(2), c = Self.record(3)
        let copyOfA = Value.object(Self.record(10))
        let copies = RecordCopies(pairs: [(ObjectIdentifier(a), copyOfA)])
        let value = Value.list([.object(b), .list([.object(a), .string("x")]), .object(a), .int(4)])
        let out = copies.substituted(in: value)
        #expect(out == .list([.object(b), .list([copyOfA, .string("x")]), copyOfA, .int(4)]))
        guard case .list(let items) = out, case .object(let first) = items[0] else {
            Issue.record("not a list of records")
            return
        }
        #expect(first === b)   // an untouched record is the same record, not a copy
        #expect(copies.substituted(in: .object(c)) == .object(c))
        #expect(copies.substituted(in: .object(a)) == copyOfA)
        #expect(copies.substituted(in: .string("a")) == .string("a"))
    }
}
