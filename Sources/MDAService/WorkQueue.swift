import Foundation

/// A fixed pool of worker threads with a bounded queue: ``submit(_:whileWaiting:)`` blocks while
/// the queue is full, which is how the server applies backpressure to reading.
///
/// One mutex guards the queue, with two conditions on it: workers wait for a job and the
/// submitter waits for room. Each event wakes one waiter of the kind that can use it, and a
/// submitter that found the queue full is woken only once it has drained to half, so that it
/// queues several jobs per wake-up instead of one.
final class WorkQueue: @unchecked Sendable {
    // pthread objects must not move once initialised: they live in allocated memory.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let hasJob = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let hasRoom = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var running = 0
    /// Jobs taken by a worker and not yet finished.
    private var active = 0
    /// Whether ``submit(_:whileWaiting:)`` is waiting for the queue to drain.
    private var waitingForRoom = false
    private let onIdle: (@Sendable () -> Void)?

    /// Starts `workers` threads.
    ///
    /// - Parameters:
    ///   - workers: The number of threads (at least 1).
    ///   - capacity: How many jobs may wait beyond those running (at least 1).
    ///   - stackSize: Each thread's stack size in bytes.
    ///   - onIdle: Run by a worker that finds the queue empty, before it waits for a job.
    init(workers: Int, capacity: Int, stackSize: Int = 8 << 20, onIdle: (@Sendable () -> Void)? = nil) {
        pthread_mutex_init(mutex, nil)
        // The submitter's timed wait measures a period, which the wall clock's steps must not stretch.
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(hasRoom, &attributes)
        pthread_condattr_destroy(&attributes)
        pthread_cond_init(hasJob, nil)
        self.capacity = max(1, capacity)
        self.onIdle = onIdle
        running = max(1, workers)
        for i in 0..<max(1, workers) {
            let thread = Thread { [self] in work() }
            thread.name = "mda-serve-worker-\(i)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    deinit {
        pthread_cond_destroy(hasRoom)
        pthread_cond_destroy(hasJob)
        pthread_mutex_destroy(mutex)
        hasRoom.deallocate()
        hasJob.deallocate()
        mutex.deallocate()
    }

    /// Jobs queued and not yet taken by a worker.
    var queued: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return jobs.count - head
    }

    /// Whether any job is queued or running.
    var isBusy: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return jobs.count > head || active > 0
    }

    /// Queues a job, waiting while the queue is full. Jobs submitted after ``closeAndWait()`` are dropped.
    ///
    /// - Parameters:
    ///   - job: The work.
    ///   - whileWaiting: While the queue is full, run about every `period` (outside the lock).
    ///   - period: How often `whileWaiting` runs, in nanoseconds.
    func submit(_ job: @escaping @Sendable () -> Void, whileWaiting: (() -> Void)? = nil, period: Int = 2_000_000) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if jobs.count - head >= capacity {
            waitingForRoom = true
            while jobs.count - head > capacity / 2 && !closed {
                guard let whileWaiting else { pthread_cond_wait(hasRoom, mutex); continue }
                var deadline = timespec()
                clock_gettime(CLOCK_MONOTONIC, &deadline)
                let nanoseconds = Int(deadline.tv_nsec) + period
                deadline.tv_sec += nanoseconds / 1_000_000_000
                deadline.tv_nsec = nanoseconds % 1_000_000_000
                if pthread_cond_timedwait(hasRoom, mutex, &deadline) == ETIMEDOUT {
                    pthread_mutex_unlock(mutex)
                    whileWaiting()
                    pthread_mutex_lock(mutex)
                }
            }
            waitingForRoom = false
        }
        guard !closed else { return }
        jobs.append(job)
        pthread_cond_signal(hasJob)
    }

    /// Stops accepting jobs and waits until every queued job has run and every worker has ended.
    func closeAndWait() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(hasJob)
        pthread_cond_broadcast(hasRoom)
        // The last worker to end signals `hasRoom`, which this waits on as well.
        while running > 0 { pthread_cond_wait(hasRoom, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// A worker: runs jobs until the queue is closed and empty.
    private func work() {
        pthread_mutex_lock(mutex)
        while true {
            if jobs.count == head && !closed, let onIdle {
                pthread_mutex_unlock(mutex)
                onIdle()
                pthread_mutex_lock(mutex)
            }
            while jobs.count == head && !closed { pthread_cond_wait(hasJob, mutex) }
            if jobs.count == head {
                running -= 1
                // Wakes closeAndWait (and any submitter, which then sees `closed`).
                pthread_cond_broadcast(hasRoom)
                pthread_mutex_unlock(mutex)
                return
            }
            let job = jobs[head]
            head += 1
            if head > 64 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            if waitingForRoom && jobs.count - head <= capacity / 2 { pthread_cond_signal(hasRoom) }
            active += 1
            pthread_mutex_unlock(mutex)
            job()
            pthread_mutex_lock(mutex)
            active -= 1
        }
    }
}
