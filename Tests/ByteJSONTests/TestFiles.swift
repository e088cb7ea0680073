import Foundation

/// Locations of the shared test corpora, found relative to this source file.
enum TestFiles {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The package root.
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()

    /// The JSONTestSuite parsing corpus: the workspace's shared copy (`../shared`) when present,
    /// otherwise the copy checked in beside these tests (identical; MIT licence in that folder).
    static let suite: URL = {
        let shared = root.appendingPathComponent("../shared/json-test-suite/test_parsing").standardizedFileURL
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return here.appendingPathComponent("JSONTestSuite/test_parsing")
    }()

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
        // The peer benchmark's sample cases, checked in as Fixtures/examples/synthetic-*.json.
        [UInt8](try Data(contentsOf: root.appendingPathComponent("Fixtures/examples/synthetic-" + name)))
    }
}
