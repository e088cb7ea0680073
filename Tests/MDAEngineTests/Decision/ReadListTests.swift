import CEL
import Testing
@testable import MDAEngine

@Suite("ReadList")
struct ReadListTests {
    @Test("appends past its capacity keep every element in order")
    func grows() {
        let list = ReadList<Value>(capacity: 2)
        for i in 0..<1000 { list.append(.string("value \(i) long enough for the heap")) }
        #expect(list.count == 1000)
        #expect(list[999] == .string("value 999 long enough for the heap"))
        #expect(Array(list[10..<13]) == [.string("value 10 long enough for the heap"), .string("value 11 long enough for the heap"),
                                          .string("value 12 long enough for the heap")])
    }

    @Test("elements are released with the list")
    func releases() {
        final class Box {}
        weak var box: Box?
        do {
            let list = ReadList<[Box]>()
            let b = Box()
            box = b
            list.append([b])
            list.append([b, b])
        }
        #expect(box == nil)
    }

    @Test func fromArray() {
        let list = ReadList([1, 2, 3])
        #expect(Array(list) == [1, 2, 3])
        #expect(ReadList<Int>().isEmpty)
    }
}
