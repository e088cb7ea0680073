import ByteJSON
import Testing
@testable import MDARegression

@Suite struct FixtureParsingTests {
    @Test func notJSONNamesTheLocation() {
        let result = Fixture.parse(Support.fixtureSource("{\"case\": ", location: "a/b.json"))
        guard case .failure(let e) = result else { Issue.record("expected failure"); return }
        #expect(e.code == .notJSON)
        #expect(e.location == "a/b.json")
        #expect(e.description.hasPrefix("a/b.json: not valid JSON"))
    }

    @Test func missingCase() {
        guard case .failure(let e) = Fixture.parse(Support.fixtureSource("{\"expect\": {}}")) else { Issue.record("expected failure"); return }
        #expect(e.code == .missing)
        #expect(e.pointer == "")
        #expect(e.message.contains("\"case\""))
    }

    @Test func errorsCarryJSONPointers() {
        let cases: [(String, FixtureError.Code, String)] = [
            (#"{"case": {}, "expect": {"rout": "x"}}"#, .unknownKey, "/expect/rout"),
            (#"{"case": {}, "expect": {"route": "mda"}}"#, .value, "/expect/route"),
            (#"{"case": {}, "expect": {"criteria": {"A": "yes"}}}"#, .type, "/expect/criteria/A"),
            (#"{"case": {}, "expect": {"profiles": {"stalking": "maybe"}}}"#, .value, "/expect/profiles/stalking"),
            (#"{"case": {}, "expect": {"riskFactors": {"present": ["a", 3]}}}"#, .type, "/expect/riskFactors/present/1"),
            (#"{"case": {}, "expect": {"missing": {"entries": [{"fact": "/x", "couldMakeAcute": 1}]}}}"#, .type, "/expect/missing/entries/0/couldMakeAcute"),
            (#"{"case": {}, "expect": {"errors": [{"path": "/a", "code": "nope"}]}}"#, .value, "/expect/errors/0/code"),
            (#"{"case": {}, "expect": {}, "extra": 1}"#, .unknownKey, "/extra"),
            (#"{"case": [], "expect": {}}"#, .type, "/case"),
            (#"{"case": {}, "expect": {"acute": true, "acute": false}}"#, .value, "/expect/acute"),
        ]
        for (text, code, pointer) in cases {
            guard case .failure(let e) = Fixture.parse(Support.fixtureSource(text)) else {
                Issue.record("expected a failure for \(text)")
                continue
            }
            #expect(e.code == code, "\(text)")
            #expect(e.pointer == pointer, "\(text)")
        }
    }

    @Test func everyKeyParses() throws {
        let text = #"""
        {"title": "t", "notes": "n", "case": {"schema": "mda-case/1"}, "expect": {
          "route": "veiligheidsteam", "acute": null, "provisional": true, "raisedByJudgement": false,
          "phase": "direct_safety", "problemCategory": 2, "criteria": {"A": true, "H": null},
          "profiles": {"stalking": "possible"},
          "riskFactors": {"present": ["weapon"], "unknown": [], "includes": ["weapon"], "absent": ["injury"]},
          "actions": {"present": ["safety_plan"], "includes": [], "absent": ["kindcheck"]},
          "missing": {"includes": ["/a"], "excludes": ["/b"], "entries": [{"fact": "/a", "couldRaiseRouteTo": null, "couldMakeAcute": true}]},
          "warnings": ["ignored"]}}
        """#
        let f = try Fixture.parse(Support.fixtureSource(text)).get()
        #expect(f.title == "t")
        #expect(f.expect.route == .veiligheidsteam)
        #expect(f.expect.acute == .unknown)
        #expect(f.expect.criteria.map(\.id) == ["A", "H"])
        #expect(f.expect.criteria.map(\.value) == [.true, .unknown])
        #expect(f.expect.profiles.first?.status == .possible)
        #expect(f.expect.factorsPresent == ["weapon"])
        #expect(f.expect.factorsUnknown == [])
        #expect(f.expect.missingEntries == [.init(fact: "/a", couldRaiseRouteTo: .some(nil), couldMakeAcute: true)])
        #expect(f.expect.warnings == ["ignored"])
        #expect(f.expect.errors == nil)
    }
}
