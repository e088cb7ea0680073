import MDAEngine

/// Why a command stopped; ``CommandLineTool/funnel(_:command:io:)`` turns it into text and an exit code.
public enum CLIError: Error {
    /// Wrong arguments; the message says what is wrong.
    case usage(String)
    /// A file or standard input could not be read.
    case unreadable(path: String, why: String)
    /// The ruleset has errors.
    case ruleset(RulesetErrors)
    /// The command failed with this message (may be empty) and exit code.
    case failed(String, code: Int32)
}
