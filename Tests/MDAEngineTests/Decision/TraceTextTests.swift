import ByteJSON
import Testing
@testable import MDAEngine

/// The ruleset's trace texts are the entry openings and keys the writer would otherwise build
/// from the ids, escaped the same way.
@Suite("Trace texts")
struct TraceTextTests {
    static func text(_ t: TraceText, _ range: Range<Int>) -> String { String(decoding: t.bytes[range], as: UTF8.self) }

    @Test func entryHeadsAndSlotKeysAreEscapedJSON() {
        let t = TraceText(ruleIDs: ["acute", "odd\"id\\"], slotNames: ["case", "acute", "domain.x.members", "ü\n"])
        #expect(t.entryHeads.map { Self.text(t, $0) } == [#"{"rule":"acute","result":"#, #"{"rule":"odd\"id\\","result":"#])
        // The ruleset's slots, then the facts a trace lists like rules.
        #expect(t.slotKeys.map { Self.text(t, $0) } == [#""case":"#, #""acute":"#, #""domain.x.members":"#, "\"ü\\n\":"]
                + TraceReads.facts.map { "\"\($0)\":" })
    }

    /// The bundled ruleset's texts name every rule and slot it has.
    @Test func bundledRulesetHasATextPerRuleAndSlot() throws {
        let rs = try Ruleset.bundled()
        #expect(rs.traceText.entryHeads.count == rs.ruleIDs.count)
        #expect(rs.traceText.slotKeys.count == rs.slotNames.count + TraceReads.facts.count)
        for (i, id) in rs.ruleIDs.enumerated() {
            #expect(Self.text(rs.traceText, rs.traceText.entryHeads[i]) == "{\"rule\":\"\(id)\",\"result\":")
        }
    }
}
