/// The entries of a ``JSONTape``: a buffer the tape builder fills and then hands over whole, so
/// that finishing a tape copies nothing.
///
/// Immutable once the tape exists, hence safe to share between threads.
@usableFromInline
final class JSONTapeStorage: @unchecked Sendable {
    @usableFromInline let entries: UnsafeMutablePointer<JSONTape.Entry>
    @usableFromInline let count: Int

    /// Takes ownership of `count` initialised entries at `entries`, which must have been allocated
    /// with `UnsafeMutablePointer.allocate`.
    init(taking entries: UnsafeMutablePointer<JSONTape.Entry>, count: Int) {
        self.entries = entries
        self.count = count
    }

    /// A copy of `entries`.
    convenience init(copying entries: [JSONTape.Entry]) {
        let pointer = UnsafeMutablePointer<JSONTape.Entry>.allocate(capacity: max(entries.count, 1))
        _ = UnsafeMutableBufferPointer(start: pointer, count: entries.count).initialize(from: entries)
        self.init(taking: pointer, count: entries.count)
    }

    deinit { entries.deallocate() }
}
