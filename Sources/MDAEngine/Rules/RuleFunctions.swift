import CEL

/// The host functions rule conditions may call besides CEL's standard library.
///
/// They are domain-neutral helpers: calendar arithmetic on dates (which CEL's durations cannot
/// express, because months have different lengths) and three-valued tests.
public enum RuleFunctions {

    /// Every host function.
    public static let all: [FunctionDecl] = [
        FunctionDecl("addMonths", overloads: [
            Overload(id: "addMonths_timestamp_int", params: [.timestamp, .int], result: .timestamp) { args in
                guard case .timestamp(let t) = args[0], case .int(let n) = args[1] else {
                    return .error(CELError(code: "no_matching_overload", message: "addMonths(timestamp, int)"))
                }
                guard abs(n) < 120_000 else { return .error(CELError(code: "range", message: "addMonths: too many months")) }
                return CaseDate(t).addingMonths(Int(n)).celValue
            },
        ]),
        FunctionDecl("addDays", overloads: [
            Overload(id: "addDays_timestamp_int", params: [.timestamp, .int], result: .timestamp) { args in
                guard case .timestamp(let t) = args[0], case .int(let n) = args[1] else {
                    return .error(CELError(code: "no_matching_overload", message: "addDays(timestamp, int)"))
                }
                guard abs(n) < 4_000_000 else { return .error(CELError(code: "range", message: "addDays: too many days")) }
                return CaseDate(t).addingDays(Int(n)).celValue
            },
        ]),
        // Three-valued tests: they see unknowns (non-strict) and always answer true or false.
        FunctionDecl("isTrue", overloads: [
            Overload(id: "isTrue_dyn", params: [.dyn], result: .bool) { args in
                if case .bool(true) = args[0] { return .bool(true) }
                return .bool(false)
            },
        ], nonStrict: true),
        FunctionDecl("isFalse", overloads: [
            Overload(id: "isFalse_dyn", params: [.dyn], result: .bool) { args in
                if case .bool(false) = args[0] { return .bool(true) }
                return .bool(false)
            },
        ], nonStrict: true),
        FunctionDecl("isUnknown", overloads: [
            Overload(id: "isUnknown_dyn", params: [.dyn], result: .bool) { args in
                if case .unknown = args[0] { return .bool(true) }
                return .bool(false)
            },
        ], nonStrict: true),
        FunctionDecl("earliest", overloads: [
            Overload(id: "earliest_list", params: [.list(.dyn)], result: .dyn) { args in
                guard case .list(let items) = args[0] else {
                    return .error(CELError(code: "no_matching_overload", message: "earliest(list)"))
                }
                var best: Timestamp?
                for item in items {
                    guard case .timestamp(let t) = item else {
                        return .error(CELError(code: "type", message: "earliest: not a timestamp"))
                    }
                    if best == nil || (t.seconds, t.nanos) < (best!.seconds, best!.nanos) { best = t }
                }
                return best.map { .timestamp($0) } ?? .null
            },
        ]),
    ]
}
