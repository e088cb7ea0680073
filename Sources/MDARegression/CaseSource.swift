/// One input document: a whole `.json` file, or one line of a `.jsonl` (JSON Lines) file.
///
/// ``InputFiles`` produces these in input order. The bytes of every line of a `.jsonl` file
/// share the storage of the file that was read once, so a large caseload is not copied.
public struct CaseSource: Sendable {
    /// The file the document came from, as enumerated (`-` for standard input).
    public let file: String
    /// The 1-based line number within a `.jsonl` file, or `nil` for a whole file.
    public let line: Int?
    /// The document's bytes (a line without its line terminator).
    public let bytes: ArraySlice<UInt8>

    /// Creates a source from its file, optional line and bytes.
    public init(file: String, line: Int?, bytes: ArraySlice<UInt8>) {
        self.file = file
        self.line = line
        self.bytes = bytes
    }

    /// Where the document is, for messages: `path` or `path:line`.
    public var location: String {
        if let line { return "\(file):\(line)" }
        return file
    }

    /// The document's bytes as an array (copies a `.jsonl` line out of its file's storage).
    public var array: [UInt8] { Array(bytes) }

    /// Splits JSON Lines bytes into one source per non-blank line.
    ///
    /// Lines are separated by `\n`; a trailing `\r` is dropped; lines holding only spaces or tabs
    /// are skipped but still counted, so ``line`` always matches what an editor shows.
    /// - Parameters:
    ///   - bytes: the whole `.jsonl` content.
    ///   - file: the name to report in ``location``.
    public static func lines(of bytes: [UInt8], file: String) -> [CaseSource] {
        var out: [CaseSource] = []
        var start = bytes.startIndex
        var number = 0
        let end = bytes.endIndex
        while start < end {
            number += 1
            var stop = start
            while stop < end && bytes[stop] != 0x0A { stop += 1 }
            if let source = line(bytes[start..<stop], file: file, number: number) { out.append(source) }
            start = stop + 1
        }
        return out
    }

    /// Line `number` of a JSON Lines file, given without its `\n`: a trailing `\r` is dropped,
    /// and a line of only spaces or tabs is `nil` (skipped, though counted).
    static func line(_ bytes: ArraySlice<UInt8>, file: String, number: Int) -> CaseSource? {
        var last = bytes.endIndex
        if last > bytes.startIndex && bytes[last - 1] == 0x0D { last -= 1 }
        let text = bytes[bytes.startIndex..<last]
        guard text.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        return CaseSource(file: file, line: number, bytes: text)
    }
}
