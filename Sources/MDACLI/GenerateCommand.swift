import ByteJSON
import Foundation
import MDARegression

/// `mda generate --seed S --count N [--out FILE]`: a synthetic caseload as JSON Lines.
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "Generate a seeded synthetic caseload of mda-case/1 cases as JSON Lines"
    static let usage = "mda generate --seed S --count N [--out FILE]"
    static let details = """
        Writes N realistic synthetic mda-case/1 cases, one JSON object per line, to standard
        output or FILE. The same seed gives byte-identical output on every machine (the
        generator has its own pseudo-random generator, SplitMix64); case i depends only on the
        seed and i, so the first N cases of a longer caseload are the same N cases.

        The caseload varies household compositions (couples with and without children,
        single parents with an ex-partner, blended families, elders with a caring adult child,
        parents with an adolescent), incidents over the three years before each case's
        reference date, reports and re-reports, agencies and interventions, and leaves facts
        unknown (absent or null) at realistic rates, so that every route, acute and
        provisional decisions and missing facts all occur. Case ids are SYN-<seed>-<n>.
        No real person's data is used or produced.

        Options:
          --seed S      seed, a whole number 0 … 2^64-1 (required)
          --count N     number of cases (required, ≥ 0)
          --out FILE    write to FILE instead of standard output

        Exit codes: 0 written; 2 FILE cannot be written; 64 usage.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        guard let seedText = try args.option("--seed") else { throw .usage("--seed is required") }
        guard let seed = UInt64(seedText) else { throw .usage("--seed needs a whole number from 0 to 18446744073709551615") }
        guard let countText = try args.option("--count") else { throw .usage("--count is required") }
        guard let count = Int(countText), count >= 0 else { throw .usage("--count needs a whole number ≥ 0") }
        let out = try args.option("--out")
        _ = try args.positionals()

        let write: ([UInt8]) -> Void
        var handle: FileHandle?
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil),
                  let h = FileHandle(forWritingAtPath: out) else {
                throw .failed("cannot write \(out)", code: ExitCode.invalidInput)
            }
            handle = h
            write = { h.write(Data($0)) }
        } else {
            write = io.writeBytes
        }
        defer { try? handle?.close() }

        let generator = CaseGenerator(seed: seed)
        // Batches of cases are generated on all cores, then written in order.
        let batch = 4096
        var next = 0
        while next < count {
            let start = next, size = min(batch, count - next)
            let parts = Parallel.chunks(count: size) { range in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(range.count * 4096)
                for i in range {
                    bytes += generator.line(start + i)
                    bytes.append(10)
                }
                return bytes
            }
            for part in parts { write(part) }
            next += size
        }
        return ExitCode.ok
    }
}
