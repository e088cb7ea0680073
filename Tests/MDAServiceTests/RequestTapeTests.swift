import ByteJSON
import Foundation
import MDAEngine
import Testing
@testable import MDAService

/// The daemon decodes a request's case straight off the request's tape; these tests hold that
/// to the tree the reader makes and to decoding the case from that tree.
@Suite struct RequestTapeTests {
    static let messages: [String] = [
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":{"a":[1,2.50,{"b":null}]},"explain":true}}"#,
        #"{"params":{"explain":false,"case":{}},"id":"x","method":"evaluate","jsonrpc":"2.0"}"#,
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":null}}"#,
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":[1,2]}}"#,
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":[{"case":{}}]}"#,
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":{"x":1},"case":{"y":2}}}"#,
        #"{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":{"x":1}},"params":{"case":{"y":2}}}"#,
        #"{"jsonrpc":"2.0","method":"health","id":1,"params":{"case":{"\u00e9":"\ud83d\ude00"}}}"#,
        #"[{"jsonrpc":"2.0","method":"evaluate","id":1,"params":{"case":{"k":1}}},3,"s",{"method":"health"},[]]"#,
        #"[]"#, #"17"#, #""text""#, #"null"#,
    ]

    @Test(arguments: messages)
    func theEnvelopeIsTheTreeWithTheCasesLeftOut(_ text: String) throws {
        let bytes = Array(text.utf8)
        let expected = try JSONReader().read(bytes)
        let tape = try JSONReader().readTape(bytes)
        let (message, cases) = tape.withView { RequestTape.split($0) }
        // Putting each case back where `{}` stands gives exactly the reader's tree.
        func restore(_ request: JSONValue, _ at: Int?) -> JSONValue {
            guard let at, case .object(var r) = request, case .object(var params)? = r["params"] else { return request }
            #expect(params["case"] == .object(JSONObject()))
            params["case"] = tape.withView { $0.value(at) }
            r["params"] = .object(params)
            return .object(r)
        }
        switch message {
        case .array(let elements):
            #expect(cases.count == elements.count)
            #expect(JSONValue.array(zip(elements, cases).map { restore($0, $1) }) == expected)
        case .object:
            #expect(cases.count == 1)
            #expect(restore(message, cases[0]) == expected)
        default:
            #expect(cases.isEmpty)
            #expect(message == expected)
        }
    }

    @Test func everyFixtureAnswersAsDecodingItsTreeWould() throws {
        let engine = Engine(ruleset: TestSupport.ruleset)
        let dir = TestSupport.root.appendingPathComponent("Fixtures/cases")
        var checked = 0, rejected = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            let doc = try JSONReader().read([UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)!))
            guard let caseValue = doc["case"] else { continue }
            let reply = try #require(TestSupport.service.handle(TestSupport.evaluate(TestSupport.compact(caseValue))))
            let response = TestSupport.parse(reply)
            switch CaseDecoder.decode(caseValue) {
            case .success(let file):
                var w = JSONWriter(capacity: 1 << 16)
                DecisionWriter.write(engine.evaluate(file), to: &w)
                let expected = #"{"jsonrpc":"2.0","id":1,"result":"# + String(decoding: w.bytes, as: UTF8.self) + "}"
                #expect(reply == expected, "\(name)")
            case .failure(let errors):
                rejected += 1
                let got = response["error"]?["data"]?.arrayValue?.map { "\($0["path"]?.stringValue ?? "?") \($0["code"]?.stringValue ?? "?")" }
                #expect(got == errors.errors.map { "\($0.path) \($0.code.rawValue)" }, "\(name)")
            }
            checked += 1
        }
        #expect(checked >= 50 && rejected >= 10, "the fixtures cover valid and invalid cases (\(checked), \(rejected))")
    }
}
