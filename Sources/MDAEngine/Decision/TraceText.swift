import ByteJSON

/// The parts of a trace's JSON that depend only on the ruleset, escaped once when the ruleset
/// is built: per rule the opening of its entry, `{"rule":"<id>","result":`, and per activation
/// slot its key in an entry's facts, `"<name>":`.
///
/// Every decision writes one entry per rule and lists a rule read per slot it read (hundreds of
/// each); writing these from the ids would escape the same strings, and check that they are
/// contiguous, every time.
final class TraceText: Sendable {
    /// The texts, back to back.
    let bytes: [UInt8]
    /// Per rule index, where its entry's opening lies in ``bytes``.
    let entryHeads: [Range<Int>]
    /// Per slot, where its key lies in ``bytes``: the ruleset's slots, then ``TraceReads/facts``.
    let slotKeys: [Range<Int>]

    /// The texts of the rules `ruleIDs` and the slots `slotNames`.
    init(ruleIDs: [String], slotNames: [String]) {
        var bytes: [UInt8] = []
        func add(_ prefix: StaticString, _ text: String, _ suffix: StaticString) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
            JSONWriter.appendEscaped(text, to: &bytes)
            bytes.append(contentsOf: UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
            return start..<bytes.count
        }
        entryHeads = ruleIDs.map { add(#"{"rule":""#, $0, #"","result":"#) }
        slotKeys = (slotNames + TraceReads.facts).map { add("\"", $0, "\":") }
        self.bytes = bytes
    }
}
