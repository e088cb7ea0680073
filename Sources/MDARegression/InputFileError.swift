/// Why the files named on a command line could not be enumerated or read.
///
/// A value with a stable ``Code``; the ``message`` names the path but never any file content.
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// The path does not exist.
        case noSuchFile = "no_such_file"
        /// The file or folder exists but could not be read.
        case unreadable
    }

    /// The kind of failure.
    public let code: Code
    /// The path that failed, as given or as found while walking a folder.
    public let path: String
    /// A short human reason.
    public let message: String

    /// Creates an error.
    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
