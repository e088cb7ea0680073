import Foundation

/// Writes whole response lines to a file descriptor from any number of threads, so lines never
/// interleave, and writes lines that finish close together in one system call.
///
/// Lines go out in the order ``writeLine(_:mayHold:)`` is called. The lock guards only the list
/// of pending lines, never a write: a thread that finds no write in progress becomes the writer
/// and writes everything pending, each turn in one `writev(2)`, until nothing is left; a thread
/// that finds a write in progress queues its line and returns at once. So workers never wait
/// behind each other's writes.
///
/// A caller that knows more lines will follow soon (the server: more requests are queued) may
/// let the channel *hold* its line: it is written with the next line that is not held, once
/// ``batchBytes`` are pending, or by ``flush()``. Each write wakes the reading process, and on a
/// virtual machine every wake-up and system call is expensive: answering a pipelined stream in
/// batches of a few hundred kilobytes roughly halves the context switches of `mda serve`. A
/// caller that holds a line must make sure ``flush()`` follows (see ``StdioServer``).
///
/// A caller waits only while more than ``pendingLimit`` bytes are queued behind a write in
/// progress, which bounds memory when the reader of the descriptor is slower than the workers.
final class OutputChannel: @unchecked Sendable {
    private let fd: Int32
    private let condition = NSCondition()
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    private var writing = false
    private var broken = false
    private var lines = 0
    /// Pending bytes at which a held line is written anyway.
    let batchBytes: Int
    /// Bytes queued behind a write in progress beyond which ``writeLine(_:mayHold:)`` waits.
    let pendingLimit: Int

    /// The most lines one `writev(2)` carries (two buffers each, within Linux's `IOV_MAX` of 1024).
    private static let linesPerWrite = 256

    /// Creates a channel writing to `fd`.
    ///
    /// - Parameters:
    ///   - fd: The descriptor.
    ///   - batchBytes: Pending bytes at which held lines are written (default 256 KiB, six
    ///     typical decisions with their traces; a quarter of the 1 MiB pipe the server asks for).
    ///   - pendingLimit: Queued bytes beyond which callers wait (default 8 MiB).
    init(fd: Int32, batchBytes: Int = 256 << 10, pendingLimit: Int = 8 << 20) {
        self.fd = fd
        self.batchBytes = max(1, batchBytes)
        self.pendingLimit = max(1, pendingLimit)
    }

    /// Writes `bytes` and a newline as one unit: now, or soon after when another thread is
    /// writing (that thread writes it before its own call returns), or later when held.
    ///
    /// - Parameters:
    ///   - bytes: The line, without its newline.
    ///   - mayHold: Whether the line may wait for more lines (see the type's description).
    /// - Returns: `false` when the descriptor can no longer be written (for example the reader
    ///   closed the pipe); the line is dropped, and so are all later lines. A held line reports
    ///   such a failure through the call that writes it.
    @discardableResult
    func writeLine(_ bytes: [UInt8], mayHold: Bool = false) -> Bool {
        condition.lock()
        while writing && pendingBytes >= pendingLimit && !broken { condition.wait() }
        guard !broken else { condition.unlock(); return false }
        pending.append(bytes)
        pendingBytes &+= bytes.count &+ 1
        if writing || (mayHold && pendingBytes < batchBytes) {
            condition.unlock()
            return true
        }
        return drainAndUnlock()
    }

    /// Writes the lines held, unless a write in progress is about to.
    ///
    /// - Returns: `false` when the descriptor can no longer be written.
    @discardableResult
    func flush() -> Bool {
        condition.lock()
        guard !broken else { condition.unlock(); return false }
        if writing || pending.isEmpty {
            condition.unlock()
            return true
        }
        return drainAndUnlock()
    }

    /// Whether lines are held: pending with no write in progress, so they wait for a ``flush()``.
    var holdsLines: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !writing && !pending.isEmpty
    }

    /// How many lines were written.
    var linesWritten: Int {
        condition.lock()
        defer { condition.unlock() }
        return lines
    }

    /// Whether a write failed.
    var isBroken: Bool {
        condition.lock()
        defer { condition.unlock() }
        return broken
    }

    /// With the lock held and no write in progress: writes everything pending, including lines
    /// queued meanwhile, then unlocks.
    private func drainAndUnlock() -> Bool {
        writing = true
        var ok = true
        while !pending.isEmpty && ok {
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
            // Callers waiting for room may queue again.
            condition.broadcast()
            condition.unlock()
            ok = writeAll(batch)
            condition.lock()
            if ok { lines &+= batch.count } else { broken = true }
        }
        if !ok {
            pending.removeAll()
            pendingBytes = 0
        }
        writing = false
        condition.broadcast()
        condition.unlock()
        return ok
    }

    /// Writes every line of `batch`, each followed by a newline, retrying on interruption and
    /// short writes.
    private func writeAll(_ batch: [[UInt8]]) -> Bool {
        var lf: UInt8 = 0x0A
        return withUnsafeMutablePointer(to: &lf) { lfPointer in
            var parts: [iovec] = []
            parts.reserveCapacity(2 * Swift.min(batch.count, Self.linesPerWrite))
            var start = 0
            while start < batch.count {
                let end = Swift.min(batch.count, start + Self.linesPerWrite)
                parts.removeAll(keepingCapacity: true)
                // The batch holds each line, unchanged, while the buffers point into it.
                for k in start..<end {
                    batch[k].withUnsafeBytes { parts.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)) }
                    parts.append(iovec(iov_base: UnsafeMutableRawPointer(lfPointer), iov_len: 1))
                }
                guard write(&parts) else { return false }
                start = end
            }
            return true
        }
    }

    /// Writes all of `parts`, resuming after short writes and waiting out `EAGAIN`.
    private func write(_ parts: inout [iovec]) -> Bool {
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
