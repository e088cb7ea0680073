import Foundation

/// Writes whole response lines to a file descriptor, one at a time, so lines from concurrent
/// workers never interleave.
final class OutputChannel: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var broken = false
    private var lines = 0

    /// Creates a channel writing to `fd`.
    init(fd: Int32) { self.fd = fd }

    /// Writes `bytes` and a newline as one unit.
    ///
    /// - Returns: `false` when the descriptor can no longer be written (for example the reader
    ///   closed the pipe); later writes are skipped.
    @discardableResult
    func writeLine(_ bytes: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !broken else { return false }
        var line = bytes
        line.append(0x0A)  // one write per response
        let ok = line.withUnsafeBytes { writeAll($0) }
        if ok { lines += 1 } else { broken = true }
        return ok
    }

    /// How many lines were written.
    var linesWritten: Int {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    /// Whether a write failed.
    var isBroken: Bool {
        lock.lock()
        defer { lock.unlock() }
        return broken
    }

    /// Writes every byte, retrying on interruption and short writes.
    private func writeAll(_ buffer: UnsafeRawBufferPointer) -> Bool {
        guard var p = buffer.baseAddress else { return true }
        var left = buffer.count
        while left > 0 {
            let n = write(fd, p, left)
            if n > 0 {
                p += n
                left -= n
            } else if n < 0 && (errno == EINTR || errno == EAGAIN) {
                if errno == EAGAIN { var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0); _ = poll(&pfd, 1, 100) }
                continue
            } else {
                return false
            }
        }
        return true
    }
}
