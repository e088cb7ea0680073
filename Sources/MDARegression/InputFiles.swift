import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Turns the paths given to a command into input documents, in a stable order.
///
/// - A file is one document, unless its name ends in `.jsonl`: then every non-blank line is
///   one document (see ``CaseSource/lines(of:file:)``), named `file:line` in messages.
/// - A folder is walked recursively; its `.json` and `.jsonl` files are taken in sorted path
///   order (byte-wise), hidden files and folders (names starting with `.`) are skipped.
/// - `-` is standard input, read by the caller (``InputFiles`` never reads it); it is passed
///   through by ``expand(_:)`` and rejected by ``sources(_:)``.
///
/// Paths are enumerated in the order given; duplicates are kept.
public enum InputFiles {
    /// The file extensions taken from folders.
    public static let folderExtensions: Set<String> = ["json", "jsonl"]

    /// Expands `paths` into file paths: files as given, folders recursively in sorted order.
    /// - Throws: ``InputFileError`` when a path does not exist or a folder cannot be listed.
    public static func expand(_ paths: [String]) throws(InputFileError) -> [String] {
        var out: [String] = []
        for path in paths {
            if path == "-" { out.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputFileError(code: .noSuchFile, path: path, message: "no such file or folder")
            }
            if isDirectory.boolValue {
                out.append(contentsOf: try walk(path))
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// Whether a path is read as JSON Lines (its name ends in `.jsonl`).
    public static func isJSONLines(_ path: String) -> Bool { path.hasSuffix(".jsonl") }

    /// Reads every document named by `paths`, in order.
    /// - Throws: ``InputFileError`` for a missing or unreadable file or folder, or for `-`.
    public static func sources(_ paths: [String]) throws(InputFileError) -> [CaseSource] {
        var out: [CaseSource] = []
        for file in try expand(paths) {
            out.append(contentsOf: try sources(file: file))
        }
        return out
    }

    /// Reads every document named by `paths`, in order, in batches of at most `maxCount`:
    /// `.jsonl` files are read a batch of lines at a time (see ``JSONLinesReader``), so memory
    /// stays bounded however large a caseload is. `body` is called once per batch.
    /// - Throws: ``InputFileError`` for a missing or unreadable file or folder, or for `-`;
    ///   batches before the failing file have been passed to `body`.
    public static func forEachBatch(_ paths: [String], maxCount: Int = 4096,
                                    _ body: ([CaseSource]) -> Void) throws(InputFileError) {
        var batch: [CaseSource] = []
        func add(_ sources: [CaseSource]) {
            batch += sources
            if batch.count >= maxCount {
                body(batch)
                batch = []
            }
        }
        for file in try expand(paths) {
            if file != "-" && isJSONLines(file) {
                let reader = try JSONLinesReader(path: file)
                while let lines = try reader.next(maxCount: maxCount - batch.count) { add(lines) }
            } else {
                add(try sources(file: file))
            }
        }
        if !batch.isEmpty { body(batch) }
    }

    /// Reads one file: one source, or one per line of a `.jsonl` file.
    /// - Throws: ``InputFileError`` when the file cannot be read.
    public static func sources(file: String) throws(InputFileError) -> [CaseSource] {
        if file == "-" {
            throw InputFileError(code: .unreadable, path: file, message: "standard input is not accepted here")
        }
        let bytes = try read(file)
        if isJSONLines(file) { return CaseSource.lines(of: bytes, file: file) }
        return [CaseSource(file: file, line: nil, bytes: bytes[...])]
    }

    /// Reads a whole file.
    /// - Throws: ``InputFileError`` when it is missing, a folder, or unreadable.
    public static func read(_ path: String) throws(InputFileError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputFileError(code: .noSuchFile, path: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw InputFileError(code: .unreadable, path: path, message: "it is a folder")
        }
        // Read straight into the byte array (no intermediate `Data` copy: a caseload can be
        // hundreds of megabytes).
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputFileError(code: .unreadable, path: path, message: "permission denied or I/O error")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 { bytes.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(code: .unreadable, path: path, message: "I/O error while reading")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    private static func walk(_ folder: String) throws(InputFileError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputFileError(code: .unreadable, path: folder, message: "the folder cannot be listed")
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var out: [String] = []
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where !name.hasPrefix(".") {
            let path = base + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out.append(contentsOf: try walk(path))
            } else if let dot = name.lastIndex(of: "."), folderExtensions.contains(String(name[name.index(after: dot)...])) {
                out.append(path)
            }
        }
        return out
    }
}
