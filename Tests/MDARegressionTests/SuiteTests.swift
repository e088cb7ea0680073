import Foundation
import MDAEngine
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import MDARegression

@Suite struct SuiteTests {
    @Test func parallelResultsKeepInputOrder() {
        let out = Parallel.map(count: 10_001, workers: 4) { $0 * 2 }
        #expect(out == (0..<10_001).map { $0 * 2 })
        #expect(Parallel.chunks(count: 0) { $0.count }.isEmpty)
    }

    @Test func suiteRunsInOrderWithCoverage() throws {
        let sources = try InputFiles.sources([Support.root + "/Fixtures/cases"])
        let sequential = RegressionSuite.run(sources, engine: Support.engine, coverage: true, workers: 1)
        let parallel = RegressionSuite.run(sources, engine: Support.engine, coverage: true, workers: 4)
        #expect(parallel.fixtures.map(\.location) == sources.map(\.location))
        #expect(parallel.failed == 0 && parallel.unusable == 0)
        #expect(parallel.closingLine == "\(sources.count) passed, 0 failed")
        let a = try #require(sequential.coverage), b = try #require(parallel.coverage)
        #expect(a.counts == b.counts)
        #expect(b.decisions == 42)
        let route = try #require(b.counts(of: "route"))
        #expect(route.isValueRule && route.evaluated == 42)
        #expect(b.counts(of: "regular_care") == { var c = RuleCoverage.Counts(); c.evaluated = 42; c.true = 42; return c }())
        #expect(b.flagged().map { b.rules[$0] } == ["regular_care", "risk_driven_care"])
    }

    @Test func filterByTitleOrPath() throws {
        let sources = try InputFiles.sources([Support.root + "/Fixtures/cases"])
        let r = RegressionSuite.run(sources, engine: Support.engine, filter: "LEAP-DAY")
        #expect(r.fixtures.map { ($0.location as NSString).lastPathComponent }
                == ["004-leap-day-elder-abuse.json", "010-repeat-leap-day-inside.json", "011-repeat-leap-day-outside.json"])
    }

    @Test func coverageExceptionsFile() throws {
        let text = try String(contentsOfFile: Support.root + "/Fixtures/coverage-exceptions.txt", encoding: .utf8)
        let exceptions = try CoverageExceptions(text: text, location: "x")
        #expect(exceptions.entries.map(\.rule) == ["regular_care", "risk_driven_care"])
        #expect(throws: FixtureError.self) { try CoverageExceptions(text: "# c\nA\n", location: "f.txt") }
        do {
            _ = try CoverageExceptions(text: "\nA:  \n", location: "f.txt")
        } catch {
            #expect(error.location == "f.txt:2")
        }
    }

    @Test func junitIsWellFormedAndEscaped() throws {
        let failure = ExpectationFailure(key: "route", expected: "a <b> & \"c\"", actual: "d'e\u{1}",
                                         decidedBy: [TraceLine(rule: "A", result: "false", inputs: ["x=<1>"])])
        let result = RegressionSuite.Result(fixtures: [
            FixtureResult(location: "dir/ok.json", title: nil, failures: [], error: nil, seconds: 0.001),
            FixtureResult(location: "dir/bad & <odd>.json", title: "T ]]> \u{FFFE}", failures: [failure], error: nil, seconds: 0.002),
            FixtureResult(location: "all.jsonl:3", title: nil, failures: [],
                          error: FixtureError(code: .notJSON, location: "all.jsonl:3", pointer: "", message: "not valid JSON"), seconds: 0),
        ], coverage: nil, seconds: 0.01)
        let xml = JUnitWriter.xml(result)
        let delegate = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        #expect(delegate.testcases == ["ok.json", "bad & <odd>.json", "line 3"])
        #expect(delegate.failures == ["route: expected a <b> & \"c\", actual d'e\u{FFFD}"])
        #expect(delegate.errors == 1)
        #expect(xml.contains("tests=\"3\" failures=\"1\" errors=\"1\""))
        #expect(JUnitWriter.escape("a\nb") == "a&#10;b")
    }
}

private final class Collector: NSObject, XMLParserDelegate {
    var testcases: [String] = []
    var failures: [String] = []
    var errors = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testcase": testcases.append(attributes["name"] ?? "")
        case "failure": failures.append(attributes["message"] ?? "")
        case "error": errors += 1
        default: break
        }
    }
}
