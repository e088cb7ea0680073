import ByteJSON
import Testing
@testable import MDARegression

/// `CaseDocument.caseIndex(on:)` picks the case on a tape by the rule `read(_:)` applies to a tree.
@Suite struct CaseDocumentTests {
    @Test(arguments: [
        #"{"case":{"caseId":"a"},"expect":{}}"#,            // a fixture: its case
        #"{"schema":"mda-case/1","case":{"x":1}}"#,          // has a schema: the document itself
        #"{"caseId":"b"}"#,                                   // a plain case
        #"{"case":null}"#, #"{"case":[1]}"#, #"[{"case":{}}]"#, #""text""#,
        #"{"case":{"n":1},"case":{"n":2}}"#,                 // the first member named case
    ])
    func tapeAndTreeAgree(_ text: String) throws {
        let bytes = Array(text.utf8)
        let tape = try JSONReader().readTape(bytes)
        let fromTape = tape.withView { $0.value(CaseDocument.caseIndex(on: tape)) }
        let fromTree = try CaseDocument.read(CaseSource(file: "t.json", line: nil, bytes: bytes[...])).get().value
        #expect(fromTape == fromTree)
    }
}
