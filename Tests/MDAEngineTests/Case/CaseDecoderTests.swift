import Testing
@testable import MDAEngine

@Suite("CaseDecoder")
struct CaseDecoderTests {
    @Test("a minimal case decodes; absent and null stay distinct")
    func minimal() throws {
        let f = try #require(TestSupport.decode(TestSupport.caseJSON(#""household":{"debts":null}"#)))
        #expect(f.caseId == "t-1")
        #expect(f.members.count == 2)
        #expect(f.household.isPresent)
        #expect(f.household[.debts] == .null)
        #expect(f.household[.unemployment] == .absent)
        #expect(!f.coerciveControl.isPresent)
    }

    @Test("every input error is collected with its JSON Pointer and code", arguments: [
        (#"{"caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}]}"#, ["/schema missing"]),
        (#"{"schema":"mda-case/2","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}]}"#, ["/schema schema"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-02-30","members":[{"id":"a","age":1}]}"#, ["/referenceDate date"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":20250101,"members":[{"id":"a","age":1}]}"#, ["/referenceDate type"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[]}"#, ["/members range"]),
        (#"{"schema":"mda-case/1","caseId":"","referenceDate":"2025-01-01","members":[{"id":"a","age":1}]}"#, ["/caseId range"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":121}]}"#, ["/members/0/age range"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":3.5}]}"#, ["/members/0/age type"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1,"gender":"x"}]}"#, ["/members/0/gender enum"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1},{"id":"a","age":2}]}"#, ["/members/1/id duplicate_id"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"incidents":[{"date":"2024-01-01","kinds":["physical"],"victims":["zz"]}]}"#, ["/incidents/0/victims/0 unknown_member"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"incidents":[{"date":"2025-01-02","kinds":["physical"]}]}"#, ["/incidents/0/date date_after_reference"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"incidents":[{"date":"2024-01-01","kinds":[]}]}"#, ["/incidents/0/kinds range"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"incidents":[{"kinds":["physical"]}]}"#, ["/incidents/0/date missing"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"assessment":{"safetyScore":11}}"#, ["/assessment/safetyScore range"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"household":{"debts":"yes"}}"#, ["/household/debts type"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"care":{"agencies":[{"kind":"police","since":"1899-12-31"}]}}"#, ["/care/agencies/0/since range"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"history":{"previousMdaPlusPlus":true}}"#, ["/history/previousMdaPlusPlus type"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a","age":1}],"relationships":[{"a":"a","kind":"partner"}]}"#, ["/relationships/0/b missing"]),
        (#"{"schema":"mda-case/1","caseId":"x","referenceDate":"2025-01-01","members":[{"id":"a"}],"justice":{"restrainingOrders":["2026-01-01"]}}"#, ["/members/0/age missing", "/justice/restrainingOrders/0 date_after_reference"]),
        (#"[1,2]"#, [" type"]),
        (#"{"schema":"mda-case/1",}"#, [" not_json"]),
        (#"{"a":NaN}"#, [" not_json"]),
    ])
    func errors(json: String, expected: [String]) {
        // A document-level error has the empty pointer, so it reads " code".
        #expect(TestSupport.errors(json) == Set(expected))
    }

    @Test("repeated member ids are found among many members and by canonical equivalence")
    func repeatedIds() {
        // Beyond the linear-scan limit: repeats are found by hashing, each after its first use.
        let many = (0..<40).map { i in #"{"id":"m\#(i == 35 ? 2 : i == 38 ? 7 : i)","age":1}"# }.joined(separator: ",")
        #expect(TestSupport.errors(TestSupport.caseJSON(members: "[\(many)]")) == ["/members/35/id duplicate_id", "/members/38/id duplicate_id"])
        // "\u{212A}" (Kelvin sign) equals "K" as Swift compares strings.
        #expect(TestSupport.errors(TestSupport.caseJSON(members: #"[{"id":"K","age":1},{"id":"x","age":1},{"id":"\u212A","age":2}]"#))
                == ["/members/2/id duplicate_id"])
        let f = TestSupport.decode(TestSupport.caseJSON(#""incidents":[{"date":"2024-01-01","kinds":["physical"],"victims":["K","a"]}]"#,
                                                        members: #"[{"id":"a","age":1},{"id":"\u212A","age":2}]"#))
        #expect(f?.incidents.first?.victims == ["K", "a"])
        let many2 = (0..<40).map { i in #"{"id":"\u212A\#(i)","age":1}"# }.joined(separator: ",")
        let g = TestSupport.decode(TestSupport.caseJSON(#""incidents":[{"date":"2024-01-01","kinds":["physical"],"victims":["K39","\u212A3"]}]"#,
                                                        members: "[\(many2)]"))
        #expect(g?.incidents.first?.victims == ["K39", "\u{212A}3"])
    }

    @Test("member references match ids of any length exactly, errors at the element's pointer")
    func referenceLengths() {
        let long = "member-with-a-long-identifier"   // beyond the 16 bytes compared as two words
        let members = #"[{"id":"\#(long)","age":30},{"id":"abcdefghijklmnop","age":5},{"id":"abcdefghijklmno","age":5}]"#
        let f = TestSupport.decode(TestSupport.caseJSON(
            #""incidents":[{"date":"2024-01-01","kinds":["physical"],"victims":["\#(long)","abcdefghijklmno","abcdefghijklmnop"]}]"#,
            members: members))
        #expect(f?.incidents.first?.victims == [long, "abcdefghijklmno", "abcdefghijklmnop"])
        #expect(TestSupport.errors(TestSupport.caseJSON(
            #""incidents":[{"date":"2024-01-01","kinds":["physical","nope"],"victims":["\#(long)x","abcdefghijklmnopq","member"]}]"#,
            members: members)) == ["/incidents/0/kinds/1 enum", "/incidents/0/victims/0 unknown_member",
                                   "/incidents/0/victims/1 unknown_member", "/incidents/0/victims/2 unknown_member"])
    }

    @Test("repeated lists of member references read like the first, and bad ones report at each place")
    func repeatedReferenceLists() {
        let incidents = [
            #"{"date":"2024-01-01","kinds":["physical"],"victims":["a","b"],"witnesses":["a"]}"#,
            #"{"date":"2024-01-02","kinds":["physical"],"victims":["a","b"],"witnesses":["a","b","a"]}"#,  // repeat, then a longer list
            #"{"date":"2024-01-03","kinds":["physical"],"victims":["a"],"witnesses":["b","a"]}"#,          // a prefix, a reordering
        ].joined(separator: ",")
        let f = TestSupport.decode(TestSupport.caseJSON(#""incidents":[\#(incidents)]"#))
        #expect(f?.incidents.map(\.victims) == [["a", "b"], ["a", "b"], ["a"]])
        #expect(f?.incidents.map(\.witnesses) == [["a"], ["a", "b", "a"], ["b", "a"]])
        // A list with an unknown member is not reused: the same list again reports again.
        let bad = [
            #"{"date":"2024-01-01","kinds":["physical"],"victims":["a","zz"]}"#,
            #"{"date":"2024-01-01","kinds":["physical"],"victims":["a","zz"]}"#,
            #"{"date":"2024-01-01","kinds":["physical"],"victims":["a"],"witnesses":["a",1]}"#,
            #"{"date":"2024-01-01","kinds":["physical"],"victims":["a",null]}"#,
        ].joined(separator: ",")
        #expect(TestSupport.errors(TestSupport.caseJSON(#""incidents":[\#(bad)]"#)) == [
            "/incidents/0/victims/1 unknown_member", "/incidents/1/victims/1 unknown_member",
            "/incidents/2/witnesses/1 type", "/incidents/3/victims/1 missing",
        ])
    }

    @Test("error messages never contain the offending value (privacy)")
    func privacy() {
        let secret = "GEHEIM-4711"
        let json = TestSupport.caseJSON(#""incidents":[{"date":"\#(secret)","kinds":["\#(secret)"],"victims":["\#(secret)"]}],"household":{"debts":"\#(secret)"}"#)
        guard case .failure(let e) = CaseDecoder.decode(bytes: Array(json.utf8)) else {
            Issue.record("expected errors")
            return
        }
        #expect(e.errors.count == 4)
        for err in e.errors {
            #expect(!err.message.contains(secret))
            #expect(!err.path.contains(secret))
        }
    }

    @Test("unknown fields are ignored and reported as warnings")
    func ignored() throws {
        let f = try #require(TestSupport.decode(TestSupport.caseJSON(#""nickname":"x","household":{"pets":1}"#)))
        #expect(f.ignoredKeys == ["/nickname", "/household/pets"])
        let d = TestSupport.engine.evaluate(f)
        #expect(d.warnings.contains("ignored unknown field /nickname"))
    }
}
