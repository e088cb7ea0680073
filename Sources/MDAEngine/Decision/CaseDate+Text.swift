extension CaseDate {
    /// Calls `body` with the date's `YYYY-MM-DD` text as UTF-8 (the bytes of ``description``),
    /// formatted on the stack for years 0 to 9999.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (y, m, d) = components
        guard y >= 0 && y <= 9999 else {
            var text = description
            return text.withUTF8(body)
        }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        var text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            zero &+ UInt8(y / 1000), zero &+ UInt8(y / 100 % 10), zero &+ UInt8(y / 10 % 10), zero &+ UInt8(y % 10), dash,
            zero &+ UInt8(m / 10), zero &+ UInt8(m % 10), dash, zero &+ UInt8(d / 10), zero &+ UInt8(d % 10))
        return withUnsafeBytes(of: &text) { body($0.bindMemory(to: UInt8.self)) }
    }
}
