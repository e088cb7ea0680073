import MDAEngine

/// `mda explain [--rules DIR] [--lang nl|en] FILE|-`: prints the explanation.
enum ExplainCommand: Command {
    static let name = "explain"
    static let summary = "Explain a case's decision in Dutch or English"
    static let usage = "mda explain [--rules DIR] [--lang nl|en] FILE|-"
    static let details = """
        Evaluates one mda-case/1 document and prints a readable explanation: route and why
        (criteria with their facts), profiles with evidence, missing facts, actions with sources.

        Options:
          --rules DIR     rules directory (default: the bundled rules)
          --lang nl|en    language (default: nl)

        Exit codes: 0 explanation printed; 2 input errors (listed on standard error); 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let ruleset = try loadRuleset(&args)
        let langText = try args.option("--lang") ?? "nl"
        guard let language = Language(rawValue: langText) else { throw .usage("--lang is nl or en") }
        let paths = try args.positionals()
        guard paths.count == 1 else { throw .usage("expected exactly one FILE (or - for standard input)") }
        let bytes = try io.read(path: paths[0])
        switch Engine(ruleset: ruleset).evaluate(json: bytes) {
        case .success(let decision):
            io.write(Explanation.text(decision, ruleset: ruleset, language: language))
            return ExitCode.ok
        case .failure(let errors):
            for e in errors.errors { io.error("\(e.path.isEmpty ? "(document)" : e.path): \(e.code.rawValue): \(e.message)\n") }
            return ExitCode.invalidInput
        }
    }
}
