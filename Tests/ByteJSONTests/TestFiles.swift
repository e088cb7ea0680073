import Foundation

/// Locations of the shared test corpora, found relative to this source file.
enum TestFiles {
    /// `/work/shared` (three levels above `Tests/ByteJSONTests/`).
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../../shared")
        .standardizedFileURL

    /// The JSONTestSuite parsing corpus.
    static let suite = shared.appendingPathComponent("json-test-suite/test_parsing")

    /// The names of the corpus files starting with `prefix`, sorted.
    static func suiteFiles(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    /// The bytes of a corpus file.
    static func suiteBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: suite.appendingPathComponent(name)))
    }

    /// The bytes of a sample case (`typical.json`, `large.json`).
    static func caseBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: shared.appendingPathComponent("peers/cases").appendingPathComponent(name)))
    }
}
