import MDAEngine
import MDARegression

/// `mda evaluate [--rules DIR] [--lines] FILE|-`: prints the decision JSON, one line per case.
enum EvaluateCommand: Command {
    static let name = "evaluate"
    static let summary = "Evaluate a case (or a JSON Lines caseload) and print the decision (mda-decision/1 JSON)"
    static let usage = "mda evaluate [--rules DIR] [--lines] FILE|-"
    static let details = """
        Reads one mda-case/1 document from FILE (or standard input for -) and prints the
        decision as one line of JSON.

        A FILE whose name ends in .jsonl (or any input with --lines) is a caseload in JSON
        Lines: one case per line. Each non-blank line gets one output line, in input order: its
        decision, or {"errors": [...]} when that line is unusable; the other lines are still
        evaluated. Cases are evaluated in parallel on all cores. For each unusable line,
        standard error names FILE:LINE and the number of errors (never case contents). Blank
        lines are skipped (no output line) but counted, so FILE:LINE is what an editor shows.

        Options:
          --rules DIR   rules directory (default: the rules bundled with mda)
          --lines       read the input as JSON Lines whatever its name (for standard input)

        Exit codes: 0 every decision printed; 2 the case (or any line of a caseload) has input
        errors (printed as JSON {"errors": [{"path", "code", "message"}]}) or the input cannot
        be read; 3 ruleset errors.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let ruleset = try loadRuleset(&args)
        let lines = args.flag("--lines")
        let paths = try args.positionals()
        guard paths.count == 1 else { throw .usage("expected exactly one FILE (or - for standard input)") }
        let engine = Engine(ruleset: ruleset)
        if paths[0] != "-" && (lines || InputFiles.isJSONLines(paths[0])) {
            // A caseload file is read a batch at a time, so memory stays bounded.
            let reader: JSONLinesReader
            do { reader = try JSONLinesReader(path: paths[0]) } catch { throw .unreadable(path: error.path, why: error.message) }
            var failed = false
            var pool: EnginePool?
            while true {
                let batch: [CaseSource]?
                do { batch = try reader.next(maxCount: batchSize) } catch { throw .unreadable(path: error.path, why: error.message) }
                guard let batch else { break }
                let engines = pool ?? enginePool(engine, cases: batch.count)
                pool = engines
                if evaluateLines(batch, engines: engines, io: io) != ExitCode.ok { failed = true }
            }
            return failed ? ExitCode.invalidInput : ExitCode.ok
        }
        let bytes = try io.read(path: paths[0])
        if lines {
            let sources = CaseSource.lines(of: bytes, file: paths[0])
            return evaluateLines(sources, engines: enginePool(engine, cases: sources.count), io: io)
        }
        switch engine.evaluate(json: bytes) {
        case .success(let decision):
            io.writeBytes(DecisionWriter.bytes(decision) + [10])
            return ExitCode.ok
        case .failure(let errors):
            io.writeBytes(DecisionWriter.bytes(errors) + [10])
            return ExitCode.invalidInput
        }
    }

    /// One engine per core for a caseload of a thousand cases or more (a replica of the ruleset
    /// costs about as much as a few hundred decisions), else the one engine.
    static func enginePool(_ engine: Engine, cases: Int) -> EnginePool {
        EnginePool(engine, engines: cases >= 1000 ? Parallel.cores : 1)
    }

    /// Evaluates JSON Lines sources on all cores, writing one line per source in input order.
    ///
    /// Sources are taken in batches (a few thousand at a time, so memory stays bounded for
    /// large caseloads); each batch is cut into chunks evaluated concurrently, and the batch's
    /// output is written in order before the next batch starts.
    static func evaluateLines(_ sources: [CaseSource], engines: EnginePool, io: IO) -> Int32 {
        let batch = batchSize
        var failed = false
        var next = 0
        while next < sources.count {
            let start = next, size = min(batch, sources.count - next)
            let parts = Parallel.chunks(count: size) { range in engines.withEngine { engine in
                var out: [UInt8] = []
                out.reserveCapacity(range.count * 32_768)
                var bad: [(line: Int, errors: Int)] = []
                for i in range {
                    let source = sources[start + i]
                    switch engine.evaluate(json: source.array) {
                    case .success(let decision): out += DecisionWriter.bytes(decision)
                    case .failure(let errors):
                        out += DecisionWriter.bytes(errors)
                        bad.append((source.line ?? 0, errors.errors.count))
                    }
                    out.append(10)
                }
                return Part(bytes: out, bad: bad)
            } }
            for part in parts {
                io.writeBytes(part.bytes)
                for b in part.bad {
                    failed = true
                    io.error("\(sources[start].file):\(b.line): \(b.errors) input error(s)\n")
                }
            }
            next += size
        }
        return failed ? ExitCode.invalidInput : ExitCode.ok
    }

    /// Cases evaluated (and their output held) at a time.
    static let batchSize = 2048

    /// One chunk's output and the lines in it that had input errors.
    struct Part: Sendable {
        var bytes: [UInt8]
        var bad: [(line: Int, errors: Int)]
    }
}
