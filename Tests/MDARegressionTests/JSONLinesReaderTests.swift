import Foundation
import Testing
@testable import MDARegression

/// The streaming reader must split exactly as reading the file whole does, whatever the chunk
/// and batch sizes.
@Suite struct JSONLinesReaderTests {
    static let texts: [String] = [
        "",
        "\n",
        "{\"a\":1}",
        "{\"a\":1}\n",
        "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}",
        "\t \n\n{\"x\":\"ü€\"}\r\n{}\r\n   {}   \n\n\n",
        "\r\n\r\n{}\r",
        String(repeating: "{\"long\":\"" + String(repeating: "y", count: 300) + "\"}\n", count: 7) + "{}",
    ]

    func write(_ text: String) throws -> String {
        let path = try Support.temporaryFolder() + "/c.jsonl"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func described(_ sources: [CaseSource]) -> [String] {
        sources.map { "\($0.location) \(String(decoding: $0.bytes, as: UTF8.self))" }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func splitsLikeReadingWhole(chunk: Int) throws {
        for (n, text) in Self.texts.enumerated() {
            let path = try write(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let expected = described(CaseSource.lines(of: Array(text.utf8), file: path))
            for batch in [1, 2, 5, 1000] {
                let reader = try JSONLinesReader(path: path, chunkSize: chunk)
                var got: [CaseSource] = []
                while let lines = try reader.next(maxCount: batch) {
                    #expect(!lines.isEmpty && lines.count <= batch, "text \(n): batch of \(lines.count)")
                    got += lines
                }
                #expect(try reader.next(maxCount: batch) == nil, "text \(n): the end stays the end")
                #expect(described(got) == expected, "text \(n), chunk \(chunk), batch \(batch)")
            }
        }
    }

    @Test func missingFileAndFolderAreErrorValues() throws {
        #expect(throws: InputFileError(code: .noSuchFile, path: "/nonexistent/c.jsonl", message: "no such file")) {
            try JSONLinesReader(path: "/nonexistent/c.jsonl")
        }
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: InputFileError(code: .unreadable, path: folder, message: "it is a folder")) {
            try JSONLinesReader(path: folder)
        }
    }

    @Test func batchesKeepInputOrderAcrossFiles() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        fm.createFile(atPath: root + "/a.jsonl", contents: Data((1...5).map { "{\"n\":\($0)}" }.joined(separator: "\n").utf8))
        fm.createFile(atPath: root + "/b.json", contents: Data("{}".utf8))
        fm.createFile(atPath: root + "/c.jsonl", contents: Data("{}\n\n{}\n".utf8))
        let whole = try InputFiles.sources([root]).map(\.location)
        for size in [1, 2, 3, 100] {
            var got: [String] = []
            var sizes: [Int] = []
            try InputFiles.forEachBatch([root], maxCount: size) { batch in
                sizes.append(batch.count)
                got += batch.map(\.location)
            }
            #expect(got == whole, "batch size \(size)")
            #expect(sizes.dropLast().allSatisfy { $0 == size } && sizes.last! <= size, "\(sizes)")
        }
    }
}
