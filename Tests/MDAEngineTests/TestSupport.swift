import Foundation
@testable import MDAEngine

/// Paths and helpers shared by the engine tests.
enum TestSupport {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled engine, loaded once.
    static let engine: Engine = try! Engine.bundled()

    /// The files of the real rules directory.
    static func ruleFiles() -> [(name: String, bytes: [UInt8])] {
        let dir = root.appendingPathComponent("rules")
        let names = try! FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".rules") }.sorted()
        return names.map { ($0, [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent($0).path)!)) }
    }

    /// A minimal valid case as JSON text, with extra top-level members spliced in.
    static func caseJSON(_ extra: String = "", members: String = #"[{"id":"a","age":30},{"id":"b","age":5}]"#) -> String {
        #"{"schema":"mda-case/1","caseId":"t-1","referenceDate":"2025-06-30","members":\#(members)\#(extra.isEmpty ? "" : "," + extra)}"#
    }

    /// The case of the example `name` in Fixtures/examples, nil when it does not decode.
    static func example(_ name: String) -> CaseFile? {
        let url = root.appendingPathComponent("Fixtures/examples/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path),
              case .success(let f) = CaseDecoder.decode(bytes: [UInt8](data)) else { return nil }
        return f
    }

    /// Decodes a case, failing the test on input errors.
    static func decode(_ json: String) -> CaseFile? {
        if case .success(let f) = CaseDecoder.decode(bytes: Array(json.utf8)) { return f }
        return nil
    }

    /// The input errors of a case as (path, code) pairs.
    static func errors(_ json: String) -> Set<String> {
        if case .failure(let e) = CaseDecoder.decode(bytes: Array(json.utf8)) {
            return Set(e.errors.map { "\($0.path) \($0.code.rawValue)" })
        }
        return []
    }
}
