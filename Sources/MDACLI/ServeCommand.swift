import Foundation
import MDAEngine
import MDAService

/// `mda serve [--rules DIR] [--max-line-bytes N] [--workers N]`: the JSON-RPC 2.0 service over
/// standard input and output (see docs/protocol.md).
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve JSON-RPC 2.0 over standard input/output (one message per line)"
    static let usage = "mda serve [--rules DIR] [--max-line-bytes N] [--workers N]"
    static let details = """
        Reads newline-delimited JSON-RPC 2.0 requests (and batches) from standard input and
        writes one response line per request to standard output, evaluating requests in
        parallel. Methods: evaluate, ruleset.info, ruleset.reload, health, shutdown. Standard
        error carries log lines only, never case data. See docs/protocol.md.

        Options:
          --rules DIR           rules directory, re-read by ruleset.reload (default: the bundled rules)
          --max-line-bytes N    longest request line accepted (default 8388608 = 8 MiB)
          --workers N           worker threads (default: one per active processor)
          --test-methods        enable test.sleep and test.internalError (testing only)

        Stops on end of input, SIGTERM, SIGINT or a shutdown request, after answering every
        request already read.

        Exit codes: 0 stopped normally; 1 standard output was closed; 3 the ruleset could not
        be loaded at start; 64 usage; 70 reading standard input failed.
        """

    static func run(_ args: inout Arguments, _ io: IO) throws(CLIError) -> Int32 {
        let dir = try args.option("--rules")
        let maxLine = try positiveInteger(&args, "--max-line-bytes") ?? ServerConfiguration.defaultMaxLineBytes
        let workers = try positiveInteger(&args, "--workers")
        let testMethods = args.flag("--test-methods")
        let rest = try args.positionals()
        guard rest.isEmpty else { throw .usage("unexpected argument; serve reads requests from standard input") }

        keepFreedMemory()
        let log: @Sendable (String) -> Void = { line in logToStandardError("mda serve: " + line + "\n") }
        let configuration = ServerConfiguration(maxLineBytes: maxLine, workers: workers)
        let server = StdioServer(configuration: configuration, log: log)
        server.installSignalHandlers()
        let source: RulesetSource = dir.map { .directory(URL(fileURLWithPath: $0)) } ?? .bundled
        let service: Service
        do {
            service = try Service(source: source, testMethods: testMethods, engines: configuration.workers, log: log)
        } catch {
            throw .ruleset(error)
        }
        let rs = service.engine.ruleset
        log("ready: rules \(rs.name) \(rs.version) sha256 \(rs.sha256), \(configuration.workers) worker(s), "
            + "max line \(configuration.maxLineBytes) bytes")
        return server.run(service).exitCode
    }

    /// Tells glibc's allocator to keep up to 16 MiB of freed memory at the top of each heap.
    ///
    /// By default every request's buffers, freed at its end, are handed back to the kernel
    /// (`madvise`) and faulted in again by the next request: a system call and page faults per
    /// request. Memory stays bounded by the peak of the requests served at once, not by their number.
    private static func keepFreedMemory() {
        #if os(Linux)
        _ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, 16 << 20)
        #endif
    }

    /// Reads a whole-number option that must be at least 1.
    private static func positiveInteger(_ args: inout Arguments, _ name: String) throws(CLIError) -> Int? {
        guard let text = try args.option(name) else { return nil }
        guard let n = Int(text), n >= 1 else { throw .usage("\(name) needs a whole number of at least 1") }
        return n
    }

    /// Writes to standard error with `write(2)`, ignoring failures (a closed stderr must not stop the service).
    private static func logToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` from `<malloc.h>`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
