/// What the service answers to one input line.
public struct ServiceReply: Sendable, Equatable {
    /// The response line (a JSON object or, for a batch, an array) without the trailing newline,
    /// or `nil` when nothing is to be written (notifications, a batch of only notifications).
    public var line: [UInt8]?
    /// Whether the line contained a `shutdown` request: the server stops reading after answering it.
    public var shutdown: Bool

    /// Creates a reply.
    ///
    /// - Parameters:
    ///   - line: The response line without newline, or `nil`.
    ///   - shutdown: Whether a shutdown was requested.
    public init(line: [UInt8]?, shutdown: Bool = false) {
        self.line = line
        self.shutdown = shutdown
    }

    /// The response line as text (for tests and logs of protocol traffic), or `nil`.
    public var text: String? { line.map { String(decoding: $0, as: UTF8.self) } }
}
