#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads a JSON Lines file a batch of lines at a time, so a caseload of any size is processed
/// in bounded memory.
///
/// Lines are split as ``CaseSource/lines(of:file:)`` splits them (blank lines skipped but
/// counted, a trailing `\r` dropped), so the sources and their line numbers are the same as
/// reading the file whole. The lines of one batch share the storage of the bytes read for it.
///
/// ```swift
/// let reader = try JSONLinesReader(path: "caseload.jsonl")
/// while let batch = try reader.next(maxCount: 4096) { process(batch) }
/// ```
public final class JSONLinesReader {
    /// The file's name as given, for ``CaseSource/file``.
    public let path: String
    private let fd: Int32
    /// Bytes read but not yet returned as lines (the start of an unfinished line).
    private var pending: [UInt8] = []
    private var line = 0
    private var atEnd = false
    private let chunkSize: Int

    /// Opens `path` for reading.
    /// - Parameter chunkSize: how many bytes one read asks for (tests use small ones).
    /// - Throws: ``InputFileError`` when the file cannot be opened.
    public init(path: String, chunkSize: Int = 4 << 20) throws(InputFileError) {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputFileError(code: errno == ENOENT ? .noSuchFile : .unreadable, path: path,
                                 message: errno == ENOENT ? "no such file" : "permission denied or I/O error")
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputFileError(code: .unreadable, path: path, message: "it is a folder")
        }
    }

    deinit { close(fd) }

    /// The next non-blank lines, at most `maxCount` (at least one), or `nil` at the end of the file.
    /// - Throws: ``InputFileError`` on a read error.
    public func next(maxCount: Int) throws(InputFileError) -> [CaseSource]? {
        var out: [CaseSource] = []
        let limit = max(1, maxCount)
        var scanned = 0   // bytes of `pending` already known to hold no line terminator
        while out.count < limit {
            // The ends of the complete lines wanted (up to the limit), found with memchr.
            var ends: [Int] = []
            pending.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                var from = scanned
                while from < p.count && out.count + ends.count < limit,
                      let hit = memchr(base + from, 0x0A, p.count - from) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    ends.append(at)
                    from = at + 1
                }
            }
            if let last = ends.last {
                let buffer = Array(pending[0...last])
                pending.removeFirst(last + 1)
                scanned = 0
                var start = 0
                for stop in ends {
                    take(buffer, start, stop, into: &out)
                    start = stop + 1
                }
                continue
            }
            scanned = pending.count
            if atEnd {
                // A last line without a terminator.
                if !pending.isEmpty {
                    let rest = pending
                    pending = []
                    take(rest, 0, rest.count, into: &out)
                }
                break
            }
            try fill()
        }
        return out.isEmpty && atEnd ? nil : out
    }

    /// Counts the line `buffer[start..<stop]` (without its terminator) and keeps it unless blank.
    private func take(_ buffer: [UInt8], _ start: Int, _ stop: Int, into out: inout [CaseSource]) {
        line += 1
        if let source = CaseSource.line(buffer[start..<stop], file: path, number: line) { out.append(source) }
    }

    /// Appends the next chunk of the file to `pending` (marks the end when there is none).
    private func fill() throws(InputFileError) {
        var failed = false
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            var n = 0
            repeat {
                n = systemRead(fd, buffer.baseAddress, chunkSize)
            } while n < 0 && errno == EINTR
            failed = n < 0
            count = max(0, n)
        }
        if failed { throw InputFileError(code: .unreadable, path: path, message: "I/O error while reading") }
        if chunk.isEmpty { atEnd = true }
        pending.append(contentsOf: chunk)
    }
}
