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
        // The line and its newline go out in one writev(2): no copy of the line to append it.
        let ok = bytes.withUnsafeBytes { writeAll($0) }
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

    /// Writes every byte of `buffer`, then a newline, retrying on interruption and short writes.
    private func writeAll(_ buffer: UnsafeRawBufferPointer) -> Bool {
        var lf: UInt8 = 0x0A
        return withUnsafeMutablePointer(to: &lf) { lfPointer in
            var parts = [iovec(iov_base: UnsafeMutableRawPointer(mutating: buffer.baseAddress), iov_len: buffer.count),
                         iovec(iov_base: UnsafeMutableRawPointer(lfPointer), iov_len: 1)]
            var first = 0
            while first < parts.count {
                if parts[first].iov_len == 0 { first += 1; continue }
                let n = parts.withUnsafeMutableBufferPointer { writev(fd, $0.baseAddress! + first, Int32($0.count - first)) }
                if n > 0 {
                    // Drop what was written from the front of the remaining parts.
                    var left = n
                    while left > 0 && first < parts.count {
                        let take = Swift.min(left, parts[first].iov_len)
                        parts[first].iov_base = parts[first].iov_base.map { $0 + take }
                        parts[first].iov_len -= take
                        left -= take
                        if parts[first].iov_len == 0 { first += 1 }
                    }
                } else if errno == EINTR || errno == EAGAIN {
                    if errno == EAGAIN { var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0); _ = poll(&pfd, 1, 100) }
                } else {
                    return false
                }
            }
            return true
        }
    }
}
