extension CaseDate {
    /// Parses exactly `YYYY-MM-DD` from UTF-8, as ``init(parsing:)`` parses text.
    init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let d = Int(u[i]) - 48; guard d >= 0 && d <= 9 else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
