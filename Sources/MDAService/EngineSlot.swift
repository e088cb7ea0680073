import Foundation
import MDAEngine

/// The engines currently serving: a lock-protected reference to an ``EnginePool``, swapped
/// atomically on reload.
///
/// Readers take the pool once per request and keep using an engine of that pool for the whole
/// request, so a reload never mixes two rulesets within one answer.
final class EngineSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var pool: EnginePool

    /// Creates a slot holding `pool`.
    init(_ pool: EnginePool) { self.pool = pool }

    /// The pool serving now.
    var current: EnginePool {
        lock.lock()
        defer { lock.unlock() }
        return pool
    }

    /// Replaces the pool and returns the previous one.
    @discardableResult
    func replace(with newPool: EnginePool) -> EnginePool {
        lock.lock()
        defer { lock.unlock() }
        let old = pool
        pool = newPool
        return old
    }
}
