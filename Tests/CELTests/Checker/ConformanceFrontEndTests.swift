import CELConformance
import Foundation
import Testing
@testable import CEL

/// Compiles every expression of the shared CEL conformance files that must evaluate to a value:
/// the front end (parser, macros, checker with the file's declarations and container) must
/// accept all of them. Evaluation is covered by the runtime's conformance runner.
@Suite("Front end over the conformance corpus")
struct ConformanceFrontEndTests {
    static let directory = ConformanceFiles.directory.path
    static let files = ["basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists",
                        "logic", "macros", "macros2", "namespace", "parse", "plumbing", "string", "timestamps"]


    @Test("every value-producing conformance expression compiles",
          .enabled(if: FileManager.default.fileExists(atPath: directory)),
          arguments: files)
    func compiles(file: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(file).json"))
        let tests = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(!tests.isEmpty)
        var compiled = 0
        for test in tests {
            guard let expected = test["expected"] as? [String: Any], expected["value"] != nil,
                  let source = test["expr"] as? String else { continue }
            var decls: [Declaration] = []
            for entry in test["typeEnv"] as? [[String: Any]] ?? [] {
                let name = try #require(entry["name"] as? String)
                let typeText = try #require(entry["type"] as? String)
                let type = try ConformanceLoader.parseType(typeText)
                decls.append(.variable(name, type))
            }
            let env = try Environment(declarations: decls, container: test["container"] as? String ?? "",
                                      options: .init(disableCheck: test["disableCheck"] as? Bool ?? false))
            do {
                _ = try env.compile(source)
                compiled += 1
            } catch {
                Issue.record("\(file)/\(test["section"] ?? "")/\(test["name"] ?? ""): \(error.render(sourceName: "expr"))")
            }
        }
        #expect(compiled > 0)
    }

    @Test("check-time failures the corpus expects are reported by the checker")
    func expectedCheckErrors() throws {
        let env = try Environment()
        for source in ["47.5 % 5.5", "-(42u)", "-false", "'cows' ? false : 17", "'less filling' || 'tastes great'", "!0",
                       "null < null", "'foo' < 1024", "[0] < [1]"] {
            #expect(throws: CELCompileErrors.self, "\(source)") { try env.compile(source) }
        }
    }
}
