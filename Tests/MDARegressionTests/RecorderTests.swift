import ByteJSON
import MDAEngine
import Testing
@testable import MDARegression

@Suite struct RecorderTests {
    @Test func fileNamesAreSafe() {
        #expect(FixtureRecorder.fileName(caseId: "VT-2025/0042") == "VT-2025_0042.json")
        #expect(FixtureRecorder.fileName(caseId: "../../etc/passwd") == "_.._etc_passwd.json")
        #expect(FixtureRecorder.fileName(caseId: "ë ü") == "case.json")
        #expect(FixtureRecorder.fileName(caseId: "a b") == "a_b.json")
        #expect(FixtureRecorder.fileName(caseId: nil) == "case.json")
        #expect(FixtureRecorder.fileName(caseId: "...") == "case.json")
        #expect(FixtureRecorder.fileName(caseId: String(repeating: "x", count: 300)).count == 105)
    }

    @Test func recordedFixturesPassAndRoundTrip() throws {
        let check = FixtureCheck(ruleset: Support.engine.ruleset)
        for n in ["006", "025", "038", "039", "047", "055"] {
            let original = try Support.fixture(n)
            let outcome = Support.engine.evaluate(json: original.caseDocument)
            let doc = FixtureRecorder.fixture(original.caseDocument, outcome: outcome, ruleset: Support.engine.ruleset)
            let bytes = PrettyJSON.bytes(doc)
            #expect(try JSONReader().read(bytes) == doc)
            let fixture = try Fixture.parse(CaseSource(file: "r.json", line: nil, bytes: bytes[...])).get()
            #expect(fixture.caseDocument == original.caseDocument)
            #expect(check.failures(fixture.expect, outcome: outcome).isEmpty, "\(n)")
        }
    }

    @Test func caseDocumentsAcceptCasesAndFixtures() throws {
        let fixture = try CaseDocument.read(Support.fixtureSource(#"{"case": {"caseId": "x"}, "expect": {}}"#)).get()
        #expect(fixture.fromFixture && fixture.caseId == "x")
        let plain = try CaseDocument.read(Support.fixtureSource(#"{"schema": "mda-case/1", "caseId": "y", "case": 1}"#)).get()
        #expect(!plain.fromFixture && plain.caseId == "y")
    }
}
