import ByteJSON
import Foundation
import MDAEngine
@testable import MDARegression

/// Paths and helpers shared by the regression tests.
enum Support {
    /// The package root (three levels above this file).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let engine: Engine = try! Engine(ruleset: Ruleset.load(directory: URL(fileURLWithPath: root + "/rules")))

    static func fixtureSource(_ text: String, location: String = "t.json") -> CaseSource {
        CaseSource(file: location, line: nil, bytes: Array(text.utf8)[...])
    }

    /// A fixture file from Fixtures/cases by number prefix.
    static func fixture(_ number: String) throws -> Fixture {
        let dir = root + "/Fixtures/cases"
        let name = try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix(number + "-") }!
        let sources = try InputFiles.sources([dir + "/" + name])
        return try Fixture.parse(sources[0]).get()
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "mda-regr-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
