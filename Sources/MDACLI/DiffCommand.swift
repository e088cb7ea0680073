import Foundation
import MDAEngine
import MDARegression

/// `mda diff --base DIR [--rules DIR] [--format text|json] PATH...`: ruleset impact analysis.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "Show which decisions change between a base ruleset and the new one"
    static let usage = "mda diff --base DIR [--rules DIR] [--format text|json] PATH..."
    static let details = """
        Evaluates every case under PATH (files, folders recursively, .jsonl files with one case
        a line; plain mda-case/1 documents or fixtures, whose "case" is used) with the base
        ruleset and with the new one, in parallel on all cores, and reports: changed parameters,
        how many decisions changed route, acute, provisional or a profile status, a table of
        route transitions (e.g. `regular_care → veiligheidsteam: 3`), and each changed case
        with the rules responsible (the rules whose trace result differs).

        Options:
          --base DIR             the base rules directory (required)
          --rules DIR            the new rules directory (default: the rules bundled with mda)
          --format text|json     output format (default text)

        Exit codes: 0 report printed (whether or not anything changed); 2 unreadable or
        malformed input; 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        guard let baseDir = try args.option("--base") else { throw .usage("--base DIR is required") }
        let format = try args.option("--format") ?? "text"
        guard format == "text" || format == "json" else { throw .usage("--format must be text or json") }
        let new = try loadRuleset(&args)
        let base: Ruleset
        do {
            base = try Ruleset.load(directory: URL(fileURLWithPath: baseDir))
        } catch {
            throw .ruleset(error)
        }
        let paths = try args.positionals()
        guard !paths.isEmpty else { throw .usage("expected at least one file or folder of cases") }
        let report: ImpactReport
        do {
            report = try ImpactAnalysis.run(paths: paths, base: Engine(ruleset: base), new: Engine(ruleset: new))
        } catch {
            throw .unreadable(path: error.path, why: error.message)
        }
        guard report.cases > 0 else { throw .failed("no cases found under \(paths.joined(separator: " "))", code: ExitCode.invalidInput) }
        if format == "json" {
            io.writeBytes(report.json + [10])
        } else {
            io.write(report.text)
        }
        if !report.unusable.isEmpty {
            for e in report.unusable { io.error("mda diff: \(e.description)\n") }
            return ExitCode.invalidInput
        }
        return ExitCode.ok
    }
}
