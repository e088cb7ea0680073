import Foundation
import MDAEngine
import MDARegression

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

    /// The cases or fixtures under `paths` (files, folders, `.jsonl` lines); none found is an
    /// error naming `what` ("cases", "fixtures").
    static func readSources(_ paths: [String], what: String) throws(CLIError) -> [CaseSource] {
        guard !paths.isEmpty else { throw .usage("expected at least one file or folder of \(what)") }
        let sources: [CaseSource]
        do {
            sources = try InputFiles.sources(paths)
        } catch {
            throw .unreadable(path: error.path, why: error.message)
        }
        guard !sources.isEmpty else { throw .failed("no \(what) found under \(paths.joined(separator: " "))", code: ExitCode.invalidInput) }
        return sources
    }
}
