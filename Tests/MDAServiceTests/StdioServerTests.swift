import Foundation
import Testing
@testable import MDAService

@Suite struct StdioServerTests {
    /// `F_GETPIPE_SZ`, which Glibc's Swift module does not export.
    static let getPipeSize: Int32 = 1032

    @Test("the response pipe is widened to 1 MiB where the system allows it")
    func widensPipes() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let before = fcntl(fds[1], Self.getPipeSize)
        StdioServer.widenPipe(fds[1])
        let after = fcntl(fds[1], Self.getPipeSize)
        let allowed = (try? String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        if allowed >= 1 << 20 {
            #expect(after == 1 << 20)
        } else {
            #expect(after == before)
        }
        #expect(after >= before)
    }

    @Test("a descriptor that is not a pipe is left as it is")
    func leavesFilesAlone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mda-widen-\(getpid()).txt").path
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { close(fd); unlink(path) }
        let flags = fcntl(fd, F_GETFL)
        StdioServer.widenPipe(fd)
        #expect(fcntl(fd, F_GETFL) == flags)
        #expect(write(fd, "x", 1) == 1)
    }
}
