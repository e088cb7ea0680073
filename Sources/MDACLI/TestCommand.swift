import Foundation
import MDAEngine
import MDARegression

/// `mda test [--rules DIR] [--junit FILE] [--coverage] [--min-coverage P] [--coverage-exceptions FILE] [--filter TEXT] PATH...`:
/// runs regression fixtures.
enum TestCommand: Command {
    static let name = "test"
    static let summary = "Run regression fixtures against the rules (JUnit XML, rule coverage)"
    static let usage = "mda test [--rules DIR] [--junit FILE] [--coverage] [--min-coverage P] [--coverage-exceptions FILE] [--filter TEXT] PATH..."
    static let details = """
        Runs every fixture under the given files and folders (folders recursively, .json and
        .jsonl files in sorted order; a .jsonl file holds one fixture per line). A fixture is
        {"title"?, "notes"?, "case": {...}, "expect": {...}} (docs/regression-suites.md).
        Fixtures are evaluated in parallel on all cores and reported in input order. For every
        failure the fixture, each failed expectation (expected vs actual) and the rules that
        decided it are printed. The last line is `N passed, N failed`.

        Options:
          --rules DIR                 rules directory (default: the rules bundled with mda)
          --junit FILE                also write JUnit XML to FILE
          --coverage                  print rule coverage: per rule how often it was evaluated,
                                      true, false and unknown; rules never true or never false
                                      are flagged
          --min-coverage P            fail when fewer than P percent of the Boolean rules were
                                      seen both true and false
          --coverage-exceptions FILE  rules exempt from coverage, one `RULE_ID: reason` a line
          --filter TEXT               run only fixtures whose path or title contains TEXT
                                      (ignoring case)

        Exit codes: 0 all passed; 1 a fixture failed or coverage is below --min-coverage;
        2 unusable input (unreadable or malformed fixture, no fixtures found); 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let ruleset = try loadRuleset(&args)
        let junit = try args.option("--junit")
        let minCoverage = try args.number("--min-coverage")
        let exceptionsPath = try args.option("--coverage-exceptions")
        let filter = try args.option("--filter")
        let showCoverage = args.flag("--coverage")
        let paths = try args.positionals()
        guard !paths.isEmpty else { throw .usage("expected at least one fixture file or folder") }
        if let minCoverage, !(0...100).contains(minCoverage) { throw .usage("--min-coverage needs a percentage from 0 to 100") }

        var exceptions = CoverageExceptions()
        if let exceptionsPath {
            let bytes = try io.read(path: exceptionsPath)
            do {
                exceptions = try CoverageExceptions(text: String(decoding: bytes, as: UTF8.self), location: exceptionsPath)
            } catch {
                throw .failed(error.description, code: ExitCode.invalidInput)
            }
        }
        let sources = try readSources(paths, what: "fixtures")

        let wantCoverage = showCoverage || minCoverage != nil
        let result = RegressionSuite.run(sources, engine: Engine(ruleset: ruleset), filter: filter, coverage: wantCoverage)
        guard !result.fixtures.isEmpty else {
            throw .failed("no fixtures match --filter \(filter ?? "")", code: ExitCode.invalidInput)
        }

        var out = ""
        for f in result.fixtures where !f.passed { out += f.report }
        var coverageTooLow = false
        if let coverage = result.coverage {
            if showCoverage { out += coverage.report(except: exceptions) } else { out += coverage.summary(except: exceptions) + "\n" }
            if let minCoverage, coverage.percentage(except: exceptions) < minCoverage {
                coverageTooLow = true
                out += "rule coverage is below --min-coverage \(minCoverage)%\n"
            }
        }
        if let junit {
            let xml = JUnitWriter.xml(result)
            guard FileManager.default.createFile(atPath: junit, contents: Data(xml.utf8)) else {
                io.write(out)
                throw .failed("cannot write JUnit XML to \(junit)", code: ExitCode.invalidInput)
            }
        }
        let ran = result.fixtures.count - result.skipped
        let perSecond = result.seconds > 0 ? Int(Double(ran) / result.seconds) : 0
        out += "ran \(ran) fixture\(ran == 1 ? "" : "s") in "
            + String(format: "%.2f", result.seconds) + " s on \(Parallel.cores) core\(Parallel.cores == 1 ? "" : "s") (\(perSecond)/s)\n"
        out += result.closingLine + "\n"
        io.write(out)
        if result.unusable > 0 { return ExitCode.invalidInput }
        if result.failed > 0 || coverageTooLow { return ExitCode.failures }
        return ExitCode.ok
    }
}
