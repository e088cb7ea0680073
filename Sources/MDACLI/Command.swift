import Foundation
import MDAEngine

/// One `mda` subcommand.
protocol Command {
    /// The word after `mda`.
    static var name: String { get }
    /// One line for `mda help`.
    static var summary: String { get }
    /// The usage line.
    static var usage: String { get }
    /// Options and details for `mda help NAME` / `--help`.
    static var details: String { get }
    /// Runs the command and returns its exit code.
    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32
}

extension Command {
    /// Loads the ruleset named by `--rules DIR`, or the bundled rules.
    static func loadRuleset(_ args: inout Arguments) throws(CLIError) -> Ruleset {
        let dir = try args.option("--rules")
        do {
            if let dir { return try Ruleset.load(directory: URL(fileURLWithPath: dir)) }
            return try Ruleset.bundled()
        } catch {
            throw .ruleset(error)
        }
    }
}
