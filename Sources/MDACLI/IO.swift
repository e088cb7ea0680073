import Foundation

/// Where a command reads and writes: the process's standard streams, or buffers in tests.
public struct IO: Sendable {
    /// Writes bytes to standard output.
    public var writeBytes: @Sendable ([UInt8]) -> Void
    /// Writes text to standard error.
    public var writeError: @Sendable (String) -> Void
    /// Reads all of standard input.
    public var readInput: @Sendable () -> [UInt8]

    /// Creates an IO from closures.
    public init(writeBytes: @escaping @Sendable ([UInt8]) -> Void, writeError: @escaping @Sendable (String) -> Void,
                readInput: @escaping @Sendable () -> [UInt8]) {
        self.writeBytes = writeBytes
        self.writeError = writeError
        self.readInput = readInput
    }

    /// The process's standard streams.
    public static let standard = IO(
        writeBytes: { bytes in FileHandle.standardOutput.write(Data(bytes)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
        readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) })

    /// Writes text to standard output.
    public func write(_ text: String) { writeBytes(Array(text.utf8)) }

    /// Writes text to standard error.
    public func error(_ text: String) { writeError(text) }

    /// Reads a file, or standard input for `-`.
    public func read(path: String) throws(CLIError) -> [UInt8] {
        if path == "-" { return readInput() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, why: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, why: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, why: "permission denied or I/O error") }
        return [UInt8](data)
    }
}
