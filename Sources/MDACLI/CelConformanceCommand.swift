import CELConformance
import Foundation

/// `mda cel-conformance FILE...`: runs CEL conformance test files.
enum CelConformanceCommand: Command {
    static let name = "cel-conformance"
    static let summary = "Run CEL conformance test files (JSON) and report failures"
    static let usage = "mda cel-conformance FILE|DIR..."
    static let details = """
        Runs every test in the given conformance files (the JSON format of
        ../shared/cel-conformance/README.md; a directory means every *.json in it) and prints
        each failure as file/section/name: expected … got …, then `N passed, N failed`.

        Exit codes: 0 all passed; 1 some failed; 2 a file could not be read.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let paths = try args.positionals()
        guard !paths.isEmpty else { throw .usage("expected at least one FILE") }
        var cases: [ConformanceCase] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, why: "no such file")
            }
            do {
                let url = URL(fileURLWithPath: path)
                cases += isDirectory.boolValue ? try ConformanceLoader.loadDirectory(url) : try ConformanceLoader.loadFile(url)
            } catch {
                throw .unreadable(path: path, why: "\(error)")
            }
        }
        let report = ConformanceRunner.run(cases)
        io.write(report.text + "\n")
        return report.failures.isEmpty ? ExitCode.ok : ExitCode.failures
    }
}
