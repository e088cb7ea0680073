import Foundation

/// A fixed pool of worker threads with a bounded queue: ``submit(_:)`` blocks while the queue is
/// full, which is how the server applies backpressure to reading.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var running = 0

    /// Starts `workers` threads.
    ///
    /// - Parameters:
    ///   - workers: The number of threads (at least 1).
    ///   - capacity: How many jobs may wait beyond those running (at least 1).
    ///   - stackSize: Each thread's stack size in bytes.
    init(workers: Int, capacity: Int, stackSize: Int = 8 << 20) {
        self.capacity = max(1, capacity)
        running = max(1, workers)
        for i in 0..<max(1, workers) {
            let thread = Thread { [self] in work() }
            thread.name = "mda-serve-worker-\(i)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Queues a job, waiting while the queue is full. Jobs submitted after ``close()`` are dropped.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        while jobs.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return }
        jobs.append(job)
        condition.broadcast()
    }

    /// Stops accepting jobs and waits until every queued job has run and every worker has ended.
    func closeAndWait() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    /// A worker: runs jobs until the queue is closed and empty.
    private func work() {
        while true {
            condition.lock()
            while jobs.count == head && !closed { condition.wait() }
            if jobs.count == head {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 64 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            condition.unlock()
            job()
        }
    }
}
