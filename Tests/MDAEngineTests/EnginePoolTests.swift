import ByteJSON
import Foundation
import Testing
@testable import MDAEngine

@Suite("Engine pools and ruleset replicas")
struct EnginePoolTests {
    /// Every example and fixture case of the package, as JSON bytes.
    static let cases: [[UInt8]] = {
        var all: [[UInt8]] = []
        for folder in ["Fixtures/examples", "Fixtures/cases"] {
            let dir = TestSupport.root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
            for name in names {
                let bytes = [UInt8](FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)!)
                all.append(bytes)
            }
        }
        return all
    }()

    /// The decision's bytes, or the input errors' bytes; fixtures are decided on their `case`.
    static func decide(_ engine: Engine, _ bytes: [UInt8]) -> [UInt8] {
        let result: Result<Decision, InputErrors>
        if let doc = try? JSONReader().read(bytes), let c = doc["case"] {
            result = engine.evaluate(json: c)
        } else {
            result = engine.evaluate(json: bytes)
        }
        switch result {
        case .success(let d): return DecisionWriter.bytes(d)
        case .failure(let e): return DecisionWriter.bytes(e)
        }
    }

    @Test("a replica is an equal ruleset made of other objects")
    func replicaIsEqualAndSeparate() {
        let original = TestSupport.engine.ruleset
        let replica = original.replica()
        #expect(replica !== original)
        #expect(replica.sha256 == original.sha256)
        #expect(replica.name == original.name && replica.version == original.version)
        #expect(replica.rules.map(\.id) == original.rules.map(\.id))
        #expect(replica.rules.count > 100)
        for (a, b) in zip(replica.rules, original.rules) {
            #expect(a !== b)
            #expect(a.definition == b.definition)
        }
    }

    @Test("a replica decides every example and fixture byte for byte as the original")
    func replicaDecidesIdentically() {
        let original = TestSupport.engine
        let replica = Engine(ruleset: original.ruleset.replica())
        #expect(Self.cases.count > 40)
        for bytes in Self.cases {
            #expect(Self.decide(replica, bytes) == Self.decide(original, bytes))
        }
    }

    @Test("a pool holds the engines asked for, the first being the one given")
    func poolCount() {
        let pool = EnginePool(TestSupport.engine, engines: 3)
        #expect(pool.count == 3)
        #expect(pool.engine === TestSupport.engine)
        #expect(EnginePool(TestSupport.engine, engines: 0).count == 1)
    }

    @Test("a thread gets back the engine it used last")
    func affinity() {
        let pool = EnginePool(TestSupport.engine, engines: 2)
        let first = pool.withEngine { ObjectIdentifier($0) }
        for _ in 0..<5 { #expect(pool.withEngine { ObjectIdentifier($0) } == first) }
    }

    @Test("threads evaluating at once get distinct engines; beyond the pool's count they share the first")
    func concurrentBorrowersGetDistinctEngines() {
        let pool = EnginePool(TestSupport.engine, engines: 2)
        let seen = Locked<[ObjectIdentifier]>([])
        let holding = DispatchGroup()
        let release = DispatchSemaphore(value: 0)
        // Two threads borrow and hold their engines until both have borrowed.
        for _ in 0..<2 {
            holding.enter()
            Thread.detachNewThread {
                pool.withEngine { engine in
                    seen.update { $0.append(ObjectIdentifier(engine)) }
                    holding.leave()
                    release.wait()
                }
            }
        }
        #expect(holding.wait(timeout: .now() + 30) == .success)
        // With both lent out, a third borrower evaluates with the first engine.
        let third = pool.withEngine { ObjectIdentifier($0) }
        release.signal(); release.signal()
        let lent = seen.value
        #expect(lent.count == 2)
        #expect(Set(lent).count == 2)
        #expect(third == ObjectIdentifier(pool.engine))
    }

    @Test("decisions made through a pool on many threads equal the single engine's")
    func poolDecidesIdentically() {
        let pool = EnginePool(TestSupport.engine, engines: 2)
        let cases = Self.cases
        let expected = cases.map { Self.decide(TestSupport.engine, $0) }
        let mismatches = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for (k, bytes) in cases.enumerated() where k % 4 == t {
                let got = pool.withEngine { Self.decide($0, bytes) }
                if got != expected[k] { mismatches.update { $0 += 1 } }
            }
        }
        #expect(mismatches.value == 0)
    }
}

/// A value shared by the threads of a test, behind a lock.
private final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (inout T) -> Void) { lock.lock(); change(&stored); lock.unlock() }
}
