import Foundation
import MDAEngine

/// `mda check [--rules DIR]`: validates a ruleset and prints every diagnostic.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate a ruleset and print every diagnostic"
    static let usage = "mda check [--rules DIR]"
    static let details = """
        Loads the ruleset (parsing, CEL type checking against the case schema, references,
        cycles, unused parameters) and prints each diagnostic as
        file:line:column: error|warning: message.

        Options:
          --rules DIR   rules directory (default: the bundled rules)

        Exit codes: 0 no errors (warnings may be printed); 1 errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let dir = try args.option("--rules")
        _ = try args.positionals()
        do throws(RulesetErrors) {
            let ruleset: Ruleset
            if let dir { ruleset = try Ruleset.load(directory: URL(fileURLWithPath: dir)) } else { ruleset = try Ruleset.bundled() }
            for w in ruleset.warnings { io.write(w.description + "\n") }
            var counts: [String: Int] = [:]
            for r in ruleset.rules { counts[r.kind.rawValue, default: 0] += 1 }
            io.write("\(ruleset.name) \(ruleset.version): \(ruleset.rules.count) rules, \(ruleset.parameters.count) parameters, "
                     + "\(ruleset.warnings.count) warning(s), sha256 \(ruleset.sha256)\n")
            return ExitCode.ok
        } catch {
            for d in error.diagnostics { io.write(d.description + "\n") }
            let n = error.diagnostics.filter { $0.severity == .error }.count
            io.write("\(n) error(s)\n")
            return ExitCode.failures
        }
    }
}
