import Foundation

/// Why ``StdioServer/run()`` returned, and the exit code that goes with it.
public enum ServerExit: Sendable, Equatable {
    /// The input ended: every request was answered. Exit code 0.
    case endOfInput
    /// SIGTERM or SIGINT: requests already read were answered. Exit code 0.
    case signal(Int32)
    /// A `shutdown` request: requests already read were answered. Exit code 0.
    case shutdown
    /// The output could not be written (the client closed it). Exit code 1.
    case outputClosed
    /// Reading the input failed with this `errno`. Exit code 70.
    case readFailed(Int32)

    /// The process exit code.
    public var exitCode: Int32 {
        switch self {
        case .endOfInput, .signal, .shutdown: return 0
        case .outputClosed: return 1
        case .readFailed: return 70
        }
    }

    /// A short description for the log.
    public var description: String {
        switch self {
        case .endOfInput: return "end of input"
        case .signal(let s): return s == SIGINT ? "SIGINT" : "SIGTERM"
        case .shutdown: return "shutdown request"
        case .outputClosed: return "output closed"
        case .readFailed(let e): return "read error (errno \(e))"
        }
    }
}
