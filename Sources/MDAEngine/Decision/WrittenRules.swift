import CEL

/// The rule reads a trace has written: per activation slot, the last trace entry that listed it
/// and the first text written for it, with the value that text showed.
///
/// A class over manually allocated tables rather than arrays, for the reason ``WrittenFacts``
/// is: the trace checks every rule read (hundreds per decision), and an array would check its
/// uniqueness on each access; a table belongs to one trace writer on one thread, so the dynamic
/// exclusivity checks on its properties buy nothing either.
final class WrittenRules {
    /// Per slot: the last entry that listed it (0: none) and the index in ``texts`` of its
    /// latest text (-1: none).
    private struct Slot {
        var entry: Int32 = 0
        var text: Int32 = -1
    }

    /// A slot's first text and the value it showed.
    ///
    /// The value is referenced, not copied: it lies in a trace's ``TraceReads``, which the
    /// decision keeps alive and unchanged while its trace is written, so the address stays
    /// valid and storing it needs no retain (nor a release when the table goes).
    struct Text {
        /// The value the text showed.
        let value: UnsafePointer<Value>
        /// Where the text was written.
        let start: Int
        let end: Int
    }

    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var slotCount: Int
    @exclusivity(unchecked) private var texts: UnsafeMutablePointer<Text>
    @exclusivity(unchecked) private var textCount = 0
    @exclusivity(unchecked) private var textCapacity: Int

    /// Empty tables with room for `slots` slots and as many texts before they grow.
    init(slots: Int) {
        slotCount = Swift.max(slots, 1)
        self.slots = WrittenRules.emptySlots(slotCount)
        textCapacity = slotCount
        texts = UnsafeMutablePointer<Text>.allocate(capacity: textCapacity)
    }

    deinit {
        slots.deallocate()
        texts.deallocate()
    }

    /// Whether trace entry `entry` (entries count from 1) has listed `slot`.
    @inline(__always)
    func isListed(_ slot: Int, in entry: Int) -> Bool {
        slot < slotCount && slots[slot].entry == Int32(truncatingIfNeeded: entry)
    }

    /// Marks `slot` as listed by `entry` and returns its latest text, if one was written.
    func list(_ slot: Int, in entry: Int) -> Text? {
        if slot >= slotCount { growSlots(to: slot + 1) }
        slots[slot].entry = Int32(truncatingIfNeeded: entry)
        let text = Int(slots[slot].text)
        return text >= 0 ? texts[text] : nil
    }

    /// Records a new text of `slot` and the value it showed; later repeats are compared with it.
    func setText(_ text: Text, of slot: Int) {
        if textCount == textCapacity {
            let larger = UnsafeMutablePointer<Text>.allocate(capacity: 2 * textCapacity)
            larger.moveInitialize(from: texts, count: textCount)
            texts.deallocate()
            texts = larger
            textCapacity *= 2
        }
        (texts + textCount).initialize(to: text)
        slots[slot].text = Int32(truncatingIfNeeded: textCount)
        textCount &+= 1
    }

    /// Forgets every slot's text (slots name the rules of one ruleset: texts written for
    /// another's do not carry over); entries listed stay listed.
    func forgetTexts() {
        for i in 0..<slotCount { slots[i].text = -1 }
        textCount = 0
    }

    private func growSlots(to minimum: Int) {
        let count = Swift.max(minimum, 2 * slotCount)
        let larger = WrittenRules.emptySlots(count)
        larger.update(from: slots, count: slotCount)
        slots.deallocate()
        slots = larger
        slotCount = count
    }

    private static func emptySlots(_ count: Int) -> UnsafeMutablePointer<Slot> {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: count)
        slots.initialize(repeating: Slot(), count: count)
        return slots
    }
}
