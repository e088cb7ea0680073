import Dispatch
import Foundation

/// Runs independent work on all cores with results in input order.
///
/// The index range is cut into contiguous chunks (several per core, so uneven work still
/// balances); `DispatchQueue.concurrentPerform` runs the chunks and each chunk writes only its
/// own result slot, so no locks are needed and the output order is the input order.
public enum Parallel {
    /// The number of cores work is spread over.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body` over consecutive ranges covering `0..<count` and returns the results in range order.
    /// - Parameters:
    ///   - count: the number of items.
    ///   - workers: how many cores to use (default: all).
    ///   - body: called once per chunk, concurrently; must not share mutable state.
    public static func chunks<R: Sendable>(count: Int, workers: Int = Parallel.cores,
                                           _ body: @Sendable (Range<Int>) -> R) -> [R] {
        guard count > 0 else { return [] }
        let workers = max(1, workers)
        if workers == 1 || count == 1 { return [body(0..<count)] }
        let pieces = min(count, workers * 8)
        let size = (count + pieces - 1) / pieces
        let n = (count + size - 1) / size
        let slots = Slots<R>(n)
        DispatchQueue.concurrentPerform(iterations: n) { k in
            let lower = k * size
            slots.set(k, body(lower..<min(count, lower + size)))
        }
        return slots.take()
    }

    /// Maps `0..<count` through `transform` on all cores; the result is in index order.
    public static func map<T: Sendable>(count: Int, workers: Int = Parallel.cores, _ transform: @Sendable (Int) -> T) -> [T] {
        chunks(count: count, workers: workers) { range in range.map(transform) }.flatMap { $0 }
    }
}

/// Result slots written by distinct chunks; each index is written exactly once.
private final class Slots<R>: @unchecked Sendable {
    private var storage: UnsafeMutableBufferPointer<R?>

    init(_ count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ value: R) { storage[index] = value }

    func take() -> [R] { storage.map { $0! } }
}
