/// Timestamp and duration accessors: `getFullYear`, `getMonth`, `getDayOfYear`,
/// `getDayOfMonth`, `getDate`, `getDayOfWeek`, `getHours`, `getMinutes`, `getSeconds`,
/// `getMilliseconds`, each on a timestamp with an optional time zone (IANA name or fixed
/// offset such as `+05:30`), and the last four also on durations.
extension StandardLibrary {
    /// Which component a getter returns.
    enum TimeField: Sendable {
        case fullYear, month, dayOfYear, dayOfMonth, date, dayOfWeek, hours, minutes, seconds, milliseconds
    }

    static func timeGetter(_ field: TimeField, name: String) -> FunctionImpl {
        FunctionImpl(unary: { a in getTime(field, name, a, nil) },
                     binary: { a, b in getTime(field, name, a, b) },
                     name: name)
    }

    static func getTime(_ field: TimeField, _ name: String, _ a: Value, _ tz: Value?) -> Value {
        switch a {
        case .timestamp(let t):
            var offset: Int64 = 0
            if let tz {
                guard case .string(let zone) = tz else { return .noMatchingOverload(name, a, tz) }
                guard let o = t.offset(timeZone: zone) else {
                    return .error("invalid_argument", "unknown time zone \(celQuoted(zone))")
                }
                offset = o
            }
            let c = t.components(offset: offset)
            switch field {
            case .fullYear: return .int(c.year)
            case .month: return .int(c.month - 1)
            case .dayOfYear: return .int(c.dayOfYear)
            case .dayOfMonth: return .int(c.day - 1)
            case .date: return .int(c.day)
            case .dayOfWeek: return .int(c.dayOfWeek)
            case .hours: return .int(c.hour)
            case .minutes: return .int(c.minute)
            case .seconds: return .int(c.second)
            case .milliseconds: return .int(Int64(t.nanos) / 1_000_000)
            }
        case .duration(let d):
            guard tz == nil else { return .noMatchingOverload(name, [a, tz!]) }
            switch field {
            case .hours: return .int(d.seconds / 3600)
            case .minutes: return .int(d.seconds / 60)
            case .seconds: return .int(d.seconds)
            case .milliseconds: return .int(d.seconds * 1000 + Int64(d.nanos) / 1_000_000)
            default: return .noMatchingOverload(name, a)
            }
        default:
            return tz.map { .noMatchingOverload(name, a, $0) } ?? .noMatchingOverload(name, a)
        }
    }
}
