import Dispatch
import Foundation

/// The newline-delimited JSON-RPC loop of `mda serve`: reads request lines from a descriptor,
/// has a pool of workers answer them with a ``Service``, and writes one response line each.
///
/// - Reading uses `read(2)` in chunks; lines are split by ``LineSplitter`` under the line limit.
///   Reading pauses while the work queue is full, so memory stays bounded by roughly
///   `(workers + queueCapacity + 1) × maxLineBytes` plus the responses being written.
/// - Responses are written whole, in the order they are finished (not necessarily the order of
///   the requests; each carries its request's id). While more requests are queued, a finished
///   response may be held to go out with the next ones in one write (``OutputChannel``); it is
///   written at the latest when the queue runs empty, a worker goes idle, or, when every worker
///   is busy with a slow request, about 2 ms later by the reading thread.
/// - End of input, SIGTERM/SIGINT, a `shutdown` request or a closed output stop the reading;
///   every line already read is still answered before ``run()`` returns.
public final class StdioServer: @unchecked Sendable {
    private let configuration: ServerConfiguration
    private let log: @Sendable (String) -> Void
    private let output: OutputChannel
    private let stopLock = NSLock()
    private var stopReason: ServerExit?
    private var wakeFDs: [Int32] = [-1, -1]
    private let counters = Counters()
    private var signalSources: [DispatchSourceSignal] = []

    /// Creates a server.
    ///
    /// - Parameters:
    ///   - configuration: Descriptors, limits and workers.
    ///   - log: Receives log lines (start, stop, counts); never case data.
    public init(configuration: ServerConfiguration = ServerConfiguration(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
        self.output = OutputChannel(fd: configuration.outputFD)
    }

    /// Asks the server to stop reading; lines already read are still answered. Thread-safe;
    /// the first reason given wins.
    ///
    /// - Parameter reason: Why the server stops.
    public func stop(_ reason: ServerExit) {
        stopLock.lock()
        let first = stopReason == nil
        if first { stopReason = reason }
        let fd = wakeFDs[1]
        stopLock.unlock()
        if first && fd >= 0 {
            var byte: UInt8 = 1
            _ = write(fd, &byte, 1)
        }
    }

    /// Installs the signal handling when ``ServerConfiguration/handleSignals`` is set: SIGPIPE
    /// is ignored, and SIGTERM and SIGINT stop the server gracefully (through `DispatchSource`
    /// signal sources). Call it as early as possible, for example before loading the rules, so a
    /// signal during start-up also ends in a clean exit; ``run(_:)`` calls it if needed.
    public func installSignalHandlers() {
        stopLock.lock()
        defer { stopLock.unlock() }
        guard configuration.handleSignals, signalSources.isEmpty else { return }
        signal(SIGPIPE, SIG_IGN)
        // A parent may have started us with these signals blocked; signal sources need them deliverable.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTERM)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.stop(.signal(sig)) }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Serves until the input ends or the server is stopped, then waits for every request
    /// already read to be answered.
    ///
    /// - Parameter service: The protocol handler that answers each line.
    /// - Returns: Why the server stopped; ``ServerExit/exitCode`` is the process exit code.
    public func run(_ service: Service) -> ServerExit {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .readFailed(errno) }
        stopLock.lock()
        wakeFDs = fds
        let stoppedEarly = stopReason != nil
        stopLock.unlock()
        if stoppedEarly { var b: UInt8 = 1; _ = write(fds[1], &b, 1) }
        defer {
            stopLock.lock()
            wakeFDs = [-1, -1]
            stopLock.unlock()
            close(fds[0])
            close(fds[1])
        }

        installSignalHandlers()

        Self.widenPipe(configuration.outputFD)
        let queue = WorkQueue(workers: configuration.workers, capacity: configuration.queueCapacity,
                              onIdle: { [self] in flushHeld() })
        var splitter = LineSplitter(maxLineBytes: configuration.maxLineBytes)
        var chunk = [UInt8](repeating: 0, count: configuration.chunkBytes)
        let limit = configuration.maxLineBytes
        var ended: ServerExit?

        let dispatch: (LineSplitter.Event) -> Void = { [self] event in
            switch event {
            case .line(let line):
                counters.add(lines: 1)
                queue.submit({ [self] in answer(line, service, queue) }, whileWaiting: { [self] in flushHeld() },
                             period: Self.holdMilliseconds * 1_000_000)
            case .tooLong:
                counters.add(lines: 1, tooLong: 1)
                if !output.writeLine(Service.lineTooLong(limit: limit)) { stop(.outputClosed) }
            }
        }

        reading: while true {
            var pfds = [pollfd(fd: configuration.inputFD, events: Int16(POLLIN), revents: 0),
                        pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)]
            // While requests are in progress a response may be held: wake up to write it if
            // nothing else does (every worker busy with a slow request).
            let timeout = output.holdsLines || queue.isBusy ? Int32(Self.holdMilliseconds) : -1
            let ready = poll(&pfds, 2, timeout)
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                ended = .readFailed(errno)
                break
            }
            if ready == 0 {
                flushHeld()
                continue
            }
            if pfds[1].revents != 0 { break }
            guard pfds[0].revents != 0 else { continue }
            let n = chunk.withUnsafeMutableBytes { read(configuration.inputFD, $0.baseAddress, $0.count) }
            if n > 0 {
                chunk.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[..<n]), dispatch) }
            } else if n == 0 {
                splitter.finish(dispatch)
                ended = .endOfInput
                break
            } else if errno == EINTR || errno == EAGAIN {
                continue
            } else {
                ended = .readFailed(errno)
                break reading
            }
        }
        if splitter.pendingBytes > 0 {
            log("an unfinished line of \(splitter.pendingBytes) bytes was not read to its end and is not answered")
        }
        queue.closeAndWait()
        flushHeld()

        stopLock.lock()
        let reason = stopReason ?? ended ?? .endOfInput
        stopLock.unlock()
        let (lines, tooLong) = counters.values
        log("stopped (\(reason.description)): \(lines) line(s) read, \(tooLong) too long, \(output.linesWritten) response line(s) written")
        return output.isBroken && reason != .outputClosed && reason.exitCode == 0 ? .outputClosed : reason
    }

    /// Writes the responses held, if any; stops the server when the output is closed.
    private func flushHeld() {
        if !output.flush() { stop(.outputClosed) }
    }

    /// Asks for a 1 MiB pipe buffer (Linux `F_SETPIPE_SZ`; the unprivileged maximum by default)
    /// when `fd` is a pipe; anything else, or a refusal, leaves it as it is.
    ///
    /// A decision with its trace is about 40 KB, so the default 64 KiB pipe holds one or two:
    /// the worker writing then waits for the client to read, and the responses finished
    /// meanwhile pile up behind it. With room for some twenty responses (four of the output's
    /// batches) the workers keep evaluating while the client catches up.
    static func widenPipe(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, which Glibc's Swift module does not export
        _ = fcntl(fd, setPipeSize, Int32(1 << 20))
    }

    /// The longest a held response waits when every worker is busy, in milliseconds.
    static let holdMilliseconds = 2

    /// A worker's job: answer one line and write the response, which may be held while more
    /// requests are queued (their workers write it with theirs).
    private func answer(_ line: [UInt8], _ service: Service, _ queue: WorkQueue) {
        let reply = service.handle(line)
        if let bytes = reply.line, !output.writeLine(bytes, mayHold: queue.queued > 0) { stop(.outputClosed) }
        if reply.shutdown { stop(.shutdown) }
    }

    /// Line counts for the closing log line.
    private final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var lines = 0
        private var tooLong = 0

        func add(lines: Int, tooLong: Int = 0) {
            lock.lock()
            self.lines += lines
            self.tooLong += tooLong
            lock.unlock()
        }

        var values: (Int, Int) {
            lock.lock()
            defer { lock.unlock() }
            return (lines, tooLong)
        }
    }
}
