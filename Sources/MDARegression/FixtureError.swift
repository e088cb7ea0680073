/// Why a fixture (or a case given to `mda diff` / `mda record`) is unusable.
///
/// A value with a stable ``Code``, the document's ``location`` (`file` or `file:line`) and a
/// JSON Pointer into the document. Messages name keys and expected types, never case contents.
public struct FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Sendable {
        /// The file or folder does not exist.
        case noSuchFile = "no_such_file"
        /// The file exists but cannot be read.
        case unreadable
        /// The document is not valid JSON.
        case notJSON = "not_json"
        /// A required key is absent.
        case missing
        /// A key the format does not define (usually a typo).
        case unknownKey = "unknown_key"
        /// A value of the wrong JSON type.
        case type
        /// A value of the right type that is not allowed (e.g. an unknown route name).
        case value
    }

    /// The kind of problem.
    public let code: Code
    /// Where the document is: `path` or `path:line`.
    public let location: String
    /// JSON Pointer to the offending value within the document (`""` for the whole document).
    public let pointer: String
    /// A short human reason.
    public let message: String

    /// Creates an error.
    public init(code: Code, location: String, pointer: String, message: String) {
        self.code = code
        self.location = location
        self.pointer = pointer
        self.message = message
    }

    /// Converts an enumeration error.
    public init(_ error: InputFileError) {
        self.init(code: error.code == .noSuchFile ? .noSuchFile : .unreadable, location: error.path, pointer: "",
                  message: error.message)
    }

    /// `location: at /pointer: message (code)`; the pointer part is left out for the whole document.
    public var description: String {
        let at = pointer.isEmpty ? "" : " at \(pointer)"
        return "\(location)\(at): \(message) [\(code.rawValue)]"
    }
}
