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
    /// Per record, by its first fact number: where the opening quote and escaped path of the
    /// first key written for one of its fields lie (offset << 20 | length), 0 while none was.
    @exclusivity(unchecked) private var heads: UnsafeMutablePointer<UInt64>

    /// An empty table for facts numbered `0 ..< facts`.
    init(facts: Int) {
        factCount = facts
        refs = UnsafeMutablePointer<Int32>.allocate(capacity: facts)
        texts = UnsafeMutablePointer<Range<Int>>.allocate(capacity: facts)
        heads = UnsafeMutablePointer<UInt64>.allocate(capacity: facts)
        clear()
    }

    deinit {
        refs.deallocate()
        texts.deallocate()
        heads.deallocate()
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

    /// Where the key head of the record whose first fact is `record` was written, nil when
    /// none was.
    @inline(__always)
    func head(_ record: Int) -> Range<Int>? {
        assert(record >= 0 && record < factCount, "fact number out of range")
        let head = heads[record]
        guard head != 0 else { return nil }
        let start = Int(truncatingIfNeeded: head &>> 20)
        return start ..< start &+ Int(truncatingIfNeeded: head & 0xF_FFFF)
    }

    /// Records where the key head of the record whose first fact is `record` was written; a
    /// head too long to record is simply written again next time.
    @inline(__always)
    func setHead(_ head: Range<Int>, of record: Int) {
        assert(record >= 0 && record < factCount, "fact number out of range")
        // Every head holds at least its opening quote, so a recorded one is never 0.
        if head.count < 1 << 20 { heads[record] = UInt64(head.lowerBound) << 20 | UInt64(head.count) }
    }

    /// Forgets every text and makes room for facts numbered `0 ..< facts` (the facts of
    /// another case, whose numbers name other fields).
    func reset(facts: Int) {
        if facts > factCount {
            refs.deallocate()
            texts.deallocate()
            heads.deallocate()
            refs = UnsafeMutablePointer<Int32>.allocate(capacity: facts)
            texts = UnsafeMutablePointer<Range<Int>>.allocate(capacity: facts)
            heads = UnsafeMutablePointer<UInt64>.allocate(capacity: facts)
            factCount = facts
        }
        clear()
    }

    /// Marks every fact not written: zero bytes, in one fill (an element-wise initialisation
    /// is a loop of stores).
    private func clear() {
        UnsafeMutableRawBufferPointer(start: refs, count: factCount * MemoryLayout<Int32>.stride).initializeMemory(as: UInt8.self, repeating: 0)
        UnsafeMutableRawBufferPointer(start: heads, count: factCount * MemoryLayout<UInt64>.stride).initializeMemory(as: UInt8.self, repeating: 0)
        textCount = 0
    }
}
