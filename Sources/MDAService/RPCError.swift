import ByteJSON

/// A JSON-RPC error object: a code, a message that names no input value, and optional data.
public struct RPCError: Error, Sendable, Equatable {
    /// The error code.
    public var code: RPCErrorCode
    /// A short message: the code's standard message, optionally followed by `: detail`.
    public var message: String
    /// Structured detail, or `nil`.
    public var data: RPCErrorData?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The error code.
    ///   - detail: Text appended to the standard message after `: `; it must not quote input values.
    ///   - data: Structured detail.
    public init(_ code: RPCErrorCode, _ detail: String? = nil, data: RPCErrorData? = nil) {
        self.code = code
        self.message = detail.map { "\(code.message): \($0)" } ?? code.message
        self.data = data
    }

    /// Writes the error object `{"code", "message", "data"?}`.
    ///
    /// - Parameter w: The writer, positioned where a value is expected.
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key(raw: "code"); w.int(code.rawValue)
        w.key(raw: "message"); w.string(message)
        if let data {
            w.key(raw: "data")
            data.write(to: &w)
        }
        w.endObject()
    }
}
