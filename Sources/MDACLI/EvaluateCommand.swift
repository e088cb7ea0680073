import MDAEngine

/// `mda evaluate [--rules DIR] FILE|-`: prints the decision JSON.
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let summary = "Evaluate a case and print the decision (mda-decision/1 JSON)"
    static let usage = "mda evaluate [--rules DIR] FILE|-"
    static let details = """
        Reads one mda-case/1 document from FILE (or standard input for -) and prints the
        decision as one line of JSON.

        Options:
          --rules DIR   rules directory (default: the rules bundled with mda)

        Exit codes: 0 decision printed; 2 the case has input errors (printed as JSON
        {"errors": [{"path", "code", "message"}]}) or cannot be read; 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let ruleset = try loadRuleset(&args)
        let paths = try args.positionals()
        guard paths.count == 1 else { throw .usage("expected exactly one FILE (or - for standard input)") }
        let bytes = try io.read(path: paths[0])
        switch Engine(ruleset: ruleset).evaluate(json: bytes) {
        case .success(let decision):
            io.writeBytes(DecisionWriter.bytes(decision) + [10])
            return ExitCode.ok
        case .failure(let errors):
            io.writeBytes(DecisionWriter.bytes(errors) + [10])
            return ExitCode.invalidInput
        }
    }
}
