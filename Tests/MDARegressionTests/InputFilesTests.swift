import Foundation
import Testing
@testable import MDARegression

@Suite struct InputFilesTests {
    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "mda-input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func jsonLinesSplitsAndNumbersLines() {
        let text = "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}"
        let sources = CaseSource.lines(of: Array(text.utf8), file: "x.jsonl")
        #expect(sources.map(\.line) == [1, 4, 5])
        #expect(sources.map(\.location) == ["x.jsonl:1", "x.jsonl:4", "x.jsonl:5"])
        #expect(String(decoding: sources[0].bytes, as: UTF8.self) == "{\"a\":1}")
        #expect(String(decoding: sources[2].bytes, as: UTF8.self) == "{\"c\":3}")
    }

    @Test func foldersAreWalkedRecursivelyInSortedOrder() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/.hidden", withIntermediateDirectories: true)
        for name in ["c.json", "a.json", "b/z.jsonl", "b/a.json", "notes.txt", ".hidden/x.json"] {
            fm.createFile(atPath: root + "/" + name, contents: Data("{}\n{}\n".utf8))
        }
        let files = try InputFiles.expand([root])
        #expect(files == [root + "/a.json", root + "/b/a.json", root + "/b/z.jsonl", root + "/c.json"])
        let sources = try InputFiles.sources([root])
        #expect(sources.map(\.location) == [root + "/a.json", root + "/b/a.json", root + "/b/z.jsonl:1", root + "/b/z.jsonl:2", root + "/c.json"])
    }

    @Test func missingPathIsAnErrorValue() {
        #expect(throws: InputFileError(code: .noSuchFile, path: "/nonexistent/x", message: "no such file or folder")) {
            try InputFiles.expand(["/nonexistent/x"])
        }
    }
}
