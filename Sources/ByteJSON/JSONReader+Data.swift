import Foundation

extension JSONReader {
    /// Reads one JSON text from `Data`.
    ///
    /// - Parameter data: The UTF-8 encoded JSON text.
    /// - Returns: The value.
    /// - Throws: ``JSONError`` with the code and position of the first problem.
    public func read(_ data: Data) throws(JSONError) -> JSONValue {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Result<JSONValue, JSONError> in
            Result { () throws(JSONError) -> JSONValue in try read(buffer) }
        }.get()
    }
}
