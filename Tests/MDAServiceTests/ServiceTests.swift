import ByteJSON
import Foundation
import MDAEngine
import Testing
@testable import MDAService

/// The protocol, in-process: every method, every error code, batches and notifications.
@Suite struct ServiceTests {
    let service = TestSupport.service

    func response(_ line: String) -> JSONValue {
        guard let text = service.handle(line) else { return .string("<<no response>>") }
        return TestSupport.parse(text)
    }

    // MARK: The specification's examples, adapted to our methods

    @Test func specCallWithNamedParams() {
        let r = response(TestSupport.evaluate(TestSupport.typicalCase, id: "3"))
        #expect(r["jsonrpc"] == "2.0")
        #expect(r["id"] == 3)
        #expect(r["result"]?["schema"] == "mda-decision/1")
        #expect(r["error"] == nil)
    }

    @Test func specNotificationsAreNotAnswered() {
        #expect(service.handle(TestSupport.evaluate(TestSupport.typicalCase, id: nil)) == nil)
        #expect(service.handle(#"{"jsonrpc": "2.0", "method": "foobar"}"#) == nil)
        #expect(service.handle(#"{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}"#) == nil)
    }

    @Test func specNonExistentMethod() {
        let r = response(#"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#)
        #expect(TestSupport.errorCode(r) == -32601)
        #expect(r["error"]?["message"] == "Method not found")
        #expect(r["id"] == "1")
    }

    @Test func specInvalidJSON() {
        let r = response(#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#)
        #expect(TestSupport.errorCode(r) == -32700)
        #expect(r["id"] == .null)
    }

    @Test func specInvalidRequestObject() {
        let r = response(#"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#)
        #expect(TestSupport.errorCode(r) == -32600)
        #expect(r["id"] == .null)
    }

    @Test func specBatchInvalidJSON() {
        let r = response(#"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},{"jsonrpc": "2.0", "method"]"#)
        #expect(r.objectValue != nil)
        #expect(TestSupport.errorCode(r) == -32700)
        #expect(r["id"] == .null)
    }

    @Test func specEmptyArray() {
        let r = response("[]")
        #expect(r.objectValue != nil, "a single error, not an array")
        #expect(TestSupport.errorCode(r) == -32600)
        #expect(r["id"] == .null)
    }

    @Test func specInvalidBatchOfOne() {
        let r = response("[1]")
        #expect(r.arrayValue?.count == 1)
        #expect(r[0].flatMap(TestSupport.errorCode) == -32600)
        #expect(r[0]?["id"] == .null)
    }

    @Test func specInvalidBatch() {
        let r = response("[1,2,3]")
        #expect(r.arrayValue?.count == 3)
        #expect(r.arrayValue?.allSatisfy { TestSupport.errorCode($0) == -32600 && $0["id"] == .null } == true)
    }

    @Test func specMixedBatch() {
        let line = "[" + [
            TestSupport.evaluate(TestSupport.typicalCase, id: #""1""#),
            #"{"jsonrpc": "2.0", "method": "health"}"#,
            #"{"jsonrpc": "2.0", "method": "ruleset.info", "id": "2"}"#,
            #"{"foo": "boo"}"#,
            #"{"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"}"#,
            #"{"jsonrpc": "2.0", "method": "health", "id": "9"}"#,
        ].joined(separator: ",") + "]"
        let r = response(line)
        guard let items = r.arrayValue else { Issue.record("not an array"); return }
        #expect(items.count == 5)
        #expect(items[0]["id"] == "1" && items[0]["result"]?["schema"] == "mda-decision/1")
        #expect(items[1]["id"] == "2" && items[1]["result"]?["name"] == "mda-nl")
        #expect(items[2]["id"] == .null && TestSupport.errorCode(items[2]) == -32600)
        #expect(items[3]["id"] == "5" && TestSupport.errorCode(items[3]) == -32601)
        #expect(items[4]["id"] == "9" && items[4]["result"]?["status"] == "ok")
    }

    @Test func specBatchOfNotificationsIsNotAnswered() {
        let line = #"[{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]"#
        #expect(service.handle(line) == nil)
        let mixed = "[" + TestSupport.evaluate(TestSupport.invalidCase, id: nil) + "," + TestSupport.call("health", id: nil) + "]"
        #expect(service.handle(mixed) == nil)
    }

    // MARK: Ids

    @Test(arguments: [#""abc""#, "0", "-7", "1.50e3", "null", "123456789012345678901234567890", #""é\n""#])
    func idIsEchoedExactly(id: String) {
        let text = service.handle(TestSupport.call("health", id: id)) ?? ""
        #expect(text.contains(#""id":"# + (id == #""é\n""# ? #""é\n""# : id)))
    }

    @Test func invalidIdTypesAreInvalidRequests() {
        for id in ["[1]", "{}", "true"] {
            let r = response(TestSupport.call("health", id: id))
            #expect(TestSupport.errorCode(r) == -32600)
            #expect(r["id"] == .null)
        }
    }

    // MARK: Every error code

    @Test func parseErrors() {
        let cases: [[UInt8]] = [
            Array("xx".utf8),
            [0xFF, 0xFE, 0x00, 0x01],
            Array(#"{"jsonrpc":"2.0","method":"health","id":"\#u{0}"}"#.utf8),
            [0x22, 0xC3, 0x28, 0x22],  // invalid UTF-8 inside a string
            Array(#"{"jsonrpc":"2.0","method":"health","id":1"#.utf8),  // truncated
            Array(String(repeating: "[", count: 100_000).utf8),
            Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8),
            Array(#"{"jsonrpc":"2.0","method":"health","id":1} {"#.utf8),
        ]
        for bytes in cases {
            let r = TestSupport.parse(service.handle(bytes).text ?? "")
            #expect(TestSupport.errorCode(r) == -32700)
            #expect(r["id"] == .null)
            #expect(r["error"]?["data"]?["code"]?.stringValue != nil)
        }
        let deep = TestSupport.parse(service.handle(Array(String(repeating: "[", count: 100_000).utf8)).text ?? "")
        #expect(deep["error"]?["data"]?["code"] == "tooDeep")
    }

    @Test func invalidRequests() {
        let lines = [
            #"{"method":"health","id":1}"#,
            #"{"jsonrpc":"1.0","method":"health","id":1}"#,
            #"{"jsonrpc":2.0,"method":"health","id":1}"#,
            #"{"jsonrpc":"2.0","id":1}"#,
            #"{"jsonrpc":"2.0","method":null,"id":1}"#,
            #"{"jsonrpc":"2.0","method":"health","params":"x","id":1}"#,
            #"{"jsonrpc":"2.0","method":"health","params":7,"id":1}"#,
            #"{"jsonrpc":"2.0","method":"health","method":"evaluate","id":1}"#,
            #""just a string""#, "42", "null", "true",
        ]
        for line in lines {
            let r = response(line)
            #expect(TestSupport.errorCode(r) == -32600, "\(line)")
        }
        // The id is echoed when it could be read.
        #expect(response(#"{"jsonrpc":"1.0","method":"health","id":"k"}"#)["id"] == "k")
        // An invalid request without id is still answered: it is not a notification.
        #expect(TestSupport.errorCode(response(#"{"jsonrpc":"2.0","method":7}"#)) == -32600)
    }

    @Test func methodNotFound() {
        for name in ["nope", "rpc.discover", "Evaluate", "ruleset", ""] {
            #expect(TestSupport.errorCode(response(TestSupport.call(name))) == -32601)
        }
        let plain = Service(ruleset: TestSupport.ruleset, source: .bundled)
        for name in ["test.sleep", "test.internalError"] {
            let r = TestSupport.parse(plain.handle(TestSupport.call(name)) ?? "")
            #expect(TestSupport.errorCode(r) == -32601, "test methods are off by default")
        }
    }

    @Test func invalidParamsForTheCase() {
        let r = response(TestSupport.evaluate(TestSupport.invalidCase, id: "8"))
        #expect(TestSupport.errorCode(r) == -32602)
        #expect(r["id"] == 8)
        guard let data = r["error"]?["data"]?.arrayValue else { Issue.record("no data"); return }
        let pairs = data.compactMap { e -> String? in
            guard let p = e["path"]?.stringValue, let c = e["code"]?.stringValue, e["message"]?.stringValue != nil else { return nil }
            return p + " " + c
        }
        #expect(pairs.count == data.count)
        #expect(pairs.contains("/schema schema"))
        #expect(pairs.contains("/members/0/age missing"))
        // The same errors as the engine reports.
        if case .failure(let errors) = TestSupport.service.engine.evaluate(json: Array(TestSupport.invalidCase.utf8)) {
            #expect(data.count == errors.errors.count)
        }
        // No input value leaks into the error.
        #expect(!(service.handle(TestSupport.evaluate(TestSupport.invalidCase))!.contains("mda-case/2")))
    }

    @Test func invalidParamsOfTheRequest() {
        let c = TestSupport.typicalCase
        let checks: [(String, String, String)] = [
            (#"{"jsonrpc":"2.0","method":"evaluate","id":1}"#, "/params/case", "missing"),
            (#"{"jsonrpc":"2.0","method":"evaluate","params":{},"id":1}"#, "/params/case", "missing"),
            (#"{"jsonrpc":"2.0","method":"evaluate","params":{"case":null},"id":1}"#, "/params/case", "missing"),
            (#"{"jsonrpc":"2.0","method":"evaluate","params":[\#(c)],"id":1}"#, "/params", "type"),
            (TestSupport.evaluate(c, extra: #","explain":"yes""#), "/params/explain", "type"),
            (TestSupport.evaluate(c, extra: #","lang":"de""#), "/params/lang", "enum"),
            (TestSupport.evaluate(c, extra: #","lang":1"#), "/params/lang", "type"),
            (TestSupport.evaluate(c, extra: #","missing":"no""#), "/params/missing", "type"),
            (TestSupport.evaluate(c, extra: #","explian":true"#), "/params/explian", "unknown_param"),
            (TestSupport.evaluate(c, extra: #","a/b~":true"#), "/params/a~1b~0", "unknown_param"),
            (TestSupport.evaluate(c, extra: #","explain":true,"explain":false"#), "/params/explain", "duplicate_param"),
            (#"{"jsonrpc":"2.0","method":"health","params":{"verbose":true},"id":1}"#, "/params/verbose", "unknown_param"),
            (#"{"jsonrpc":"2.0","method":"ruleset.info","params":[1],"id":1}"#, "/params", "type"),
            (#"{"jsonrpc":"2.0","method":"test.sleep","params":{"ms":-1},"id":1}"#, "/params/ms", "range"),
        ]
        for (line, path, code) in checks {
            let r = response(line)
            #expect(TestSupport.errorCode(r) == -32602, "\(path)")
            let first = r["error"]?["data"]?[0]
            #expect(first?["path"]?.stringValue == path)
            #expect(first?["code"]?.stringValue == code)
        }
        // A case that is not an object is the engine's type error at "".
        let r = response(#"{"jsonrpc":"2.0","method":"evaluate","params":{"case":"text"},"id":1}"#)
        #expect(TestSupport.errorCode(r) == -32602)
        #expect(r["error"]?["data"]?[0]?["path"] == "")
    }

    @Test func emptyParamsAreAcceptedForMethodsWithoutParams() {
        for params in ["[]", "{}"] {
            let r = response(#"{"jsonrpc":"2.0","method":"health","params":\#(params),"id":1}"#)
            #expect(r["result"]?["status"] == "ok")
        }
    }

    @Test func internalError() {
        let r = response(TestSupport.call("test.internalError", id: "4"))
        #expect(TestSupport.errorCode(r) == -32603)
        #expect(r["id"] == 4)
        #expect(service.handle(TestSupport.call("test.internalError", id: nil)) == nil, "a notification is never answered")
    }

    // MARK: Methods

    @Test func evaluateResultIsTheDecision() throws {
        let r = response(TestSupport.evaluate(TestSupport.typicalCase))
        guard case .success(let decision) = service.engine.evaluate(json: Array(TestSupport.typicalCase.utf8)) else {
            Issue.record("typical case invalid"); return
        }
        let expected = try JSONReader().read(DecisionWriter.bytes(decision))
        #expect(r["result"] == expected)
        #expect(r["result"]?["explanation"] == nil)
    }

    @Test func evaluateWithoutMissingFacts() {
        // A case with no facts at all is provisional with missing facts; `missing: false` drops only those.
        let sparse = #"{"schema":"mda-case/1","caseId":"s-1","referenceDate":"2026-01-01","members":[{"id":"a","age":30}]}"#
        let full = response(TestSupport.evaluate(sparse))
        let fast = response(TestSupport.evaluate(sparse, extra: #","missing":false"#))
        #expect(full["result"]?["missing"]?.arrayValue?.isEmpty == false)
        #expect(fast["result"]?["missing"]?.arrayValue?.isEmpty == true)
        #expect(fast["result"]?["provisional"] == full["result"]?["provisional"])
        #expect(fast["result"]?["route"] == full["result"]?["route"])
    }

    @Test func evaluateWithExplanation() {
        let nl = response(TestSupport.evaluate(TestSupport.typicalCase, extra: #","explain":true"#))
        let en = response(TestSupport.evaluate(TestSupport.typicalCase, extra: #","explain":true,"lang":"en""#))
        let off = response(TestSupport.evaluate(TestSupport.typicalCase, extra: #","explain":false,"lang":"en""#))
        guard case .success(let decision) = service.engine.evaluate(json: Array(TestSupport.typicalCase.utf8)) else { return }
        #expect(nl["result"]?["explanation"]?.stringValue == Explanation.text(decision, ruleset: service.engine.ruleset, language: .nl))
        #expect(en["result"]?["explanation"]?.stringValue == Explanation.text(decision, ruleset: service.engine.ruleset, language: .en))
        #expect(off["result"]?["explanation"] == nil)
        #expect(nl["result"]?["route"] == en["result"]?["route"])
    }

    @Test func evaluateEveryFixture() {
        #expect(TestSupport.fixtureCases.count >= 40)
        for c in TestSupport.fixtureCases.prefix(12) {
            let r = response(TestSupport.evaluate(c))
            #expect(r["result"]?["schema"] == "mda-decision/1")
        }
    }

    @Test func rulesetInfo() {
        let r = response(TestSupport.call("ruleset.info"))
        let rs = TestSupport.ruleset
        #expect(r["result"]?["name"]?.stringValue == rs.name)
        #expect(r["result"]?["version"]?.stringValue == rs.version)
        #expect(r["result"]?["sha256"]?.stringValue == rs.sha256)
        let counts = r["result"]?["rules"]?.objectValue?.members.compactMap { $0.value.numberValue?.int64 } ?? []
        #expect(counts.reduce(0, +) == Int64(rs.rules.count))
        #expect(r["result"]?["rules"]?["criterion"] == 5)
    }

    @Test func health() {
        let r = response(TestSupport.call("health", id: #""h""#))
        #expect(r["result"]?["status"] == "ok")
        #expect(r["result"]?["engine"]?.stringValue == Engine.version)
        #expect(r["result"]?["ruleset"]?["sha256"]?.stringValue == TestSupport.ruleset.sha256)
        #expect(r["result"]?["uptimeSeconds"]?.numberValue != nil)
    }

    @Test func shutdown() {
        let reply = service.handle(Array(TestSupport.call("shutdown", id: #""s""#).utf8))
        #expect(reply.shutdown)
        #expect(TestSupport.parse(reply.text ?? "") == .object(["jsonrpc": "2.0", "id": "s", "result": .null]))
        let note = service.handle(Array(TestSupport.call("shutdown", id: nil).utf8))
        #expect(note.shutdown && note.line == nil)
        let batch = service.handle(Array(("[" + TestSupport.call("health") + "," + TestSupport.call("shutdown", id: "2") + "]").utf8))
        #expect(batch.shutdown)
        #expect(!service.handle(Array(TestSupport.call("health").utf8)).shutdown)
        let refused = service.handle(Array(#"{"jsonrpc":"2.0","method":"shutdown","params":{"now":true},"id":3}"#.utf8))
        #expect(!refused.shutdown, "a shutdown with invalid params is refused and does not stop the server")
        #expect(TestSupport.errorCode(TestSupport.parse(refused.text ?? "")) == -32602)
    }

    @Test func lineTooLongResponse() {
        let r = TestSupport.parse(String(decoding: Service.lineTooLong(limit: 99), as: UTF8.self))
        #expect(TestSupport.errorCode(r) == -32600)
        #expect(r["id"] == .null)
        #expect(r["error"]?["message"]?.stringValue?.contains("line too long") == true)
        #expect(r["error"]?["data"]?["value"] == 99)
    }

    // MARK: Reload

    @Test func reloadGoodAndBad() throws {
        let dir = try TestSupport.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = try Service(source: .directory(dir), engines: 2)
        let before = service.engine.ruleset.sha256
        #expect(before == TestSupport.ruleset.sha256)

        try TestSupport.edit(dir, file: "00-ruleset.rules", replacing: "version: 1.0.0", with: "version: 1.0.1")
        let good = TestSupport.parse(service.handle(TestSupport.call("ruleset.reload", id: #""r1""#)) ?? "")
        #expect(good["result"]?["version"] == "1.0.1")
        #expect(good["result"]?["previousSha256"]?.stringValue == before)
        let after = good["result"]?["sha256"]?.stringValue
        #expect(after != nil && after != before)
        #expect(TestSupport.parse(service.handle(TestSupport.call("ruleset.info")) ?? "")["result"]?["version"] == "1.0.1")
        let decision = TestSupport.parse(service.handle(TestSupport.evaluate(TestSupport.typicalCase)) ?? "")
        #expect(decision["result"]?["ruleset"]?["version"] == "1.0.1")

        try TestSupport.edit(dir, file: "00-ruleset.rules", replacing: "version: 1.0.1", with: "version 1.0.2 broken ::")
        let bad = TestSupport.parse(service.handle(TestSupport.call("ruleset.reload", id: #""r2""#)) ?? "")
        #expect(TestSupport.errorCode(bad) == -32000)
        #expect(bad["id"] == "r2")
        let diagnostics = bad["error"]?["data"]?.arrayValue ?? []
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0["file"]?.stringValue != nil && $0["line"]?.numberValue != nil && $0["message"]?.stringValue != nil })
        #expect(diagnostics.contains { $0["severity"] == "error" })
        // The old ruleset keeps serving.
        #expect(service.engine.ruleset.sha256 == after)
        let still = TestSupport.parse(service.handle(TestSupport.evaluate(TestSupport.typicalCase)) ?? "")
        #expect(still["result"]?["ruleset"]?["version"] == "1.0.1")

        // A missing directory is refused the same way.
        try FileManager.default.removeItem(at: dir)
        let gone = TestSupport.parse(service.handle(TestSupport.call("ruleset.reload", id: #""r3""#)) ?? "")
        #expect(TestSupport.errorCode(gone) == -32000)
        #expect(service.engine.ruleset.sha256 == after)
    }

    @Test func reloadOfTheBundledRules() {
        let service = Service(ruleset: TestSupport.ruleset, source: .bundled)
        let r = TestSupport.parse(service.handle(TestSupport.call("ruleset.reload")) ?? "")
        #expect(r["result"]?["sha256"]?.stringValue == TestSupport.ruleset.sha256)
    }

    @Test func reloadWhileEvaluatingConcurrently() throws {
        let dir = try TestSupport.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = try Service(source: .directory(dir), engines: 2)
        let cases = Array(TestSupport.fixtureCases.prefix(8))
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            let line = i % 6 == 0 ? TestSupport.call("ruleset.reload", id: "\(i)") : TestSupport.evaluate(cases[i % cases.count], id: "\(i)")
            let r = TestSupport.parse(service.handle(line) ?? "")
            if r["result"] == nil || r["id"] != .number(JSONNumber(i)) { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
    }
}
