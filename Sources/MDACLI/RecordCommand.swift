import Foundation
import MDAEngine
import MDARegression

/// `mda record [--rules DIR] [--overwrite] CASE... --out DIR`: pins today's outcome as fixtures.
enum RecordCommand: Command {
    static let name = "record"
    static let summary = "Turn cases into fixtures whose expectations are today's outcome"
    static let usage = "mda record [--rules DIR] [--overwrite] CASE... --out DIR"
    static let details = """
        Evaluates each case (files, folders recursively, .jsonl files with one case a line;
        fixtures are accepted too and re-recorded from their "case") and writes one fixture per
        case into DIR, named after its caseId (letters, digits, '.', '_' and '-' kept, anything
        else replaced by '_'; `-2`, `-3`, ... added when two cases map to the same name). The
        expectations are the complete outcome: route, acute, provisional, raisedByJudgement,
        phase, problemCategory, criteria, profiles, risk factors, actions, missing entries and
        warnings; a case with input errors gets its expected errors. `mda test DIR` then passes
        until a rule change alters an outcome.

        Existing files are never overwritten silently: if any target file exists, nothing is
        written, the conflicts are listed and the exit code is 1. --overwrite replaces them
        (each replaced file is reported).

        Options:
          --rules DIR    rules directory (default: the rules bundled with mda)
          --out DIR      where to write the fixtures (created if needed; required)
          --overwrite    replace existing fixture files

        Exit codes: 0 fixtures written; 1 target files exist (nothing written); 2 unreadable
        or malformed input (nothing written); 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        guard let out = try args.option("--out") else { throw .usage("--out DIR is required") }
        let overwrite = args.flag("--overwrite")
        let ruleset = try loadRuleset(&args)
        let paths = try args.positionals()
        let sources = try readSources(paths, what: "cases")

        let engine = Engine(ruleset: ruleset)
        let recorded = Parallel.map(count: sources.count) { i -> Result<(String?, [UInt8]), FixtureError> in
            CaseDocument.read(sources[i]).map { doc in
                let fixture = FixtureRecorder.fixture(doc.value, outcome: engine.evaluate(json: doc.value), ruleset: ruleset)
                return (doc.caseId, PrettyJSON.bytes(fixture))
            }
        }
        var unusable: [FixtureError] = []
        var files: [(name: String, bytes: [UInt8])] = []
        var taken = Set<String>()
        for r in recorded {
            switch r {
            case .failure(let e): unusable.append(e)
            case .success(let (id, bytes)):
                let base = FixtureRecorder.fileName(caseId: id)
                var name = base
                var n = 2
                while taken.contains(name) {
                    name = String(base.dropLast(5)) + "-\(n).json"
                    n += 1
                }
                taken.insert(name)
                files.append((name, bytes))
            }
        }
        if !unusable.isEmpty {
            for e in unusable { io.error("mda record: \(e.description)\n") }
            throw .failed("nothing written: \(unusable.count) input\(unusable.count == 1 ? " is" : "s are") unusable", code: ExitCode.invalidInput)
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .failed("--out \(out) is not a folder", code: ExitCode.invalidInput) }
        } else {
            do {
                try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw .failed("cannot create \(out)", code: ExitCode.invalidInput)
            }
        }
        let dir = out.hasSuffix("/") ? String(out.dropLast()) : out
        let existing = files.map { dir + "/" + $0.name }.filter { fm.fileExists(atPath: $0) }
        if !existing.isEmpty && !overwrite {
            for path in existing { io.error("mda record: \(path) exists\n") }
            throw .failed("nothing written: \(existing.count) fixture file\(existing.count == 1 ? "" : "s") already exist; "
                          + "use --overwrite to replace them", code: ExitCode.failures)
        }
        let replaced = Set(existing)
        var report = ""
        for file in files {
            let path = dir + "/" + file.name
            guard fm.createFile(atPath: path, contents: Data(file.bytes)) else {
                io.write(report)
                throw .failed("cannot write \(path)", code: ExitCode.invalidInput)
            }
            report += (replaced.contains(path) ? "replaced " : "wrote ") + path + "\n"
        }
        report += "recorded \(files.count) fixture\(files.count == 1 ? "" : "s") in \(dir)\n"
        io.write(report)
        return ExitCode.ok
    }
}
