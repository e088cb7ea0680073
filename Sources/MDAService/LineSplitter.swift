import Foundation

/// Splits a byte stream into newline-delimited lines with a length limit, without ever holding
/// more than the limit.
///
/// Feed it chunks as they arrive. A line longer than ``maxLineBytes`` is reported once, as soon
/// as the limit is passed, and the rest of it is skipped up to its newline without buffering.
/// Lines that are empty or only spaces, tabs and carriage returns are dropped.
public struct LineSplitter: Sendable {
    /// What the splitter found.
    public enum Event: Sendable, Equatable {
        /// A complete line, without its newline.
        case line([UInt8])
        /// A line longer than the limit; the rest of it is being skipped.
        case tooLong
    }

    /// The longest line accepted, in bytes, not counting the newline.
    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var skipping = false

    /// Creates a splitter.
    ///
    /// - Parameter maxLineBytes: The longest line accepted, in bytes (at least 1).
    public init(maxLineBytes: Int) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// The bytes of an unfinished line held so far.
    public var pendingBytes: Int { buffer.count }

    /// Consumes a chunk of input.
    ///
    /// - Parameters:
    ///   - chunk: The bytes read.
    ///   - emit: Called for every complete line and every over-long line, in input order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (Event) throws -> Void) rethrows {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        while start < chunk.count {
            let rest = chunk.count - start
            let found = memchr(base + start, 0x0A, rest)
            let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? chunk.count
            let segment = UnsafeRawBufferPointer(start: base + start, count: end - start)
            if skipping {
                if found != nil { skipping = false }
            } else if buffer.count + segment.count > maxLineBytes {
                buffer = []
                skipping = found == nil
                try emit(.tooLong)
            } else {
                buffer.append(contentsOf: segment)
                if found != nil { try flush(emit) }
            }
            start = found == nil ? chunk.count : end + 1
        }
    }

    /// Consumes a chunk of input given as an array.
    ///
    /// - Parameters:
    ///   - chunk: The bytes read.
    ///   - emit: Called for every complete line and every over-long line, in input order.
    public mutating func feed(_ chunk: [UInt8], _ emit: (Event) throws -> Void) rethrows {
        try chunk.withUnsafeBytes { try feed($0, emit) }
    }

    /// Ends the input: an unfinished last line (no newline) counts as a line.
    ///
    /// - Parameter emit: Called for the last line, if any.
    public mutating func finish(_ emit: (Event) throws -> Void) rethrows {
        skipping = false
        try flush(emit)
    }

    /// Emits the buffered line unless it is blank, and clears the buffer.
    private mutating func flush(_ emit: (Event) throws -> Void) rethrows {
        defer { buffer = [] }
        guard buffer.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        try emit(.line(buffer))
    }
}
