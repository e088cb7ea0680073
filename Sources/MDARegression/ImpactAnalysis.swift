import ByteJSON
import Dispatch
import MDAEngine

/// Evaluates cases with a base ruleset and a new one and reports what changed (`mda diff`).
///
/// Each case is evaluated in full under the base ruleset only; under the new one just the
/// rules the change can reach are evaluated again (see ``RulesetChange``).
public enum ImpactAnalysis {
    /// Evaluates every source (a case or a fixture) with both engines, in parallel, and
    /// collects the changed decisions in input order.
    public static func run(_ sources: [CaseSource], base: Engine, new: Engine, workers: Int = Parallel.cores) -> ImpactReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let change = RulesetChange(base: base.ruleset, new: new.ruleset)
        var report = ImpactReport(base: base.ruleset, new: new.ruleset)
        add(sources, change: change, workers: workers, to: &report)
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    /// Like ``run(_:base:new:workers:)`` for the documents under `paths` (files, folders,
    /// `.jsonl` caseloads), read and evaluated a batch at a time, so memory stays bounded
    /// whatever the size of the caseload.
    /// - Throws: ``InputFileError`` when a path is missing or unreadable.
    public static func run(paths: [String], base: Engine, new: Engine, workers: Int = Parallel.cores) throws(InputFileError) -> ImpactReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let change = RulesetChange(base: base.ruleset, new: new.ruleset)
        var report = ImpactReport(base: base.ruleset, new: new.ruleset)
        try InputFiles.forEachBatch(paths) { batch in add(batch, change: change, workers: workers, to: &report) }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    private enum Outcome: Sendable {
        case unchanged
        case changed(CaseChange)
        case rejected(String)
        case unusable(FixtureError)
    }

    /// Evaluates `sources` in parallel and adds their outcomes to `report`, in input order.
    private static func add(_ sources: [CaseSource], change: RulesetChange, workers: Int, to report: inout ImpactReport) {
        let outcomes = Parallel.map(count: sources.count, workers: workers) { i -> Outcome in
            // The document is read onto a tape and its case decoded in place, without a tree.
            let source = sources[i]
            guard let tape = try? JSONReader().readTape(Array(source.bytes)) else {
                if case .failure(let e) = CaseDocument.read(source) { return .unusable(e) }
                return .rejected(source.location)
            }
            switch CaseDecoder.decode(tape: tape, at: CaseDocument.caseIndex(on: tape)) {
            case .failure: return .rejected(source.location)
            case .success(let file):
                guard let decisions = change.evaluateIfChanged(file) else { return .unchanged }
                let difference = CaseChange(location: source.location, base: decisions.base, new: decisions.new)
                return difference.changed ? .changed(difference) : .unchanged
            }
        }
        report.cases += sources.count
        for outcome in outcomes {
            switch outcome {
            case .unchanged: report.evaluated += 1
            case .changed(let c):
                report.evaluated += 1
                report.changes.append(c)
            case .rejected(let location): report.rejected.append(location)
            case .unusable(let e): report.unusable.append(e)
            }
        }
    }
}
