/// Where each node of a parsed expression came from in its source text.
public struct SourceInfo: Sendable {
    /// The expression's source text.
    public let text: String
    /// UTF-8 offsets (into `text`) at which each line starts; the first is 0.
    public let lineOffsets: [Int]
    /// For each expression id, the UTF-8 offset of the token that produced it.
    public var positions: [Int: Int]

    /// Creates source information for `text`.
    public init(text: String, positions: [Int: Int] = [:]) {
        self.text = text
        var offsets = [0]
        var i = 0
        for byte in text.utf8 {
            i += 1
            if byte == UInt8(ascii: "\n") { offsets.append(i) }
        }
        self.lineOffsets = offsets
        self.positions = positions
    }

    /// The 1-based line and column (counted in Unicode scalars) of a UTF-8 offset.
    public func location(ofOffset offset: Int) -> (line: Int, column: Int) {
        var line = 0
        while line + 1 < lineOffsets.count && lineOffsets[line + 1] <= offset { line += 1 }
        let start = lineOffsets[line]
        let utf8 = Array(text.utf8)
        let end = min(max(offset, start), utf8.count)
        let column = String(decoding: utf8[start..<end], as: UTF8.self).unicodeScalars.count + 1
        return (line + 1, column)
    }

    /// The 1-based line and column of the node with `id`, or nil when it has no position.
    public func location(of id: Int) -> (line: Int, column: Int)? {
        guard let offset = positions[id] else { return nil }
        return location(ofOffset: offset)
    }
}
