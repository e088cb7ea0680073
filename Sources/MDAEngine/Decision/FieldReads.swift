import CEL

/// The case fields a trace entry's rule read, in reading order (possibly with repeats).
public struct FieldReads: RandomAccessCollection, Sendable {
    /// The trace's reads.
    let reads: TraceReads
    /// This entry's part of `reads.fields`.
    let range: Range<Int>

    /// The first read's position: 0.
    public var startIndex: Int { 0 }
    /// The number of reads.
    public var endIndex: Int { range.count }

    /// The read at `position`.
    public subscript(position: Int) -> FieldRead {
        precondition(position >= 0 && position < range.count, "read index out of range")
        // `reads` holds the trace's case value, which keeps the record alive.
        let read = reads.fields[range.lowerBound + position]
        return FieldRead(object: read.object, field: read.field)
    }
}
