/// `mda help [COMMAND]`: the list of commands, or one command's help.
enum HelpCommand: Command {
    static let name = "help"
    static let summary = "Show help for mda or for one command"
    static let usage = "mda help [COMMAND]"
    static let details = "Every command also accepts --help."

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let rest = try args.positionals()
        guard let name = rest.first else {
            io.write(overview())
            return ExitCode.ok
        }
        guard let command = CommandLineTool.commands.first(where: { $0.name == name }) else {
            throw .usage("unknown command '\(name)'")
        }
        io.write(help(for: command))
        return ExitCode.ok
    }

    static func overview() -> String {
        var s = "mda: routing of complex domestic-violence casework (regular care, veiligheidsteam, MDA++)\n\nCommands:\n"
        var width = 8
        for c in CommandLineTool.commands { width = max(width, c.name.count) }
        for c in CommandLineTool.commands {
            s += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
        }
        s += "\nRun 'mda help COMMAND' or 'mda COMMAND --help' for a command's options.\n"
        s += "Exit codes: 0 ok, 1 problems found (check, test, conformance), 2 invalid input, 3 ruleset errors, 64 usage, 70 internal.\n"
        return s
    }

    static func help(for command: any Command.Type) -> String {
        "Usage: \(command.usage)\n\n\(command.summary).\n\n\(command.details)\n"
    }
}
