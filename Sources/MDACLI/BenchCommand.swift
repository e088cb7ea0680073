import ByteJSON
import MDAEngine

/// `mda bench [--rules DIR] [--seconds S] [--json] CASE...`: per-decision timings on one thread.
///
/// For each case it times four things separately, each as the median of many samples of
/// back-to-back decisions: decode (bytes to typed case, including validation), evaluate (typed
/// case to decision, with trace and missing facts), encode (decision to bytes) and the whole
/// bytes-to-bytes decision. A benchmark, not a test: figures depend on the machine and its load.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "Time decode, evaluate, encode and whole decisions per case on one thread"
    static let usage = "mda bench [--rules DIR] [--seconds S] [--json] CASE..."
    static let details = """
        For each CASE (an mda-case/1 JSON file), on the calling thread, measures the median time
        per decision of: decode (bytes to typed case, with validation), evaluate (typed case to
        decision, with trace and missing facts), encode (decision to JSON bytes) and the whole
        bytes-to-bytes decision; and decisions per second of the whole decision.

        Each of the four phases gets a quarter of the time budget. A sample is a batch of
        back-to-back decisions lasting about 10 ms; the figure is the median over samples
        (after one warm-up sample). Pin the process to a core (taskset -c 1) for stable figures.

        Options:
          --rules DIR     rules directory (default: the bundled rules)
          --seconds S     time budget per case, in seconds (default 2)
          --json          print one JSON object per case (one per line) with the keys case,
                          decode_us, evaluate_us, encode_us, total_us, decisions_per_s
          --iterations N  instead of a time budget, run each phase exactly N times as one
                          sample (for profilers such as valgrind --tool=callgrind, whose
                          instruction counts are then exact per N decisions)

        Exit codes: 0 measured; 2 a case cannot be read or has input errors; 3 ruleset errors.
        """

    /// One case's figures, in microseconds per decision.
    struct Figures {
        var decode = 0.0, evaluate = 0.0, encode = 0.0, total = 0.0
        var perSecond: Double { total > 0 ? 1_000_000 / total : 0 }
    }

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let ruleset = try loadRuleset(&args)
        let seconds = try args.number("--seconds") ?? 2
        guard seconds > 0 else { throw .usage("--seconds must be positive") }
        let json = args.flag("--json")
        let iterations = try args.number("--iterations").map { Int($0) }
        if let iterations, iterations < 1 { throw .usage("--iterations must be at least 1") }
        let paths = try args.positionals()
        guard !paths.isEmpty else { throw .usage("expected at least one CASE file") }
        let engine = Engine(ruleset: ruleset)

        var inputs: [(String, [UInt8])] = []
        for path in paths {
            let bytes = try io.read(path: path)
            if case .failure(let errors) = engine.evaluate(json: bytes) {
                throw .failed("\(path): the case has \(errors.errors.count) input error(s); run mda evaluate for details",
                              code: ExitCode.invalidInput)
            }
            inputs.append((path, bytes))
        }
        if !json {
            io.write(pad("case", 28) + pad("decode µs", 12) + pad("evaluate µs", 13) + pad("encode µs", 12)
                     + pad("total µs", 12) + "decisions/s\n")
        }
        for (path, bytes) in inputs {
            let f = measure(engine: engine, bytes: bytes, seconds: seconds, iterations: iterations)
            if json {
                var w = JSONWriter(capacity: 256)
                w.beginObject()
                w.key(raw: "case"); w.string(path)
                w.key(raw: "decode_us"); w.double(round2(f.decode))
                w.key(raw: "evaluate_us"); w.double(round2(f.evaluate))
                w.key(raw: "encode_us"); w.double(round2(f.encode))
                w.key(raw: "total_us"); w.double(round2(f.total))
                w.key(raw: "decisions_per_s"); w.double(f.perSecond.rounded())
                w.endObject()
                io.writeBytes(w.bytes + [10])
            } else {
                io.write(pad(path, 28) + pad(fixed(f.decode), 12) + pad(fixed(f.evaluate), 13) + pad(fixed(f.encode), 12)
                         + pad(fixed(f.total), 12) + String(Int(f.perSecond.rounded())) + "\n")
            }
        }
        return ExitCode.ok
    }

    /// Times the four phases of one case, each for a quarter of `seconds` (or exactly
    /// `iterations` calls each).
    static func measure(engine: Engine, bytes: [UInt8], seconds: Double, iterations: Int? = nil) -> Figures {
        let budget = seconds / 4
        func median(_ budget: Double, _ body: () -> Void) -> Double {
            if let iterations { return BenchCommand.once(iterations, body) }
            return BenchCommand.median(budget, body)
        }
        guard case .success(let file) = CaseDecoder.decode(bytes: bytes) else { return Figures() }
        let decision = engine.evaluate(file)
        var sink = 0
        var f = Figures()
        f.decode = median(budget) { sink &+= phaseDecode(bytes) }
        f.evaluate = median(budget) { sink &+= phaseEvaluate(engine, file) }
        f.encode = median(budget) { sink &+= phaseEncode(decision) }
        f.total = median(budget) { sink &+= phaseTotal(engine, bytes) }
        if sink == 42 { print("") }   // keeps the work observable to the optimiser
        return f
    }

    // The phases, never inlined so that a profiler sees each as one function.

    /// Decode: bytes to a typed case.
    @inline(never) static func phaseDecode(_ bytes: [UInt8]) -> Int {
        if case .success(let c) = CaseDecoder.decode(bytes: bytes) { return c.members.count }
        return 0
    }

    /// Evaluate: a typed case to a decision.
    @inline(never) static func phaseEvaluate(_ engine: Engine, _ file: CaseFile) -> Int {
        engine.evaluate(file).trace.count
    }

    /// Encode: a decision to bytes.
    @inline(never) static func phaseEncode(_ decision: Decision) -> Int {
        DecisionWriter.bytes(decision).count
    }

    /// The whole decision, bytes to bytes.
    @inline(never) static func phaseTotal(_ engine: Engine, _ bytes: [UInt8]) -> Int {
        switch engine.evaluate(json: bytes) {
        case .success(let d): return DecisionWriter.bytes(d).count
        case .failure(let e): return DecisionWriter.bytes(e).count
        }
    }

    /// The mean time per call of `body` over exactly `n` calls, in microseconds.
    static func once(_ n: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<n { body() }
        return seconds(clock.now - start) / Double(n) * 1_000_000
    }

    /// The median time per call of `body` in microseconds, over samples of about 10 ms taken for
    /// `budget` seconds (at least 5 samples).
    static func median(_ budget: Double, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        // Calibrate: how many calls make a sample of about 10 ms.
        var batch = 1
        while true {
            let start = clock.now
            for _ in 0..<batch { body() }
            let elapsed = seconds(clock.now - start)
            if elapsed >= 0.01 || batch >= 1 << 24 { break }
            batch = elapsed < 0.001 ? batch * 10 : max(batch + 1, Int(Double(batch) * 0.011 / elapsed))
        }
        var samples: [Double] = []
        let deadline = clock.now.advanced(by: .milliseconds(Int64(budget * 1000)))
        while samples.count < 5 || clock.now < deadline {
            let start = clock.now
            for _ in 0..<batch { body() }
            samples.append(seconds(clock.now - start) / Double(batch) * 1_000_000)
        }
        samples.sort()
        let n = samples.count
        return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2
    }

    static func seconds(_ d: Swift.Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    static func fixed(_ x: Double) -> String {
        let r = round2(x)
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
