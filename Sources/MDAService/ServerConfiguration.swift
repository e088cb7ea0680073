import Foundation

/// How ``StdioServer`` reads, works and writes.
public struct ServerConfiguration: Sendable {
    /// The default line limit: 8 MiB.
    public static let defaultMaxLineBytes = 8 << 20

    /// The descriptor requests are read from (default standard input).
    public var inputFD: Int32
    /// The descriptor responses are written to (default standard output).
    public var outputFD: Int32
    /// The longest request line accepted, in bytes; longer lines are answered with an error and skipped.
    public var maxLineBytes: Int
    /// The number of worker threads evaluating requests in parallel.
    public var workers: Int
    /// How many read lines may wait for a worker; reading pauses while this many wait.
    public var queueCapacity: Int
    /// Bytes requested from the input per `read(2)`.
    public var chunkBytes: Int
    /// Whether to handle SIGTERM and SIGINT (graceful stop) and ignore SIGPIPE.
    public var handleSignals: Bool

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - inputFD: The descriptor requests are read from.
    ///   - outputFD: The descriptor responses are written to.
    ///   - maxLineBytes: The longest request line accepted, in bytes.
    ///   - workers: Worker threads; `nil` means one per active processor.
    ///   - queueCapacity: Lines that may wait for a worker; `nil` means eight times the workers (a deeper queue lets the reader hand over several lines per wake-up).
    ///   - chunkBytes: Bytes per `read(2)`.
    ///   - handleSignals: Whether to install the SIGTERM/SIGINT handlers and ignore SIGPIPE.
    public init(inputFD: Int32 = 0, outputFD: Int32 = 1, maxLineBytes: Int = defaultMaxLineBytes, workers: Int? = nil,
                queueCapacity: Int? = nil, chunkBytes: Int = 64 << 10, handleSignals: Bool = true) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.maxLineBytes = max(1, maxLineBytes)
        let n = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.workers = n
        self.queueCapacity = max(1, queueCapacity ?? 8 * n)
        self.chunkBytes = max(1, chunkBytes)
        self.handleSignals = handleSignals
    }
}
