import CEL

/// The other rules (and facts that are not rules) a trace entry's rule read, in reading order.
public struct RuleReads: RandomAccessCollection, Sendable {
    /// The trace's reads.
    let reads: TraceReads
    /// This entry's part of `reads.rules`.
    let range: Range<Int>

    /// The first read's position: 0.
    public var startIndex: Int { 0 }
    /// The number of reads.
    public var endIndex: Int { range.count }

    /// The read at `position`.
    public subscript(position: Int) -> RuleRead {
        precondition(position >= 0 && position < range.count, "read index out of range")
        let index = range.lowerBound + position, slot = reads.rules[index].slot
        return RuleRead(rule: reads.name(slot), value: reads.value(at: index), slot: slot)
    }
}
