/// The case fields a trace has written: per fact number (``FieldRead/Recorded/fact``), where
/// its `"pointer":value` text was first written.
///
/// Indexed by fact number, so a lookup is two loads: the trace looks up every field read
/// (thousands per decision, most of them repeats of earlier entries' facts). Per fact only a
/// 32-bit reference to its text is kept, so the part that must be cleared for each trace is
/// small; the texts themselves are appended as facts are written. It is a class over manually
/// allocated memory because an array would check its uniqueness on every access; a table
/// belongs to one trace writer on one thread, so the dynamic exclusivity checks on its
/// properties buy nothing either.
final class WrittenFacts {
    /// Per fact: 1 + the index in ``texts`` of its text, 0 while not written.
    @exclusivity(unchecked) private var refs: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var factCount: Int
    /// The texts written, in writing order; room for one per fact.
    @exclusivity(unchecked) private var texts: UnsafeMutablePointer<Range<Int>>
    @exclusivity(unchecked) private var textCount: Int32 = 0

    /// An empty table for facts numbered `0 ..< facts`.
    init(facts: Int) {
        factCount = facts
        refs = UnsafeMutablePointer<Int32>.allocate(capacity: facts)
        texts = UnsafeMutablePointer<Range<Int>>.allocate(capacity: facts)
        clear()
    }

    deinit {
        refs.deallocate()
        texts.deallocate()
    }

    /// Where `fact` was written, nil when it was not.
    @inline(__always)
    func text(_ fact: Int) -> Range<Int>? {
        assert(fact >= 0 && fact < factCount, "fact number out of range")
        let ref = refs[fact]
        return ref == 0 ? nil : texts[Int(ref &- 1)]
    }

    /// Records where `fact`, not written before, was written.
    @inline(__always)
    func setText(_ text: Range<Int>, of fact: Int) {
        assert(fact >= 0 && fact < factCount && refs[fact] == 0, "fact number out of range or written")
        (texts + Int(textCount)).initialize(to: text)
        textCount &+= 1
        refs[fact] = textCount
    }

    /// Forgets every text and makes room for facts numbered `0 ..< facts` (the facts of
    /// another case, whose numbers name other fields).
    func reset(facts: Int) {
        if facts > factCount {
            refs.deallocate()
            texts.deallocate()
            refs = UnsafeMutablePointer<Int32>.allocate(capacity: facts)
            texts = UnsafeMutablePointer<Range<Int>>.allocate(capacity: facts)
            factCount = facts
        }
        clear()
    }

    /// Marks every fact not written: zero bytes, in one fill (an element-wise initialisation
    /// is a loop of stores).
    private func clear() {
        UnsafeMutableRawBufferPointer(start: refs, count: factCount * MemoryLayout<Int32>.stride).initializeMemory(as: UInt8.self, repeating: 0)
        textCount = 0
    }
}
