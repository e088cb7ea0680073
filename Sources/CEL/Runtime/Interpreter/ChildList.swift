/// A node's children held unretained in a buffer of their own, for nodes that evaluate a list
/// of children: walking the node's strong array retained the array's storage and each child
/// around its call. The node keeps the strong array (which keeps the children alive) and frees
/// the buffer in its `deinit` with ``deallocate()``.
struct ChildList {
    private let buffer: UnsafeMutableBufferPointer<Unmanaged<EvalNode>>

    /// The children of `nodes`, in order, unretained.
    init(_ nodes: [EvalNode]) {
        buffer = .allocate(capacity: nodes.count)
        _ = buffer.initialize(from: nodes.map { Unmanaged.passUnretained($0) })
    }

    /// The number of children.
    @inline(__always) var count: Int { buffer.count }

    /// Child `i` (`0 <= i < count`).
    @inline(__always) subscript(i: Int) -> Unmanaged<EvalNode> { buffer[i] }

    /// Frees the buffer (the elements are trivial).
    func deallocate() { buffer.deallocate() }
}
