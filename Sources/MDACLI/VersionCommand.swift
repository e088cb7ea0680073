import MDAEngine

/// `mda version`: the engine and bundled ruleset versions.
enum VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the engine version and the bundled ruleset's version and SHA-256"
    static let usage = "mda version"
    static let details = "Exit code 0."

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        _ = try args.positionals()
        var line = Engine.version
        if let r = try? Ruleset.bundled() { line += " (rules \(r.name) \(r.version), sha256 \(r.sha256))" }
        io.write(line + "\n")
        return ExitCode.ok
    }
}
