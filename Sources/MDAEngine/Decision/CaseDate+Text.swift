extension CaseDate {
    /// Calls `body` with the date's `YYYY-MM-DD` text as UTF-8 (the bytes of ``description``),
    /// formatted on the stack for years 0 to 9999.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (y, m, d) = components
        guard y >= 0 && y <= 9999 else {
            var text = description
            return text.withUTF8(body)
        }
        // Two digits at a time from a table of "00" to "99" (fewer divisions than digit by digit).
        let pairs = UnsafeRawPointer(CaseDate.digitPairs.utf8Start)
        func pair(_ n: Int) -> UInt16 { pairs.loadUnaligned(fromByteOffset: 2 &* n, as: UInt16.self) }
        let dash = UInt8(ascii: "-")
        var text: (UInt16, UInt16, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (pair(y / 100), pair(y % 100), dash, 0, 0, dash, 0, 0)
        // Each pair's two bytes are stored in their text order, whatever the byte order.
        withUnsafeMutableBytes(of: &text) { raw in
            raw.storeBytes(of: pair(m), toByteOffset: 5, as: UInt16.self)
            raw.storeBytes(of: pair(d), toByteOffset: 8, as: UInt16.self)
        }
        return withUnsafeBytes(of: &text) { body($0.bindMemory(to: UInt8.self)) }
    }

    /// "00" to "99", back to back. A computed literal, not a stored constant, whose lazy
    /// initialization would be checked on every date.
    private static var digitPairs: StaticString { "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899" }
}
