import Foundation
import MDAEngine

/// The engine currently serving: a lock-protected reference swapped atomically on reload.
///
/// Readers take the reference once per request and keep using that engine for the whole
/// request, so a reload never mixes two rulesets within one answer.
final class EngineSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: Engine

    /// Creates a slot holding `engine`.
    init(_ engine: Engine) { self.engine = engine }

    /// The engine serving now.
    var current: Engine {
        lock.lock()
        defer { lock.unlock() }
        return engine
    }

    /// Replaces the engine and returns the previous one.
    @discardableResult
    func replace(with newEngine: Engine) -> Engine {
        lock.lock()
        defer { lock.unlock() }
        let old = engine
        engine = newEngine
        return old
    }
}
