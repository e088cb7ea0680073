/// A growable stack that hands its top elements over by moving them, never copying.
///
/// ``JSONParser`` keeps the values of all open containers on one stack; closing a container
/// moves its elements into a new array of exactly the right size, so each container costs one
/// allocation and no reference-count traffic for its elements.
struct MoveStack<Element>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of elements on the stack.
    private(set) var count = 0

    /// Creates an empty stack with room for `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        self.storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Pushes `element`.
    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Pops the top element. The stack must not be empty.
    mutating func pop() -> Element {
        precondition(count > 0, "pop from an empty stack")
        count -= 1
        return (storage + count).move()
    }

    /// Moves the elements from `start` to the top into a new array, leaving `start` elements.
    mutating func popArray(from start: Int) -> [Element] {
        let n = count - start
        precondition(n >= 0, "stack underflow")
        count = start
        return MoveStack.array(moving: storage + start, count: n)
    }

    /// A new array holding `count` elements moved out of `source`.
    ///
    /// Built with `reserveCapacity` and `append`, whose allocation the compiler specialises for
    /// `Element`; `Array(unsafeUninitializedCapacity:)` goes through an unspecialised runtime
    /// path that looks up the array's type metadata on every call, which costs more.
    static func array(moving source: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for i in 0..<count { result.append((source + i).move()) }
        return result
    }

    /// Removes the top `n` elements and lets `body` move them out of the pointer it receives;
    /// `body` must move (or deinitialise) all `n` elements.
    mutating func popLast<R>(_ n: Int, _ body: (UnsafeMutablePointer<Element>) -> R) -> R {
        precondition(n >= 0 && n <= count, "stack underflow")
        count -= n
        return body(storage + count)
    }

    /// Calls `body` with the element at `index` (which must be below ``count``).
    func withElement<R>(at index: Int, _ body: (borrowing Element) -> R) -> R {
        body(storage[index])
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
