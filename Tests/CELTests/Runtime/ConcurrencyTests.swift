import Dispatch
import Foundation
import Testing
@testable import CEL

@Suite struct ConcurrencyTests {
    @Test func oneProgramManyThreads() throws {
        let env = try Environment(declarations: [.variable("xs", .list(.int)), .variable("s", .string)])
        let program = try env.program(try env.compile(
            "xs.filter(x, x % 2 == 0).size() + (s.matches('^a+$') ? 1000 : 0) + xs.map(x, x * x).size()"))
        let n = 2000
        let results = Results(count: n)
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let xs = Value.list((0..<(i % 50)).map { .int(Int64($0)) })
            let s = Value.string(i % 3 == 0 ? "aaa" : "abc")
            results.set(i, program.evaluate(Activation(slots: [xs, s])))
        }
        for i in 0..<n {
            let len = i % 50
            let expected = Int64((len + 1) / 2 + (i % 3 == 0 ? 1000 : 0) + len)
            #expect(results.get(i) == .int(expected), "iteration \(i)")
        }
    }
}

/// A lock-protected result array for the concurrency test.
final class Results: @unchecked Sendable {
    private var values: [Value]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: .null, count: count) }
    func set(_ i: Int, _ v: Value) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> Value { lock.lock(); defer { lock.unlock() }; return values[i] }
}
