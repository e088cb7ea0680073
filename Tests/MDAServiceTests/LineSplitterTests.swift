import Testing
@testable import MDAService

/// Splitting the input stream into lines under a length limit.
@Suite struct LineSplitterTests {
    func split(_ chunks: [String], limit: Int = 10, finish: Bool = true) -> [String] {
        var s = LineSplitter(maxLineBytes: limit)
        var out: [String] = []
        let emit: (LineSplitter.Event) -> Void = { e in
            switch e {
            case .line(let l): out.append(String(decoding: l, as: UTF8.self))
            case .tooLong: out.append("<too long>")
            }
        }
        for c in chunks { s.feed(Array(c.utf8), emit) }
        if finish { s.finish(emit) }
        return out
    }

    @Test func linesAcrossChunks() {
        #expect(split(["ab", "c\nde", "f\n", "g"]) == ["abc", "def", "g"])
        #expect(split(["a\nb\nc\n"]) == ["a", "b", "c"])
        #expect(split(["ab", "c"], finish: false) == [])
    }

    @Test func blankLinesAreDropped() {
        #expect(split(["\n\n  \n\t\r\n", "x\n\n"]) == ["x"])
        #expect(split(["\r\n"]) == [])
    }

    @Test func theLimitIsInclusive() {
        #expect(split(["0123456789\n"]) == ["0123456789"])
        #expect(split(["01234567890\n"]) == ["<too long>"])
    }

    @Test func aLongLineIsReportedOnceAndSkipped() {
        #expect(split(["0123456", "789ABCDEF", "GHIJ", "KLM\nok\n"]) == ["<too long>", "ok"])
        #expect(split(["0123456789AB", "CDEF"]) == ["<too long>"])
        #expect(split(["0123456789AB\n0123456789AB\nx"]) == ["<too long>", "<too long>", "x"])
    }

    @Test func nothingBeyondTheLimitIsBuffered() {
        var s = LineSplitter(maxLineBytes: 8)
        var events = 0
        for _ in 0..<1000 { s.feed(Array("0123456789".utf8)) { _ in events += 1 } }
        #expect(events == 1)
        #expect(s.pendingBytes == 0)
        s.feed(Array("tail\nabc".utf8)) { _ in events += 1 }
        #expect(events == 1)
        #expect(s.pendingBytes == 3)
    }
}
