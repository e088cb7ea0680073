/// A calendar date (`YYYY-MM-DD`) in the proleptic Gregorian calendar, without time or zone.
///
/// Dates are stored as days since 1970-01-01 so comparisons and day arithmetic are integer
/// operations. Month arithmetic clamps the day to the target month's end (domain.md,
/// "Conventions"; reading 1): 2024-02-29 − 12 months = 2023-02-28.
public struct CaseDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// Creates a date from its day number.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Creates a date from year, month and day, or nil when that day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CaseDate.daysIn(year: year, month: month) else { return nil }
        self.daysSinceEpoch = CaseDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`; nil when the text is not an existing date of that form.
    public init?(parsing text: String) {
        var text = text
        guard let date = text.withUTF8({ CaseDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// The date's year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        guard y >= 0 && y <= 9999 else {
            func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        }
        // Ten ASCII bytes: a small string, built without intermediate strings or allocation.
        return String(unsafeUninitializedCapacity: 10) { out in
            let zero = UInt8(ascii: "0")
            out[0] = zero &+ UInt8(y / 1000); out[1] = zero &+ UInt8(y / 100 % 10)
            out[2] = zero &+ UInt8(y / 10 % 10); out[3] = zero &+ UInt8(y % 10)
            out[4] = UInt8(ascii: "-"); out[5] = zero &+ UInt8(m / 10); out[6] = zero &+ UInt8(m % 10)
            out[7] = UInt8(ascii: "-"); out[8] = zero &+ UInt8(d / 10); out[9] = zero &+ UInt8(d % 10)
            return 10
        }
    }

    /// This date moved by `months` calendar months, the day clamped to the month's end.
    public func addingMonths(_ months: Int) -> CaseDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : -((-total + 11) / 12)
        let nm = total - ny * 12 + 1
        let nd = min(d, CaseDate.daysIn(year: ny, month: nm))
        return CaseDate(daysSinceEpoch: CaseDate.days(year: ny, month: nm, day: nd))
    }

    /// This date moved by `days` days.
    public func addingDays(_ days: Int) -> CaseDate { CaseDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: CaseDate, b: CaseDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
