import Foundation

/// A CEL timestamp: seconds and nanoseconds since the Unix epoch, UTC, within
/// 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59.999999999Z.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanos: Int32

    /// The smallest valid `seconds` (0001-01-01T00:00:00Z).
    public static let minSeconds: Int64 = -62_135_596_800
    /// The largest valid `seconds` (9999-12-31T23:59:59Z).
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Creates a timestamp (not range-checked).
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// True when the timestamp lies in CEL's valid range.
    public var isValid: Bool { seconds >= Timestamp.minSeconds && seconds <= Timestamp.maxSeconds }

    /// Orders by time.
    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds < b.seconds || (a.seconds == b.seconds && a.nanos < b.nanos)
    }

    /// The value as `.timestamp`, or a range error.
    var checked: Value {
        isValid ? .timestamp(self) : .error("range", "timestamp out of range")
    }

    /// Adds a duration; a range error when the result leaves the valid range.
    func adding(_ d: Duration) -> Value {
        let (s, o1) = seconds.addingReportingOverflow(d.seconds)
        if o1 { return .error("range", "timestamp out of range") }
        var secs = s
        var ns = Int64(nanos) + Int64(d.nanos)
        if ns >= 1_000_000_000 { ns -= 1_000_000_000; secs += 1 }
        if ns < 0 { ns += 1_000_000_000; secs -= 1 }
        return Timestamp(seconds: secs, nanos: Int32(ns)).checked
    }

    /// The duration `self - other` (always within range for valid timestamps).
    func difference(_ other: Timestamp) -> Value {
        Duration.normalized(seconds: seconds - other.seconds, nanos: Int64(nanos) - Int64(other.nanos))
    }

    // MARK: Civil time

    /// Days since 1970-01-01 of a proleptic Gregorian date (month 1...12).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = month
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(days z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Broken-down local time at a fixed UTC offset in seconds.
    struct Components {
        var year: Int64, month: Int64, day: Int64
        var hour: Int64, minute: Int64, second: Int64
        var dayOfWeek: Int64, dayOfYear: Int64
    }

    /// The civil components of this instant at `offset` seconds east of UTC.
    func components(offset: Int64) -> Components {
        let local = seconds + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secOfDay = local - days * 86_400
        let (y, m, d) = Timestamp.civil(days: days)
        let dow = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday (4)
        let doy = days - Timestamp.days(year: y, month: 1, day: 1)
        return Components(year: y, month: m, day: d, hour: secOfDay / 3600, minute: (secOfDay / 60) % 60,
                          second: secOfDay % 60, dayOfWeek: dow, dayOfYear: doy)
    }

    /// The UTC offset in seconds of a time-zone name (IANA, such as `Europe/Amsterdam`) or a
    /// fixed offset such as `+05:30`, `-08:00` or `02:00`, at this instant; nil when unknown.
    func offset(timeZone name: String) -> Int64? {
        let bytes = Array(name.utf8)
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) {
            var i = 0
            var sign: Int64 = 1
            if first == UInt8(ascii: "+") { i = 1 } else if first == UInt8(ascii: "-") { sign = -1; i = 1 }
            let rest = Array(bytes[i...])
            guard rest.count == 5, rest[2] == UInt8(ascii: ":"),
                  let h = Timestamp.digits(rest, 0, 2), let m = Timestamp.digits(rest, 3, 2), h <= 23, m <= 59 else { return nil }
            return sign * (h * 3600 + m * 60)
        }
        if name == "UTC" || name == "Z" { return 0 }
        guard let tz = TimeZone(identifier: name) else { return nil }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return Int64(tz.secondsFromGMT(for: date))
    }

    static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int64? {
        guard at + count <= b.count else { return nil }
        var v: Int64 = 0
        for i in at..<(at + count) {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int64(c - 0x30)
        }
        return v
    }

    // MARK: RFC 3339

    /// Parses an RFC 3339 timestamp such as `2009-02-13T23:31:30.123Z` or
    /// `2009-02-13T23:31:30+01:00`; nil when malformed (range is not checked).
    public static func parse(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 20,
              let year = digits(b, 0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(b, 5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(b, 8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = digits(b, 11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(b, 14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(b, 17, 2) else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(year: year, month: month),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var n = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if n < 9 { nanos = nanos * 10 + Int64(b[i] - 0x30) }
                n += 1
                i += 1
            }
            guard n > 0 else { return nil }
            for _ in n..<max(n, 9) { nanos *= 10 }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = digits(b, i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                  let om = digits(b, i + 4, 2), oh <= 23, om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let d = days(year: year, month: month, day: day)
        let secs = d * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Timestamp(seconds: secs, nanos: Int32(nanos))
    }

    static func daysIn(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The RFC 3339 rendering in UTC, with the fraction trimmed of trailing zeros (as
    /// `string(timestamp)` produces), e.g. `2009-02-13T23:31:30.5Z`.
    public var rfc3339: String {
        let c = components(offset: 0)
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        var out = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if nanos != 0 {
            var frac = pad(Int64(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }
}
