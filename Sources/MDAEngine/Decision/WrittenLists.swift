/// Lists a trace has written as values, by their buffer's address: the case graph shares one
/// list among all incidents with the same people or kinds, so most list fields a trace writes
/// are a list already written, whose text can be copied instead of written element by element.
///
/// A small direct-mapped cache: a list whose slot another list took is simply written again.
/// Addresses are sound keys because the decisions written keep every list they hold alive
/// while the trace is written (even entries of several evaluations), and a list's trace text
/// depends only on its elements. A class over
/// manually allocated slots, for the reasons ``WrittenFacts`` is.
final class WrittenLists {
    private struct Slot {
        var address: UInt = 0
        var text: Range<Int> = 0..<0
    }

    private static let bits = 6
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>

    init() {
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: 1 << WrittenLists.bits)
        slots.initialize(repeating: Slot(), count: 1 << WrittenLists.bits)
    }

    deinit { slots.deallocate() }

    /// Where the list with buffer `address` was written, nil when not (or no longer) known.
    @inline(__always)
    func text(_ address: UInt) -> Range<Int>? {
        let slot = slots + WrittenLists.index(address)
        return slot.pointee.address == address ? slot.pointee.text : nil
    }

    /// Records where the list with buffer `address` was written.
    @inline(__always)
    func setText(_ text: Range<Int>, of address: UInt) {
        slots[WrittenLists.index(address)] = Slot(address: address, text: text)
    }

    /// Fibonacci hashing of the address, whose low bits are alignment.
    @inline(__always)
    private static func index(_ address: UInt) -> Int {
        Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) &>> UInt(64 - bits))
    }
}
