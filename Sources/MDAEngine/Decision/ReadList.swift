/// A growable list of recorded reads: what an array would be, but appending checks only the
/// capacity.
///
/// The recorder appends every field and rule read of an evaluation (thousands per decision,
/// tens of thousands for a large case); an array append also checks that its buffer is not
/// shared, a runtime call each time. A list belongs to one evaluation: it is appended to only
/// while that evaluation runs and its decision is assembled, on one thread, and only read once
/// a trace shares it, so the dynamic exclusivity checks on its properties buy nothing either.
final class ReadList<Element>: RandomAccessCollection, @unchecked Sendable {
    /// The first element; `capacity` elements are allocated, `count` initialized.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    /// An empty list with room for `capacity` elements before it grows.
    init(capacity: Int = 0) {
        self.capacity = Swift.max(capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    /// A list of `elements`.
    convenience init(_ elements: [Element]) {
        self.init(capacity: elements.count)
        for e in elements { append(e) }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The first position: 0.
    var startIndex: Int { 0 }
    /// The number of elements.
    var endIndex: Int { count }

    /// The element at `position`.
    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "read index out of range")
        return base[position]
    }

    /// Adds `element` at the end.
    @inline(__always)
    func append(_ element: Element) {
        // The growing append is a call of its own that the fast path ends in, so that the
        // fast path keeps nothing across a call: the recorder's callers, inlining it, then
        // save no registers.
        if _slowPath(count == capacity) { return growAndAppend(element) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Doubles the capacity, then adds `element` at the end.
    @inline(never)
    private func growAndAppend(_ element: Element) {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
        (base + count).initialize(to: element)
        count &+= 1
    }
}
