import Foundation
import Testing
@testable import MDAService

/// Whole lines through a pipe, including lines far larger than the pipe's buffer. The write end
/// is non-blocking, so the kernel takes such a line in several short writes with `EAGAIN`
/// between them, and the channel must resume each where the last one stopped.
@Suite struct OutputChannelTests {
    /// Writes `lines` from `writers` threads at once and returns everything the pipe carried.
    func carried(_ lines: [[UInt8]], writers: Int) throws -> [UInt8] {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        let channel = OutputChannel(fd: fds[1])
        let received = Received()
        let readEnd = fds[0]
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received.append(chunk[..<n])
            }
            received.finish()
        }
        reader.start()
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for (k, line) in lines.enumerated() where k % writers == w { #expect(channel.writeLine(line)) }
        }
        close(fds[1])
        let bytes = received.wait()
        close(fds[0])
        #expect(channel.linesWritten == lines.count)
        return bytes
    }

    @Test func aLineLargerThanThePipeBufferArrivesWholeWithItsNewline() throws {
        let line = (0..<1_000_000).map { UInt8(0x61 + $0 % 26) }
        #expect(try carried([line], writers: 1) == line + [0x0A])
    }

    @Test func concurrentLinesNeverInterleave() throws {
        let lines = (0..<40).map { k in [UInt8](repeating: UInt8(0x41 + k % 26), count: 70_000 + k * 997) }
        let bytes = try carried(lines, writers: 4)
        let split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(split.count == lines.count + 1 && split.last?.isEmpty == true)
        // Each line is one repeated letter of its own length: a mixed line would show.
        let got = split.dropLast().map { Array($0) }.sorted { $0.count < $1.count }
        #expect(got == lines.sorted { $0.count < $1.count })
    }

    @Test func aClosedReaderMakesWritesFailAndStaysBroken() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        signal(SIGPIPE, SIG_IGN)
        close(fds[0])
        let channel = OutputChannel(fd: fds[1])
        #expect(!channel.writeLine(Array("x".utf8)))
        #expect(channel.isBroken)
        #expect(!channel.writeLine(Array("y".utf8)))
        #expect(channel.linesWritten == 0)
        close(fds[1])
    }

    /// What the read end of a non-blocking pipe holds right now.
    func available(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return out }
            out += chunk[..<n]
        }
    }

    /// A pipe whose read end does not block, and a channel writing into it.
    func heldPipe(batchBytes: Int = 1 << 20) throws -> (channel: OutputChannel, readEnd: Int32, writeEnd: Int32) {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        return (OutputChannel(fd: fds[1], batchBytes: batchBytes), fds[0], fds[1])
    }

    @Test func heldLinesWaitForTheNextLineThatIsNotHeldAndKeepTheirOrder() throws {
        let (channel, readEnd, writeEnd) = try heldPipe()
        defer { close(readEnd); close(writeEnd) }
        #expect(channel.writeLine(Array("a".utf8), mayHold: true))
        #expect(channel.writeLine(Array("b".utf8), mayHold: true))
        #expect(available(readEnd).isEmpty)
        #expect(channel.holdsLines)
        #expect(channel.linesWritten == 0)
        #expect(channel.writeLine(Array("c".utf8)))
        #expect(available(readEnd) == Array("a\nb\nc\n".utf8))
        #expect(!channel.holdsLines)
        #expect(channel.linesWritten == 3)
    }

    @Test func heldLinesGoOutOnFlushOrOnceABatchIsPending() throws {
        // A batch of 12 bytes: two 5-byte lines with their newlines.
        let (channel, readEnd, writeEnd) = try heldPipe(batchBytes: 12)
        defer { close(readEnd); close(writeEnd) }
        #expect(channel.writeLine(Array("12345".utf8), mayHold: true))
        #expect(available(readEnd).isEmpty)
        #expect(channel.writeLine(Array("67890".utf8), mayHold: true))
        #expect(available(readEnd) == Array("12345\n67890\n".utf8))
        #expect(channel.writeLine(Array("x".utf8), mayHold: true))
        #expect(channel.holdsLines)
        #expect(channel.flush())
        #expect(available(readEnd) == Array("x\n".utf8))
        #expect(!channel.holdsLines)
        // Nothing held: a flush writes nothing and succeeds.
        #expect(channel.flush())
        #expect(available(readEnd).isEmpty)
        #expect(channel.linesWritten == 3)
    }

    @Test func aHeldLineToAClosedReaderFailsTheFlushThatWritesIt() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        signal(SIGPIPE, SIG_IGN)
        close(fds[0])
        let channel = OutputChannel(fd: fds[1])
        #expect(channel.writeLine(Array("held".utf8), mayHold: true), "held, not yet written")
        #expect(!channel.isBroken)
        #expect(!channel.flush())
        #expect(channel.isBroken)
        #expect(!channel.holdsLines, "the held line is dropped")
        #expect(!channel.writeLine(Array("later".utf8), mayHold: true))
        #expect(channel.linesWritten == 0)
        close(fds[1])
    }

    /// Bytes collected by the reading thread.
    final class Received: @unchecked Sendable {
        private let condition = NSCondition()
        private var bytes: [UInt8] = []
        private var done = false

        func append(_ chunk: ArraySlice<UInt8>) {
            condition.lock(); bytes.append(contentsOf: chunk); condition.unlock()
        }

        func finish() {
            condition.lock(); done = true; condition.broadcast(); condition.unlock()
        }

        func wait() -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            while !done { condition.wait() }
            return bytes
        }
    }
}
