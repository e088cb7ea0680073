import Foundation

/// Entry point of the `mda` command-line tool.
///
/// Every command is a ``Command`` in its own file; this type only dispatches and funnels
/// errors into messages and exit codes (see ``ExitCode``).
public enum CommandLineTool {
    /// The commands, in the order `mda help` lists them.
    static let commands: [any Command.Type] = [
        EvaluateCommand.self, ExplainCommand.self, CheckCommand.self, ServeCommand.self, VersionCommand.self,
        TestCommand.self, DiffCommand.self, RecordCommand.self,
        CelConformanceCommand.self, GenerateCommand.self, BenchCommand.self, HelpCommand.self,
    ]

    /// Runs the tool with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], io: IO = .standard) -> Int32 {
        guard let name = arguments.first else {
            io.error(HelpCommand.overview())
            return ExitCode.usage
        }
        if name == "--help" || name == "-h" {
            io.write(HelpCommand.overview())
            return ExitCode.ok
        }
        if name == "--version" { return run(["version"], io: io) }
        guard let command = commands.first(where: { $0.name == name }) else {
            io.error("mda: unknown command '\(name)'. Run 'mda help' for the list of commands.\n")
            return ExitCode.usage
        }
        var args = Arguments(Array(arguments.dropFirst()))
        if args.contains("--help") || args.contains("-h") {
            io.write(HelpCommand.help(for: command))
            return ExitCode.ok
        }
        do {
            return try command.run(&args, io)
        } catch {
            return funnel(error, command: command, io: io)
        }
    }

    /// The one place where an error becomes a message on stderr and an exit code.
    static func funnel(_ error: CLIError, command: any Command.Type, io: IO) -> Int32 {
        switch error {
        case .usage(let message):
            io.error("mda \(command.name): \(message)\nUsage: \(command.usage)\n")
            return ExitCode.usage
        case .unreadable(let path, let why):
            io.error("mda \(command.name): cannot read \(path): \(why)\n")
            return ExitCode.invalidInput
        case .ruleset(let errors):
            for d in errors.diagnostics { io.error(d.description + "\n") }
            io.error("mda \(command.name): the ruleset could not be loaded\n")
            return ExitCode.ruleset
        case .failed(let message, let code):
            if !message.isEmpty { io.error("mda \(command.name): \(message)\n") }
            return code
        }
    }
}

/// The tool's exit codes (documented in README.md).
public enum ExitCode {
    /// Success.
    public static let ok: Int32 = 0
    /// The command ran and found problems: check errors, failed tests or conformance failures.
    public static let failures: Int32 = 1
    /// The input is unusable: case validation errors, unreadable or malformed files.
    public static let invalidInput: Int32 = 2
    /// The ruleset could not be loaded.
    public static let ruleset: Int32 = 3
    /// Wrong command-line usage.
    public static let usage: Int32 = 64
    /// An internal error.
    public static let internalError: Int32 = 70
}
