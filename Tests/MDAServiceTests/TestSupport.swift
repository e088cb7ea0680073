import ByteJSON
import Foundation
import MDAEngine
@testable import MDAService

/// Paths, sample requests and response helpers shared by the service tests.
enum TestSupport {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled ruleset, loaded once.
    static let ruleset: Ruleset = try! Ruleset.bundled()

    /// A service on the bundled rules with test methods enabled, with two engines (as for two
    /// workers), so that the concurrent tests run through its engine pool.
    static let service = Service(ruleset: ruleset, source: .bundled, testMethods: true, engines: 2)

    /// The `case` of every valid regression fixture (those not expecting input errors), as compact JSON text.
    static let fixtureCases: [String] = fixtures { _ in true }

    /// The valid fixtures without the `unknown-*` ones: sparse cases whose missing-fact analysis
    /// is slow in debug builds (up to seconds), which would dominate the soak's run time.
    static let quickFixtureCases: [String] = fixtures { !$0.contains("unknown") }

    /// The `case` of the valid fixtures whose file name passes `include`.
    static func fixtures(_ include: (String) -> Bool) -> [String] {
        let dir = root.appendingPathComponent("Fixtures/cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") && include($0) }.sorted()) ?? []
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                  let doc = try? JSONReader().read([UInt8](data)), let c = doc["case"], doc["expect"]?["errors"] == nil else { return nil }
            return compact(c)
        }
    }

    /// The peer benchmark's typical case, compact.
    static let typicalCase: String = {
        let data = FileManager.default.contents(atPath: root.appendingPathComponent("Fixtures/examples/synthetic-typical.json").path)
            ?? FileManager.default.contents(atPath: root.appendingPathComponent("Fixtures/cases").appendingPathComponent(
                (try! FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Fixtures/cases").path)).sorted()[0]).path)!
        let doc = try! JSONReader().read([UInt8](data))
        return compact(doc["case"] ?? doc)
    }()

    /// A case with input errors: a wrong schema and a member without age.
    static let invalidCase = #"{"schema":"mda-case/2","caseId":"bad","referenceDate":"2025-06-30","members":[{"id":"a"}]}"#

    /// Writes a value as compact JSON text.
    static func compact(_ value: JSONValue) -> String {
        var w = JSONWriter()
        w.value(value)
        return w.string
    }

    /// An `evaluate` request line.
    static func evaluate(_ caseJSON: String, id: String? = "1", extra: String = "") -> String {
        #"{"jsonrpc":"2.0","method":"evaluate","params":{"case":\#(caseJSON)\#(extra)}\#(id.map { ",\"id\":" + $0 } ?? "")}"#
    }

    /// A request line for a method without params.
    static func call(_ method: String, id: String? = "1") -> String {
        #"{"jsonrpc":"2.0","method":"\#(method)"\#(id.map { ",\"id\":" + $0 } ?? "")}"#
    }

    /// Parses a response line (object or array).
    static func parse(_ line: String) -> JSONValue {
        (try? JSONReader().read(line)) ?? .string("<<unparseable: \(line.prefix(200))>>")
    }

    /// The error code of a single response, or nil.
    static func errorCode(_ response: JSONValue) -> Int? {
        response["error"]?["code"]?.numberValue?.int64.map(Int.init)
    }

    /// A temporary copy of the package's rules directory.
    static func copyOfRules() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mda-serve-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("rules"), to: dir)
        return dir
    }

    /// Replaces `old` by `new` in a rules file of `dir`.
    static func edit(_ dir: URL, file: String, replacing old: String, with new: String) throws {
        let url = dir.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        precondition(text.contains(old), "\(old) not in \(file)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
}

extension Service {
    /// Handles a text line and returns the response as text, or nil.
    func handle(_ text: String) -> String? { handle(Array(text.utf8)).text }
}

/// A value shared between threads in tests.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
