import Foundation
import MDACLI

/// An ``IO`` that collects standard output and standard error for assertions.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outBytes: [UInt8] = []
    private var errText = ""

    var io: IO {
        IO(writeBytes: { [self] b in lock.withLock { outBytes += b } },
           writeError: { [self] t in lock.withLock { errText += t } },
           readInput: { [] })
    }

    var out: String { lock.withLock { String(decoding: outBytes, as: UTF8.self) } }
    var err: String { lock.withLock { errText } }

    /// Runs `mda ARGS` and returns the exit code and captured output.
    static func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = CommandLineTool.run(args, io: c.io)
        return (code, c.out, c.err)
    }

    /// The package root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "mda-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A copy of `rules/` with `parameter NAME = …` set to `value`.
    static func rulesWith(_ name: String, _ value: String) throws -> String {
        let dir = try temporaryFolder() + "/rules"
        try FileManager.default.copyItem(atPath: root + "/rules", toPath: dir)
        let file = dir + "/10-parameters.rules"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("parameter \(name) = ") ? "parameter \(name) = \(value)" : String(line)
        }
        text = lines.joined(separator: "\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return dir
    }
}
