import CEL
import Testing
@testable import MDAEngine

@Suite("ReadList")
struct ReadListTests {
    @Test("appends past its capacity keep every element in order")
    func grows() {
        let list = ReadList<RuleRead.Recorded>(capacity: 2)
        for i in 0..<1000 { list.append(RuleRead.Recorded(value: .string("value \(i) long enough for the heap"), slot: i)) }
        #expect(list.count == 1000)
        #expect(list.map(\.slot) == Array(0..<1000))
        #expect(list[999].own == .string("value 999 long enough for the heap"))
        #expect(Array(list[10..<13]).map(\.slot) == [10, 11, 12])
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

    @Test("removing all, destroying the picked elements, releases them and empties the list")
    func removesPicked() {
        final class Box {}
        weak var box: Box?
        let list = ReadList<[Box]>()
        do {
            let b = Box()
            box = b
            list.append([])
            list.append([b])
        }
        list.removeAll { !$0.pointee.isEmpty }   // an empty array refers only to the immortal empty storage
        #expect(list.isEmpty)
        #expect(box == nil)
    }

    @Test func fromArray() {
        let list = ReadList([1, 2, 3])
        #expect(Array(list) == [1, 2, 3])
        #expect(ReadList<Int>().isEmpty)
    }
}
