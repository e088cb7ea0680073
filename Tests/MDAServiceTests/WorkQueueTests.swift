import Foundation
import Testing
@testable import MDAService

/// The server's worker pool: jobs run, a full queue blocks the submitter (which keeps running
/// its periodic chore meanwhile), and idle workers run the idle hook.
@Suite struct WorkQueueTests {
    /// A thread-safe counter.
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    @Test func everyJobRunsBeforeCloseAndWaitReturns() {
        let done = Count()
        let queue = WorkQueue(workers: 3, capacity: 4)
        for _ in 0..<100 { queue.submit { done.add() } }
        queue.closeAndWait()
        #expect(done.value == 100)
        #expect(!queue.isBusy)
    }

    @Test func aRunningJobKeepsTheQueueBusy() {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let queue = WorkQueue(workers: 1, capacity: 4)
        queue.submit { started.signal(); release.wait() }
        started.wait()
        #expect(queue.isBusy, "taken by the worker, not queued")
        #expect(queue.queued == 0)
        queue.submit {}
        #expect(queue.queued == 1)
        release.signal()
        queue.closeAndWait()
        #expect(!queue.isBusy)
        #expect(queue.queued == 0)
    }

    @Test func aSubmitterWaitingForRoomRunsItsChoreUntilThereIsRoom() {
        let release = DispatchSemaphore(value: 0)
        let chores = Count()
        let queue = WorkQueue(workers: 1, capacity: 1)
        queue.submit { release.wait() }
        // The worker may not have taken the first job yet: two more make the queue full either way.
        queue.submit {}
        queue.submit({}, whileWaiting: {
            chores.add()
            if chores.value == 3 { release.signal() }
        }, period: 1_000_000)
        // Returned: the worker was released after the third chore, so it ran at least three.
        #expect(chores.value >= 3)
        queue.closeAndWait()
    }

    @Test func aWorkerThatFindsNoJobRunsTheIdleHookFirst() {
        let idle = Count()
        let ran = DispatchSemaphore(value: 0)
        let queue = WorkQueue(workers: 2, capacity: 4, onIdle: { idle.add() })
        queue.submit { ran.signal() }
        ran.wait()
        // The worker that ran the job found the queue empty after it, and the other one found
        // it empty whenever it looked (before or after the job was taken).
        let deadline = Date().addingTimeInterval(10)
        while idle.value < 2 && Date() < deadline { usleep(1000) }
        #expect(idle.value >= 2)
        queue.closeAndWait()
    }
}
