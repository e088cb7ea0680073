/// A CEL duration: a signed span of seconds and nanoseconds (same sign), within ±10000 years.
public struct Duration: Sendable, Hashable, Comparable {
    /// Whole seconds.
    public var seconds: Int64
    /// Nanoseconds, with the same sign as `seconds`, |nanos| < 1_000_000_000.
    public var nanos: Int32

    /// The largest magnitude of `seconds` (10000 years of 365.25 days).
    public static let maxSeconds: Int64 = 315_576_000_000

    /// Creates a duration (not range-checked).
    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// Orders by length (signed).
    public static func < (a: Duration, b: Duration) -> Bool {
        a.seconds < b.seconds || (a.seconds == b.seconds && a.nanos < b.nanos)
    }

    /// True when within ±10000 years.
    public var isValid: Bool { seconds >= -Duration.maxSeconds && seconds <= Duration.maxSeconds }

    /// Builds a duration from seconds and nanoseconds of any sign, normalising so both share a
    /// sign; a range error when it exceeds ±10000 years.
    static func normalized(seconds: Int64, nanos: Int64) -> Value {
        var s = seconds
        var n = nanos
        s += n / 1_000_000_000
        n %= 1_000_000_000
        if s > 0 && n < 0 { s -= 1; n += 1_000_000_000 }
        if s < 0 && n > 0 { s += 1; n -= 1_000_000_000 }
        let d = Duration(seconds: s, nanos: Int32(n))
        return d.isValid ? .duration(d) : .error("range", "duration out of range")
    }

    /// The sum, or a range error.
    func adding(_ o: Duration) -> Value {
        let (s, ov) = seconds.addingReportingOverflow(o.seconds)
        if ov { return .error("range", "duration out of range") }
        return Duration.normalized(seconds: s, nanos: Int64(nanos) + Int64(o.nanos))
    }

    /// The negation.
    var negated: Duration { Duration(seconds: -seconds, nanos: -nanos) }

    /// Total nanoseconds, or nil on Int64 overflow.
    var totalNanos: Int64? {
        let (a, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (b, o2) = a.addingReportingOverflow(Int64(nanos))
        return o1 || o2 ? nil : b
    }

    /// The CEL string form: seconds with an optional fraction and an `s` suffix, e.g. `1.5s`.
    public var celString: String {
        let negative = seconds < 0 || nanos < 0
        var out = negative ? "-" : ""
        out += String(seconds.magnitude)
        if nanos != 0 {
            var frac = String(Int64(nanos).magnitude)
            frac = String(repeating: "0", count: 9 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "s"
    }

    /// Parses a duration such as `3600s`, `1.5h`, `-1h2m3.5s`, `300ms`, `2us`, `2µs` or `10ns`
    /// (Go syntax); nil when malformed (range is not checked beyond Int64).
    public static func parse(_ text: String) -> Duration? {
        var s = Array(text.unicodeScalars)
        var negative = false
        if let f = s.first, f == "-" || f == "+" {
            negative = f == "-"
            s.removeFirst()
        }
        if s.count == 1 && s[0] == "0" { return Duration(seconds: 0) }
        guard !s.isEmpty else { return nil }
        // Accumulate in nanoseconds using a (seconds, nanos) pair to avoid overflow.
        var totalSeconds: Int64 = 0
        var totalNanos: Int64 = 0
        var i = 0
        while i < s.count {
            var intPart: Int64 = 0
            var sawDigit = false
            var overflow = false
            while i < s.count, let d = s[i].properties.numericType == .decimal ? Int64(String(s[i])) : nil {
                let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                overflow = overflow || o1 || o2
                intPart = a
                sawDigit = true
                i += 1
            }
            var fracDigits: [Int64] = []
            if i < s.count, s[i] == "." {
                i += 1
                while i < s.count, let d = s[i].properties.numericType == .decimal ? Int64(String(s[i])) : nil {
                    fracDigits.append(d)
                    sawDigit = true
                    i += 1
                }
            }
            guard sawDigit, !overflow else { return nil }
            var unit = ""
            while i < s.count, s[i] != ".", !(s[i].properties.numericType == .decimal) {
                unit.unicodeScalars.append(s[i])
                i += 1
            }
            let unitNanos: Int64
            switch unit {
            case "ns": unitNanos = 1
            case "us", "µs", "μs": unitNanos = 1_000
            case "ms": unitNanos = 1_000_000
            case "s": unitNanos = 1_000_000_000
            case "m": unitNanos = 60_000_000_000
            case "h": unitNanos = 3_600_000_000_000
            default: return nil
            }
            // Integer part: intPart * unitNanos, split into seconds and nanos.
            let secondsPerUnit = unitNanos / 1_000_000_000
            if secondsPerUnit > 0 {
                let (m, o) = intPart.multipliedReportingOverflow(by: secondsPerUnit)
                if o { return nil }
                totalSeconds += m
            } else {
                let perSecond = 1_000_000_000 / unitNanos
                totalSeconds += intPart / perSecond
                totalNanos += (intPart % perSecond) * unitNanos
            }
            // Fraction: sum of digit * unitNanos / 10^k (truncated to nanoseconds).
            var scale = unitNanos
            var fracNanos: Int64 = 0
            var remainderScale: Double = Double(unitNanos)
            for d in fracDigits {
                remainderScale /= 10
                if scale >= 10 {
                    scale /= 10
                    fracNanos += d * scale
                } else {
                    fracNanos += Int64(Double(d) * remainderScale)
                }
            }
            totalNanos += fracNanos
            totalSeconds += totalNanos / 1_000_000_000
            totalNanos %= 1_000_000_000
            if abs(totalSeconds) > 10 * Duration.maxSeconds { return nil }
        }
        if negative { totalSeconds = -totalSeconds; totalNanos = -totalNanos }
        return Duration(seconds: totalSeconds, nanos: Int32(totalNanos))
    }
}
