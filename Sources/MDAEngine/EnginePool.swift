import Foundation

/// Engines for one ruleset, each lent to one thread at a time: concurrent evaluation without
/// shared reference counts.
///
/// An ``Engine`` is `Sendable`, and evaluating with one engine from many threads is correct.
/// It is not always fast: every evaluation retains and releases the ruleset's objects (programs,
/// rules, constant values) thousands of times, and when two cores do that to the same objects
/// the cache lines holding their counts move between the cores; between cores that share no
/// cache that cost a two-worker daemon about a fifth of its throughput (measured on this
/// project's machines). A pool lends each thread its own engine, compiled from the same rule
/// files (``Ruleset/replica()``), so decisions are byte-identical whichever engine made them.
///
/// ```swift
/// let pool = EnginePool(try Engine.bundled(), engines: 2)
/// let decision = pool.withEngine { $0.evaluate(file) }
/// ```
///
/// The pool holds a fixed number of engines, made up front (compiling a replica of the bundled
/// rules takes about 30 ms, worth it for a daemon or a caseload, not for one case). A thread
/// that finds none idle evaluates with the first engine, shared: still correct.
public final class EnginePool: @unchecked Sendable {
    /// The engine the pool was made with (its ruleset's name, version and SHA-256 are every
    /// replica's).
    public let engine: Engine
    /// How many engines the pool holds, `engine` included.
    public let count: Int
    private let lock = NSLock()
    /// Engines not lent out now, each with the thread that used it last; guarded by `lock`.
    private var idle: [(engine: Engine, thread: pthread_t?)]

    /// Creates a pool of `engine` and `engines - 1` replicas of its ruleset.
    ///
    /// - Parameters:
    ///   - engine: The first engine.
    ///   - engines: How many engines to hold: the number of threads that will evaluate at once.
    public init(_ engine: Engine, engines: Int = 1) {
        self.engine = engine
        count = max(1, engines)
        idle = [(engine, nil)]
        for _ in 1..<count { idle.append((Engine(ruleset: engine.ruleset.replica()), nil)) }
    }

    /// Runs `body` with an engine no other thread of this pool is using meanwhile (or, when all
    /// are lent out, with the first engine, shared).
    public func withEngine<R, E: Error>(_ body: (Engine) throws(E) -> R) throws(E) -> R {
        guard let lent = borrow() else { return try body(engine) }
        defer { giveBack(lent) }
        return try body(lent)
    }

    /// The idle engine this thread used last, else one no thread has used, else any idle one.
    /// Keeping an engine on one thread matters as much as not sharing it: an engine that moves
    /// to another core takes its reference counts' cache lines with it.
    private func borrow() -> Engine? {
        let me = pthread_self()
        lock.lock()
        defer { lock.unlock() }
        guard let k = idle.lastIndex(where: { $0.thread.map { pthread_equal($0, me) != 0 } ?? false })
            ?? idle.lastIndex(where: { $0.thread == nil }) ?? idle.indices.last else { return nil }
        return idle.remove(at: k).engine
    }

    private func giveBack(_ e: Engine) {
        let me = pthread_self()
        lock.lock()
        idle.append((e, me))
        lock.unlock()
    }
}
