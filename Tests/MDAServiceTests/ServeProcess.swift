import Foundation

/// A running `mda serve` process with pipes on its standard streams, for integration tests.
///
/// Standard output and standard error are drained by background threads so the process never
/// blocks on a full pipe; ``nextLine(timeout:)`` hands out response lines as they arrive.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let condition = NSCondition()
    private var lines: [String] = []
    private var partial: [UInt8] = []
    private var outputEnded = false
    private var errorBytes: [UInt8] = []
    private var inputClosed = false

    /// The `mda` executable built next to the test bundle, or in the package's build folders.
    static let executable: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["MDA_SERVE_BINARY"] { candidates.append(URL(fileURLWithPath: path)) }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = arg0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("mda"))
            dir = dir.deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("mda"))
        }
        for scratch in [".build-serve", ".build"] {
            candidates.append(TestSupport.root.appendingPathComponent("\(scratch)/debug/mda"))
        }
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }()

    /// Starts `mda serve` with `arguments` (after `serve`).
    ///
    /// - Parameters:
    ///   - arguments: The arguments after `serve`.
    ///   - closedOutput: Whether to close the reading end of the process's standard output at
    ///     once, as a client that went away would.
    init(_ arguments: [String] = [], closedOutput: Bool = false) throws {
        signal(SIGPIPE, SIG_IGN)
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = executable
        process.arguments = ["serve"] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if closedOutput {
            try output.fileHandleForReading.close()
            outputEnded = true
        } else {
            drain(output.fileHandleForReading.fileDescriptor, isOutput: true)
        }
        drain(errors.fileHandleForReading.fileDescriptor, isOutput: false)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Reads a descriptor to its end on a background thread.
    private func drain(_ fd: Int32, isOutput: Bool) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                condition.lock()
                if n <= 0 {
                    if isOutput { outputEnded = true }
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                if isOutput {
                    for byte in buffer[..<n] {
                        if byte == 0x0A {
                            lines.append(String(decoding: partial, as: UTF8.self))
                            partial.removeAll(keepingCapacity: true)
                        } else {
                            partial.append(byte)
                        }
                    }
                } else {
                    errorBytes.append(contentsOf: buffer[..<n])
                }
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }

    /// Writes raw bytes to the process's standard input.
    @discardableResult
    func send(bytes: [UInt8]) -> Bool {
        let fd = input.fileHandleForWriting.fileDescriptor
        return bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return false }
            }
            return true
        }
    }

    /// Writes a line (a newline is added).
    @discardableResult
    func send(_ line: String) -> Bool { send(bytes: Array((line + "\n").utf8)) }

    /// Closes standard input (end of input for the server).
    func closeInput() {
        condition.lock()
        let already = inputClosed
        inputClosed = true
        condition.unlock()
        if !already { try? input.fileHandleForWriting.close() }
    }

    /// The next response line, waiting up to `timeout` seconds; nil on timeout or end of output.
    func nextLine(timeout: TimeInterval = 20) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while lines.isEmpty && !outputEnded {
            if !condition.wait(until: deadline) { break }
        }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    /// Waits until `count` lines have arrived (or the output ended) and returns them.
    func lines(_ count: Int, timeout: TimeInterval = 60) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while lines.count < count && !outputEnded {
            if !condition.wait(until: deadline) { break }
        }
        let n = min(count, lines.count)
        let taken = Array(lines.prefix(n))
        lines.removeFirst(n)
        return taken
    }

    /// Closes the input if needed, waits for the process to exit and returns every remaining
    /// output line and the exit status (nil when it did not exit within `timeout`).
    func finish(timeout: TimeInterval = 60) -> (lines: [String], status: Int32?) {
        closeInput()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        guard !process.isRunning else {
            process.terminate()
            return (lines(Int.max, timeout: 1), nil)
        }
        condition.lock()
        while !outputEnded { if !condition.wait(until: deadline) { break } }
        let rest = lines + (partial.isEmpty ? [] : [String(decoding: partial, as: UTF8.self) + "<<no newline>>"])
        lines = []
        condition.unlock()
        return (rest, process.terminationStatus)
    }

    /// Waits up to `timeout` seconds for the process to exit, without closing its input.
    ///
    /// - Returns: Whether it exited.
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return !process.isRunning
    }

    /// Waits up to `timeout` seconds until standard error contains `text`.
    ///
    /// - Returns: Whether it appeared.
    func waitForStandardError(containing text: String, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !standardError.contains(text) && Date() < deadline { usleep(5_000) }
        return standardError.contains(text)
    }

    /// Everything written to standard error so far.
    var standardError: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: errorBytes, as: UTF8.self)
    }

    /// Sends a signal to the process.
    func sendSignal(_ number: Int32) { kill(process.processIdentifier, number) }
}
