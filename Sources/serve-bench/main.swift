// serve-bench: drives `mda serve` over a pipe with realistic cases and reports requests per
// second, p50/p99 latency (one request at a time, and pipelined) and the server's peak RSS.
// For the pipelined run it also prints the CPU time per request of the server (from
// /proc/PID/stat) and of the client (getrusage), and the most requests per second the
// processors could carry at those costs: when that bound is close to the measured rate, the run
// was CPU-bound and the server's share says how much faster a decision must get.
//
//   swift build -c release --scratch-path .build-serve
//   .build-serve/release/serve-bench                    # 2,000 sequential + 20,000 pipelined
//   .build-serve/release/serve-bench --pipelined 200000 # the long run
//
// Options: --mda PATH (default: `mda` next to this executable), --sequential N, --pipelined N,
// --workers N (passed to mda serve), --explain (ask for explanations), --cases FILE|DIR...
// (mda-case/1 documents or fixtures {"case": …}, fixtures that expect input errors skipped; default: Fixtures/cases and the peers'
// typical.json), --ceiling (see below). Not run in CI.
//
// `--ceiling` measures the pipe, not mda: it asks `mda serve` once for the first case's
// response, then runs the same benchmark against a null server (this program, as
// `serve-bench --null-server FILE`) that answers every request line with that response and
// the request's id, evaluating nothing. Its requests per second are the most any server can
// reach with responses of that size on this machine, with the client on the same cores.
import ByteJSON
import Foundation

signal(SIGPIPE, SIG_IGN)

/// Command-line options.
struct Options {
    var mda: String
    var sequential = 2_000
    var pipelined = 20_000
    var workers: Int?
    var explain = false
    var cases: [String] = []
    var ceiling = false

    init(_ args: [String]) {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        mda = here.appendingPathComponent("mda").path
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--mda": mda = value()
            case "--sequential": sequential = Int(value()) ?? { fail("--sequential needs a number") }()
            case "--pipelined": pipelined = Int(value()) ?? { fail("--pipelined needs a number") }()
            case "--workers": workers = Int(value())
            case "--explain": explain = true
            case "--ceiling": ceiling = true
            case "--cases": cases.append(value())
            case "--help", "-h":
                print("usage: serve-bench [--mda PATH] [--sequential N] [--pipelined N] [--workers N] [--explain] [--ceiling] [--cases FILE|DIR]...")
                exit(0)
            default: fail("unknown argument \(args[i])")
            }
            i += 1
        }
        if cases.isEmpty {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            cases = [root.appendingPathComponent("Fixtures/cases").path,
                     root.deletingLastPathComponent().appendingPathComponent("shared/peers/cases/typical.json").path]
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("serve-bench: \(message)\n".utf8))
    exit(64)
}

/// Monotonic nanoseconds.
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Loads the cases as compact JSON bytes.
func loadCases(_ paths: [String]) -> [[UInt8]] {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { $0.hasSuffix(".json") }.sorted().map { path + "/" + $0 }
        } else {
            files.append(path)
        }
    }
    var out: [[UInt8]] = []
    for file in files {
        guard let data = FileManager.default.contents(atPath: file), let doc = try? JSONReader().read([UInt8](data)) else { continue }
        if doc["expect"]?["errors"] != nil { continue }  // fixtures of invalid input
        var w = JSONWriter(capacity: data.count)
        w.value(doc["case"] ?? doc)
        out.append(w.bytes)
    }
    if out.isEmpty { fail("no cases found") }
    return out
}

/// One request line with its id.
func request(_ caseBytes: [UInt8], id: Int, explain: Bool) -> [UInt8] {
    Array(#"{"jsonrpc":"2.0","method":"evaluate","params":{"explain":\#(explain),"case":"#.utf8) + caseBytes
        + Array(#"},"id":\#(id)}"#.utf8) + [0x0A]
}

/// The id of a response line: the server writes `{"jsonrpc":"2.0","id":N,` first.
func responseID(_ line: ArraySlice<UInt8>) -> Int? {
    let prefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
    guard line.count > prefix.count, line.prefix(prefix.count).elementsEqual(prefix) else { return nil }
    return leadingNumber(line.dropFirst(prefix.count))
}

/// The decimal number `bytes` begin with, or nil when they begin with no digit.
func leadingNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
    var n = 0
    var any = false
    for byte in bytes {
        guard byte >= 0x30 && byte <= 0x39 else { break }
        n = n * 10 + Int(byte - 0x30)
        any = true
    }
    return any ? n : nil
}

/// Writes every byte of `bytes` to `fd`, retrying on interruption and short writes; false
/// when a write fails.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { b in
        var off = 0
        while off < b.count {
            let n = write(fd, b.baseAddress! + off, b.count - off)
            if n > 0 { off += n } else if errno != EINTR { return false }
        }
        return true
    }
}

/// Whether a response line is a result (not an error).
func isResult(_ line: ArraySlice<UInt8>) -> Bool {
    let marker = Array(#","result":"#.utf8)
    let window = line.prefix(64)
    guard window.count >= marker.count else { return false }
    for start in window.indices.dropLast(marker.count - 1) where window[start..<(start + marker.count)].elementsEqual(marker) { return true }
    return false
}

/// A running `mda serve` with a reader thread that timestamps every response.
final class Server: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let received: UnsafeMutableBufferPointer<UInt64>
    let condition = NSCondition()
    var count = 0
    var errors = 0
    /// The count ``waitFor(_:)`` waits for (`Int.max` when nobody waits).
    var awaited = Int.max
    /// When set before the first request, the reader keeps the first response line in ``captured``.
    var capture = false
    var captured: [UInt8] = []

    /// Starts `executable` with `arguments` (`mda serve …`, or the null server).
    init(executable: String, arguments: [String], capacity: Int) throws {
        received = .allocate(capacity: capacity)
        received.initialize(repeating: 0)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let fd = output.fileHandleForReading.fileDescriptor
        Thread { [self] in readLoop(fd) }.start()
    }

    func readLoop(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            let t = now()
            var start = 0
            var finished = 0
            var failed = 0
            // Line ends found with memchr: the client must cost little next to the server.
            var ends: [Int] = []
            buffer.withUnsafeBytes { raw in
                var from = 0
                while from < n, let hit = memchr(raw.baseAddress! + from, 0x0A, n - from) {
                    let at = raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    ends.append(at)
                    from = at + 1
                }
            }
            for i in ends {
                let line: ArraySlice<UInt8>
                if pending.isEmpty {
                    line = buffer[start..<i]
                } else {
                    pending += buffer[start..<i]
                    line = pending[...]
                }
                if capture && captured.isEmpty { captured = Array(line) }
                if let id = responseID(line), id < received.count { received[id] = t }
                if !isResult(line) { failed += 1 }
                pending.removeAll(keepingCapacity: true)
                finished += 1
                start = i + 1
            }
            pending += buffer[start..<n]
            condition.lock()
            count += finished
            errors += failed
            // Wakes the waiting thread only once what it waits for has arrived: a wake-up per
            // read would be a context switch per read on the cores the server runs on.
            if count >= awaited { condition.broadcast() }
            condition.unlock()
        }
        condition.lock()
        count = Int.max
        condition.broadcast()
        condition.unlock()
    }

    func send(_ bytes: [UInt8]) {
        if !writeAll(input.fileHandleForWriting.fileDescriptor, bytes) { fail("write failed (errno \(errno))") }
    }

    func waitFor(_ total: Int) {
        condition.lock()
        awaited = total
        while count < total { condition.wait() }
        awaited = Int.max
        condition.unlock()
    }

    /// Peak resident set size of the server, in KiB (Linux /proc), or nil.
    var peakRSS: Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        return nil
    }

    /// CPU time the server has used so far, user and system, in microseconds (Linux /proc), or nil.
    var cpu: (user: Double, system: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name, which may itself hold spaces: state is field 3, utime 14, stime 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let tick = 1e6 / Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user * tick, system * tick)
    }

    func stop() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// CPU time this process (the client: its writer and reader threads) has used so far, user
/// and system, in microseconds.
func clientCPU() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func us(_ t: timeval) -> Double { Double(t.tv_sec) * 1e6 + Double(t.tv_usec) }
    return (us(usage.ru_utime), us(usage.ru_stime))
}

/// Prints where the CPU of `count` requests went: the server's and the client's time per
/// request, and the most requests per second `cores` processors carry at those costs.
func reportCPU(count: Int, server: (user: Double, system: Double)?, client: (user: Double, system: Double), cores: Int) {
    let n = Double(count)
    let clientPer = (client.user + client.system) / n
    guard let server else {
        print(String(format: "CPU per request: client %.1f µs; the server's is not readable (no /proc)", clientPer))
        return
    }
    let serverPer = (server.user + server.system) / n
    print(String(format: "CPU per request: server %.1f µs (user %.1f, system %.1f), client %.1f µs (user %.1f, system %.1f); "
                 + "at these costs %d processor(s) carry at most %.0f req/s",
                 serverPer, server.user / n, server.system / n, clientPer, client.user / n, client.system / n,
                 cores, Double(cores) * 1e6 / (serverPer + clientPer)))
}

/// Send timestamps, written by the writer thread before each send and read after all answers.
struct Stamps: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<UInt64>
}

/// Sends requests `ids` back to back, stamping each.
func sendAll(_ server: Server, cases: [[UInt8]], ids: Range<Int>, explain: Bool, stamps: Stamps) {
    for id in ids {
        let line = request(cases[id % cases.count], id: id, explain: explain)
        stamps.slots[id] = now()
        server.send(line)
    }
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return Double(sorted[max(0, index)]) / 1_000
}

func report(_ label: String, count: Int, wall: UInt64, latencies: [UInt64], errors: Int) {
    let sorted = latencies.sorted()
    let rps = Double(count) / (Double(wall) / 1e9)
    print(String(format: "%@  %8d requests  %9.0f req/s  p50 %8.1f µs  p99 %8.1f µs  max %9.1f µs  errors %d",
                 label, count, rps, percentile(sorted, 0.50), percentile(sorted, 0.99),
                 Double(sorted.last ?? 0) / 1_000, errors))
}

/// The null server of `--ceiling`: answers each line of standard input with the response in
/// `file` (a whole response line whose id is `0`), the id replaced by the line's own (its last
/// `"id":` member's digits). Reads and writes like `mda serve`: 1 MiB output pipe, one write per
/// response.
func nullServer(_ file: String) -> Never {
    guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
    let prefix = Array(#"{"jsonrpc":"2.0","id":0,"#.utf8)
    let bytes = [UInt8](data)
    guard bytes.starts(with: prefix), bytes.last == 0x0A else { fail("\(file) is not a response line with id 0") }
    let tail = Array(bytes[prefix.count...])
    _ = fcntl(1, 1031, Int32(1 << 20))  // F_SETPIPE_SZ, as mda serve does
    let marker = Array(#""id":"#.utf8)
    var pending: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var out: [UInt8] = []
    out.reserveCapacity(tail.count + 64)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { exit(0) }
        pending += chunk[..<n]
        var start = 0
        while let end = pending[start...].firstIndex(of: 0x0A) {
            var at = end - marker.count
            while at >= start && !pending[at..<(at + marker.count)].elementsEqual(marker) { at -= 1 }
            let id = at >= start ? leadingNumber(pending[(at + marker.count)..<end]) ?? 0 : 0
            out.removeAll(keepingCapacity: true)
            out += #"{"jsonrpc":"2.0","id":\#(id),"#.utf8
            out += tail
            if !writeAll(1, out) { exit(1) }
            start = end + 1
        }
        pending.removeFirst(start)
    }
}

/// Asks `mda serve` for one response to `caseBytes` (id 0) and saves it for the null server.
func captureResponse(mda: String, caseBytes: [UInt8], explain: Bool) -> String {
    let server = try! Server(executable: mda, arguments: ["serve", "--workers", "1"], capacity: 1)
    server.capture = true
    server.send(request(caseBytes, id: 0, explain: explain))
    server.waitFor(1)
    let line = server.captured
    _ = server.stop()
    guard isResult(line[...]) else { fail("mda serve did not answer the first case with a result") }
    let path = NSTemporaryDirectory() + "serve-bench-response-\(getpid()).json"
    guard FileManager.default.createFile(atPath: path, contents: Data(line + [0x0A])) else { fail("cannot write \(path)") }
    return path
}

if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--null-server" { nullServer(CommandLine.arguments[2]) }
let options = Options(Array(CommandLine.arguments.dropFirst()))
guard FileManager.default.isExecutableFile(atPath: options.mda) else { fail("no mda executable at \(options.mda) (use --mda)") }
let cases = loadCases(options.cases)
let total = options.sequential + options.pipelined
let executable: String, arguments: [String], responseFile: String?
if options.ceiling {
    responseFile = captureResponse(mda: options.mda, caseBytes: cases[0], explain: options.explain)
    executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    arguments = ["--null-server", responseFile!]
    print("serve-bench --ceiling: a null server answering with mda's \(try! FileManager.default.attributesOfItem(atPath: responseFile!)[.size]!)-byte response "
          + "to the first case, evaluating nothing; on \(ProcessInfo.processInfo.activeProcessorCount) processor(s)")
} else {
    responseFile = nil
    executable = options.mda
    arguments = ["serve"] + (options.workers.map { ["--workers", String($0)] } ?? [])
    print("serve-bench: \(cases.count) case(s), mean \(cases.map(\.count).reduce(0, +) / cases.count) bytes; "
          + "mda serve with \(options.workers.map(String.init) ?? "default") workers on \(ProcessInfo.processInfo.activeProcessorCount) processor(s)")
}

let server = try Server(executable: executable, arguments: arguments, capacity: total)
let sentAt = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: total)
let stamps = Stamps(slots: sentAt)

// Warm-up: one request of each case.
for (i, c) in cases.enumerated() { server.send(request(c, id: total + i, explain: options.explain)) }
server.waitFor(cases.count)
let warm = cases.count

// One request at a time.
var latencies: [UInt64] = []
latencies.reserveCapacity(options.sequential)
var start = now()
for id in 0..<options.sequential {
    let line = request(cases[id % cases.count], id: id, explain: options.explain)
    sentAt[id] = now()
    server.send(line)
    server.waitFor(warm + id + 1)
    latencies.append(server.received[id] &- sentAt[id])
}
var wall = now() - start
server.condition.lock(); let seqErrors = server.errors; server.condition.unlock()
report("sequential", count: options.sequential, wall: wall, latencies: latencies, errors: seqErrors)

// Pipelined: a writer sends everything while the reader collects; latency includes queueing.
let serverCPUBefore = server.cpu
let clientCPUBefore = clientCPU()
start = now()
let first = options.sequential
let writer = Thread { [cases, explain = options.explain] in
    sendAll(server, cases: cases, ids: first..<total, explain: explain, stamps: stamps)
}
writer.start()
server.waitFor(warm + total)
wall = now() - start
let serverCPUAfter = server.cpu
let clientCPUAfter = clientCPU()
latencies = (first..<total).map { server.received[$0] &- sentAt[$0] }
server.condition.lock(); let allErrors = server.errors; server.condition.unlock()
report("pipelined ", count: options.pipelined, wall: wall, latencies: latencies, errors: allErrors - seqErrors)
let serverCPU = serverCPUBefore.flatMap { b in serverCPUAfter.map { a in (user: a.user - b.user, system: a.system - b.system) } }
reportCPU(count: options.pipelined, server: serverCPU,
          client: (clientCPUAfter.user - clientCPUBefore.user, clientCPUAfter.system - clientCPUBefore.system),
          cores: ProcessInfo.processInfo.activeProcessorCount)
let rss = server.peakRSS
let status = server.stop()
if let responseFile { try? FileManager.default.removeItem(atPath: responseFile) }
print("peak RSS of \(options.ceiling ? "the null server" : "mda serve") (VmHWM): \(rss.map { "\($0 / 1024) MiB" } ?? "n/a"); exit status \(status)")
