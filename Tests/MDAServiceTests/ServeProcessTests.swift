import ByteJSON
import Foundation
import Testing
@testable import MDAService

/// Integration tests: the real `mda serve` process over pipes.
@Suite(.serialized) struct ServeProcessTests {
    /// Sends lines, closes the input, and returns the responses parsed and the exit status.
    func exchange(_ lines: [String], arguments: [String] = []) throws -> (responses: [JSONValue], status: Int32?, log: String) {
        let p = try ServeProcess(arguments)
        for line in lines { p.send(line) }
        let (out, status) = p.finish()
        return (out.map(TestSupport.parse), status, p.standardError)
    }

    /// Responses by id (as compact JSON text of the id).
    func byID(_ responses: [JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for r in responses { out[TestSupport.compact(r["id"] ?? .string("<none>"))] = r }
        return out
    }

    @Test func executableIsBuilt() {
        #expect(ServeProcess.executable != nil, "build the mda product first (swift build)")
    }

    @Test func specExamples() throws {
        let (responses, status, _) = try exchange([
            TestSupport.evaluate(TestSupport.typicalCase, id: "3"),
            #"{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}"#,
            #"{"jsonrpc": "2.0", "method": "foobar"}"#,
            #"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#,
            #"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#,
            #"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#,
            #"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method"]"#,
            "[]",
            "[1]",
            "[1,2,3]",
            #"[{"jsonrpc": "2.0", "method": "health", "id": "b1"}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}, {"foo": "boo"}, {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"}]"#,
            #"[{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]"#,
        ])
        #expect(status == 0)
        #expect(responses.count == 9)
        let singles = responses.filter { $0.objectValue != nil }
        let batches = responses.compactMap(\.arrayValue)
        #expect(singles.contains { $0["id"] == 3 && $0["result"]?["schema"] == "mda-decision/1" })
        #expect(singles.contains { $0["id"] == "1" && TestSupport.errorCode($0) == -32601 })
        #expect(singles.filter { $0["id"] == .null && TestSupport.errorCode($0) == -32700 }.count == 2)
        #expect(singles.filter { $0["id"] == .null && TestSupport.errorCode($0) == -32600 }.count == 2)
        #expect(batches.map(\.count).sorted() == [1, 3, 3])
        let mixed = batches.first { $0.contains { $0["id"] == "b1" } } ?? []
        #expect(mixed.contains { $0["id"] == "5" && TestSupport.errorCode($0) == -32601 })
        #expect(mixed.contains { $0["id"] == .null && TestSupport.errorCode($0) == -32600 })
    }

    @Test func everyErrorCode() throws {
        let dir = try TestSupport.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestSupport.edit(dir, file: "00-ruleset.rules", replacing: "version: 1.0.0", with: "version: 1.0.0")
        let p = try ServeProcess(["--rules", dir.path, "--test-methods"])
        p.send("{")
        p.send(#"{"jsonrpc":"2.0","method":"health","params":"x","id":"a"}"#)
        p.send(TestSupport.call("nope", id: #""b""#))
        p.send(TestSupport.evaluate(TestSupport.invalidCase, id: #""c""#))
        p.send(TestSupport.call("test.internalError", id: #""d""#))
        let byID = byID(p.lines(5).map(TestSupport.parse))
        #expect(byID["null"].flatMap(TestSupport.errorCode) == -32700)
        #expect(byID[#""a""#].flatMap(TestSupport.errorCode) == -32600)
        #expect(byID[#""b""#].flatMap(TestSupport.errorCode) == -32601)
        #expect(byID[#""c""#].flatMap(TestSupport.errorCode) == -32602)
        #expect(byID[#""c""#]?["error"]?["data"]?.arrayValue?.isEmpty == false)
        #expect(byID[#""d""#].flatMap(TestSupport.errorCode) == -32603)
        try TestSupport.edit(dir, file: "30-risk-factors.rules", replacing: "risk_factor", with: "risk_fcator")
        p.send(TestSupport.call("ruleset.reload", id: #""e""#))
        let reload = p.nextLine().map(TestSupport.parse)
        #expect(reload.flatMap(TestSupport.errorCode) == -32000)
        let (_, status) = p.finish()
        #expect(status == 0)
        #expect(!p.standardError.contains("mda-case/2"))
    }

    @Test func reloadGoodAndBad() throws {
        let dir = try TestSupport.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try ServeProcess(["--rules", dir.path])
        p.send(TestSupport.call("ruleset.info", id: "1"))
        let before = p.nextLine().map(TestSupport.parse)?["result"]?["sha256"]
        try TestSupport.edit(dir, file: "00-ruleset.rules", replacing: "version: 1.0.0", with: "version: 2.0.0")
        p.send(TestSupport.call("ruleset.reload", id: "2"))
        let good = p.nextLine().map(TestSupport.parse)
        #expect(good?["result"]?["version"] == "2.0.0")
        #expect(good?["result"]?["previousSha256"] == before)
        #expect(good?["result"]?["sha256"] != before)
        p.send(TestSupport.evaluate(TestSupport.typicalCase, id: "3"))
        #expect(p.nextLine().map(TestSupport.parse)?["result"]?["ruleset"]?["version"] == "2.0.0")

        try TestSupport.edit(dir, file: "00-ruleset.rules", replacing: "version: 2.0.0", with: "versoin 3")
        p.send(TestSupport.call("ruleset.reload", id: "4"))
        let bad = p.nextLine().map(TestSupport.parse)
        #expect(bad.flatMap(TestSupport.errorCode) == -32000)
        #expect(bad?["error"]?["data"]?[0]?["file"] != nil)
        p.send(TestSupport.evaluate(TestSupport.typicalCase, id: "5"))
        #expect(p.nextLine().map(TestSupport.parse)?["result"]?["ruleset"]?["version"] == "2.0.0", "the old ruleset keeps serving")
        let (_, status) = p.finish()
        #expect(status == 0)
        #expect(p.standardError.contains("reload refused"))
    }

    @Test func malformedInputCorpus() throws {
        let p = try ServeProcess(["--max-line-bytes", "1000000"])
        var corpus: [[UInt8]] = [
            [0xC3, 0x28, 0xA0, 0xA1, 0x0A],                                   // invalid UTF-8
            Array((String(repeating: "[", count: 100_000) + "\n").utf8),      // 100k-deep nesting
            Array((String(repeating: "{\"a\":", count: 50_000) + "\n").utf8),
            Array(String(repeating: "x", count: 2_000_000).utf8) + [0x0A],  // a line over the limit
            [0x0A, 0x0A, 0x20, 0x0D, 0x0A],                                   // empty lines
            [0x00, 0x00, 0x00, 0x0A],                                         // NUL bytes
            Array(#"{"jsonrpc":"2.0","method":"health","id":"\#u{0}"}"#.utf8) + [0x0A],
            Array(#"{"jsonrpc":"2.0","method":"evaluate","params":{"case":{"schema":"#.utf8) + [0x0A],  // truncated JSON
            [0xEF, 0xBB, 0xBF] + Array(TestSupport.call("health", id: #""bom""#).utf8) + [0x0A],
        ]
        var garbage = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            corpus.append((0..<200).map { _ in UInt8.random(in: 0...255, using: &garbage) }.map { $0 == 0x0A ? 0x20 : $0 } + [0x0A])
        }
        for item in corpus { p.send(bytes: item) }
        p.send(TestSupport.call("health", id: #""alive""#))
        let expected = corpus.count - 1  // the empty lines are not answered
        let responses = p.lines(expected + 1).map(TestSupport.parse)
        #expect(responses.count == expected + 1)
        #expect(responses.contains { $0["id"] == "alive" && $0["result"]?["status"] == "ok" }, "still serving")
        let errors = responses.filter { $0["id"] != "alive" }
        #expect(errors.allSatisfy { $0["id"] == .null && [-32700, -32600].contains(TestSupport.errorCode($0) ?? 0) })
        #expect(errors.filter { $0["error"]?["message"]?.stringValue?.contains("line too long") == true }.count == 1)
        #expect(errors.filter { $0["error"]?["data"]?["code"] == "tooDeep" }.count == 2)
        let (rest, status) = p.finish()
        #expect(rest.isEmpty)
        #expect(status == 0)
    }

    @Test func aLineOverTheLimitIsSkippedWithoutBuffering() throws {
        let p = try ServeProcess(["--max-line-bytes", "1000"])
        let chunk = [UInt8](repeating: 0x61, count: 65_536)
        for _ in 0..<64 { p.send(bytes: chunk) }  // 4 MiB in one line
        p.send(bytes: [0x0A])
        p.send(TestSupport.call("health", id: "1"))
        let first = p.nextLine().map(TestSupport.parse)
        #expect(first.flatMap(TestSupport.errorCode) == -32600)
        #expect(first?["error"]?["data"]?["value"] == 1000)
        #expect(p.nextLine().map(TestSupport.parse)?["result"]?["status"] == "ok")
        #expect(p.finish().status == 0)
    }

    @Test func unterminatedLastLineIsAnswered() throws {
        let p = try ServeProcess()
        p.send(bytes: Array(TestSupport.call("health", id: "7").utf8))
        let (lines, status) = p.finish()
        #expect(lines.count == 1)
        #expect(lines.first.map(TestSupport.parse)?["id"] == 7)
        #expect(status == 0)
    }

    @Test func sigtermAnswersInFlightRequests() throws {
        let p = try ServeProcess(["--test-methods", "--workers", "2"])
        for i in 0..<6 { p.send(#"{"jsonrpc":"2.0","method":"test.sleep","params":{"ms":300},"id":\#(i)}"#) }
        p.send(TestSupport.evaluate(TestSupport.typicalCase, id: "6"))
        // Wait until the server serves and has read everything (the first answers only come after 300 ms).
        #expect(p.waitForStandardError(containing: "ready"))
        usleep(100_000)
        p.sendSignal(SIGTERM)
        #expect(p.waitForExit(timeout: 30), "exits on SIGTERM with its input still open")
        let (lines, status) = p.finish(timeout: 30)
        #expect(status == 0)
        let ids = Set(lines.map(TestSupport.parse).compactMap { $0["id"]?.numberValue?.int64 })
        #expect(ids == Set(0...6))
        #expect(p.standardError.contains("SIGTERM"))
        // No more input is read after the signal.
        #expect(!p.process.isRunning)
    }

    /// A response finished while more requests are queued may be held to go out with theirs;
    /// when those turn out to be slow (both workers asleep here), it still goes out at once.
    @Test func aResponseIsNotHeldBehindSlowRequests() throws {
        let p = try ServeProcess(["--test-methods", "--workers", "2"])
        #expect(p.waitForStandardError(containing: "ready"))
        let sleep = { (id: Int) in #"{"jsonrpc":"2.0","method":"test.sleep","params":{"ms":3000},"id":\#(id)}"# }
        // One write, so the server reads all three lines at once and queues the sleeps while
        // the first worker answers the health check.
        let started = Date()
        p.send(bytes: Array((TestSupport.call("health", id: "1") + "\n" + sleep(2) + "\n" + sleep(3) + "\n").utf8))
        let first = p.nextLine(timeout: 20).map(TestSupport.parse)
        let waited = Date().timeIntervalSince(started)
        #expect(first?["id"] == 1)
        #expect(waited < 1.5, "the health check's answer came after \(waited) s, behind the 3 s sleeps")
        let (rest, status) = p.finish(timeout: 30)
        #expect(Set(rest.map(TestSupport.parse).compactMap { $0["id"]?.numberValue?.int64 }) == [2, 3])
        #expect(status == 0)
    }

    @Test func shutdownStopsTheServer() throws {
        let p = try ServeProcess()
        p.send(TestSupport.call("health", id: "1"))
        p.send(TestSupport.call("shutdown", id: "2"))
        let answers = p.lines(2).map(TestSupport.parse)
        #expect(Set(answers.compactMap { $0["id"]?.numberValue?.int64 }) == [1, 2])
        #expect(p.waitForExit(timeout: 20), "exits without the input being closed")
        #expect(p.process.terminationStatus == 0)
        p.closeInput()
    }

    @Test func usageAndRulesetErrorsAtStart() throws {
        let usage = try ServeProcess(["--workers", "0"])
        #expect(usage.finish().status == 64)
        let missing = try ServeProcess(["--rules", "/nonexistent/rules-dir"])
        #expect(missing.finish().status == 3)
    }

    @Test func closedOutputStopsTheServer() throws {
        let p = try ServeProcess(closedOutput: true)
        for _ in 0..<50 { p.send(TestSupport.call("health", id: "1")) }
        #expect(p.waitForExit(timeout: 30), "stops reading once its output is gone")
        let (_, status) = p.finish()
        #expect(status == 1)
        #expect(p.standardError.contains("output closed"))
    }

    @Test func soakOfTenThousandMixedRequests() throws {
        let cases = TestSupport.quickFixtureCases
        var lines: [String] = []
        var expected = Set<String>()
        var generator = SplitMix(seed: 42)
        var n = 0
        func nextID() -> String {
            n += 1
            return n % 3 == 0 ? "\"s\(n)\"" : "\(n)"
        }
        while n < 10_000 {
            let kind = generator.next() % 100
            switch kind {
            case 0..<2 where generator.next() % 4 != 0:  // a valid case (about 1.5 %)
                let id = nextID(); expected.insert(id)
                let explain = kind == 0 && generator.next() % 4 == 0 ? #","explain":true,"lang":"en""# : ""
                lines.append(TestSupport.evaluate(cases[Int(generator.next() % UInt64(cases.count))], id: id, extra: explain))
            case 0..<20:  // a case with input errors
                let id = nextID(); expected.insert(id)
                lines.append(TestSupport.evaluate(TestSupport.invalidCase, id: id))
            case 20..<35:  // cheap methods
                let id = nextID(); expected.insert(id)
                lines.append(TestSupport.call(["health", "ruleset.info", "nope"][Int(generator.next() % 3)], id: id))
            case 35..<50:  // notifications
                n += 1
                lines.append(generator.next() % 2 == 0 ? TestSupport.call("health", id: nil) : TestSupport.evaluate(TestSupport.invalidCase, id: nil))
            case 50..<62:  // invalid messages, answered with id null
                n += 1
                expected.insert("null#\(n)")
                lines.append(["{", "[1", "\u{1}", #"{"jsonrpc":"2.0"}"#, "7"][Int(generator.next() % 5)])
            case 62..<75:  // batches: requests, notifications, a valid case now and then
                var items: [String] = []
                for k in 0..<Int(1 + generator.next() % 5) {
                    if k == 0 && generator.next() % 10 == 0 {
                        let id = nextID(); expected.insert(id)
                        items.append(TestSupport.evaluate(cases[Int(generator.next() % UInt64(cases.count))], id: id))
                    } else if generator.next() % 3 == 0 {
                        n += 1
                        items.append(TestSupport.call("health", id: nil))
                    } else {
                        let id = nextID(); expected.insert(id)
                        items.append(TestSupport.call("ruleset.info", id: id))
                    }
                }
                lines.append("[" + items.joined(separator: ",") + "]")
            default:  // params errors
                let id = nextID(); expected.insert(id)
                lines.append(TestSupport.evaluate(TestSupport.typicalCase, id: id, extra: #","lang":"fr""#))
            }
        }
        let nullCount = expected.filter { $0.hasPrefix("null#") }.count
        let withID = expected.subtracting(expected.filter { $0.hasPrefix("null#") })

        let p = try ServeProcess()
        let input = lines
        let written = DispatchSemaphore(value: 0)
        let writer = Thread { for line in input { p.send(line) }; written.signal() }
        writer.start()
        written.wait()
        let (out, status) = p.finish(timeout: 120)
        #expect(status == 0)
        var seen: [String: Int] = [:]
        var nulls = 0
        for line in out {
            let v = TestSupport.parse(line)
            for r in v.arrayValue ?? [v] {
                let id = TestSupport.compact(r["id"] ?? .string("<missing>"))
                if id == "null" { nulls += 1 } else { seen[id, default: 0] += 1 }
            }
        }
        #expect(Set(seen.keys) == withID, "every request with an id is answered")
        #expect(seen.values.allSatisfy { $0 == 1 }, "exactly once")
        #expect(nulls == nullCount)
    }
}

/// A small deterministic random number generator for the soak's mix.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
