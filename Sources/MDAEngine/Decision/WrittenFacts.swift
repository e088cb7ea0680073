/// The case fields a trace has written: per fact number (``FieldRead/Recorded/fact``), where
/// its `"pointer":value` text was first written.
///
/// A table indexed by fact number, so a lookup is one load: the trace looks up every field
/// read (thousands per decision, most of them repeats of earlier entries' facts). It is a class
/// over manually allocated memory because an array would check its uniqueness on every access;
/// a table belongs to one trace writer on one thread, so the dynamic exclusivity checks on its
/// properties buy nothing either.
final class WrittenFacts {
    /// Where a fact's text lies in the output; `end == 0` marks a fact not written yet (a
    /// written text never ends at the document's start).
    struct Text {
        var start = 0
        var end = 0
    }

    @exclusivity(unchecked) private var texts: UnsafeMutablePointer<Text>
    @exclusivity(unchecked) private var count: Int

    /// An empty table for facts numbered `0 ..< facts`.
    init(facts: Int) {
        count = facts
        texts = UnsafeMutablePointer<Text>.allocate(capacity: facts)
        WrittenFacts.clear(texts, facts)
    }

    /// Marks `count` texts at `texts` not written: zero bytes, in one fill (an element-wise
    /// initialisation is a loop of stores).
    private static func clear(_ texts: UnsafeMutablePointer<Text>, _ count: Int) {
        UnsafeMutableRawBufferPointer(start: texts, count: count * MemoryLayout<Text>.stride).initializeMemory(as: UInt8.self, repeating: 0)
    }

    deinit { texts.deallocate() }

    /// Where `fact` was written (`end == 0`: not yet).
    @inline(__always)
    func text(_ fact: Int) -> Text {
        assert(fact >= 0 && fact < count, "fact number out of range")
        return texts[fact]
    }

    /// Records where `fact` was written.
    @inline(__always)
    func setText(_ text: Range<Int>, of fact: Int) {
        assert(fact >= 0 && fact < count, "fact number out of range")
        texts[fact] = Text(start: text.lowerBound, end: text.upperBound)
    }

    /// Forgets every text and makes room for facts numbered `0 ..< facts` (the facts of
    /// another case, whose numbers name other fields).
    func reset(facts: Int) {
        if facts > count {
            texts.deallocate()
            texts = UnsafeMutablePointer<Text>.allocate(capacity: facts)
            count = facts
        }
        WrittenFacts.clear(texts, count)
    }
}
