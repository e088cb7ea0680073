/// The CEL standard library: every standard function and operator, with signatures for the
/// checker and implementations for the evaluator.
///
/// Overload ids follow cel-go (`add_int64`, `size_string`, …). Every declaration carries one
/// kind-switching implementation shared by its overloads, so a call never matches signatures
/// at run time.
public enum StandardLibrary {
    /// All standard function declarations (operators, conversions, strings, time, the
    /// logical operators and `@not_strictly_false`).
    public static let functions: [FunctionDecl] = makeFunctions()

    /// The standard declarations by name.
    public static let byName: [String: FunctionDecl] = {
        var m: [String: FunctionDecl] = [:]
        for f in functions { m[f.name] = f }
        return m
    }()

    /// Type names that evaluate to type values when used as identifiers (`int`, `list`, …).
    public static let typeDenotations: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
        "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null,
        "type": .type(nil),
    ]

    private typealias Sig = (id: String, receiver: Bool, params: [CELType], result: CELType)

    private static func g(_ id: String, _ params: [CELType], _ result: CELType) -> Sig {
        (id, false, params, result)
    }

    private static func r(_ id: String, _ params: [CELType], _ result: CELType) -> Sig {
        (id, true, params, result)
    }

    private static func makeFunctions() -> [FunctionDecl] {
        let A = CELType.typeParam("A"), B = CELType.typeParam("B")
        let K = CELType.typeParam("K"), V = CELType.typeParam("V")
        let listA = CELType.list(A), mapKV = CELType.map(K, V)
        let int = CELType.int, uint = CELType.uint, double = CELType.double, bool = CELType.bool
        let string = CELType.string, bytes = CELType.bytes, ts = CELType.timestamp, dur = CELType.duration

        var fs: [FunctionDecl] = []
        func bin(_ name: String, _ f: @escaping @Sendable (Value, Value) -> Value, _ sigs: [Sig], nonStrict: Bool = false) {
            fs.append(FunctionDecl(name, nonStrict: nonStrict, generic: FunctionImpl(binary: f, name: name), sigs))
        }
        func un(_ name: String, _ f: @escaping @Sendable (Value) -> Value, _ sigs: [Sig], nonStrict: Bool = false) {
            fs.append(FunctionDecl(name, nonStrict: nonStrict, generic: FunctionImpl(unary: f, name: name), sigs))
        }

        // Logic (non-strict; the planner evaluates these specially).
        bin("_&&_", logicalAnd, [g("logical_and", [bool, bool], bool)], nonStrict: true)
        bin("_||_", logicalOr, [g("logical_or", [bool, bool], bool)], nonStrict: true)
        un("!_", logicalNot, [g("logical_not", [bool], bool)])
        fs.append(FunctionDecl("_?_:_", nonStrict: true, generic: FunctionImpl(nary: { args in
            guard args.count == 3 else { return Value.noMatchingOverload("_?_:_", args) }
            switch args[0] {
            case .bool(let c): return c ? args[1] : args[2]
            case .error, .unknown: return args[0]
            default: return Value.noMatchingOverload("_?_:_", args)
            }
        }), [g("conditional", [bool, A, A], A)]))
        un("@not_strictly_false", notStrictlyFalse, [g("not_strictly_false", [bool], bool)], nonStrict: true)

        // Arithmetic.
        bin("_+_", add, [
            g("add_int64", [int, int], int), g("add_uint64", [uint, uint], uint),
            g("add_double", [double, double], double), g("add_string", [string, string], string),
            g("add_bytes", [bytes, bytes], bytes), g("add_list", [listA, listA], listA),
            g("add_timestamp_duration", [ts, dur], ts), g("add_duration_timestamp", [dur, ts], ts),
            g("add_duration_duration", [dur, dur], dur),
        ])
        bin("_-_", subtract, [
            g("subtract_int64", [int, int], int), g("subtract_uint64", [uint, uint], uint),
            g("subtract_double", [double, double], double),
            g("subtract_timestamp_timestamp", [ts, ts], dur), g("subtract_timestamp_duration", [ts, dur], ts),
            g("subtract_duration_duration", [dur, dur], dur),
        ])
        bin("_*_", multiply, [
            g("multiply_int64", [int, int], int), g("multiply_uint64", [uint, uint], uint),
            g("multiply_double", [double, double], double),
        ])
        bin("_/_", divide, [
            g("divide_int64", [int, int], int), g("divide_uint64", [uint, uint], uint),
            g("divide_double", [double, double], double),
        ])
        bin("_%_", modulo, [g("modulo_int64", [int, int], int), g("modulo_uint64", [uint, uint], uint)])
        un("-_", negate, [g("negate_int64", [int], int), g("negate_double", [double], double)])

        // Equality and ordering.
        bin("_==_", equals, [g("equals", [A, A], bool)])
        bin("_!=_", notEquals, [g("not_equals", [A, A], bool)])
        let orderTypes: [(String, CELType)] = [("int64", int), ("uint64", uint), ("double", double), ("string", string),
                                               ("bytes", bytes), ("bool", bool), ("timestamp", ts), ("duration", dur)]
        let mixed: [(String, CELType, String, CELType)] = [
            ("int64", int, "uint64", uint), ("int64", int, "double", double), ("uint64", uint, "int64", int),
            ("uint64", uint, "double", double), ("double", double, "int64", int), ("double", double, "uint64", uint),
        ]
        for (name, prefix, f) in [("_<_", "less", less), ("_<=_", "less_equals", lessEquals),
                                  ("_>_", "greater", greater), ("_>=_", "greater_equals", greaterEquals)] as [(String, String, @Sendable (Value, Value) -> Value)] {
            var sigs = orderTypes.map { g("\(prefix)_\($0.0)", [$0.1, $0.1], bool) }
            sigs += mixed.map { g("\(prefix)_\($0.0)_\($0.2)", [$0.1, $0.3], bool) }
            bin(name, f, sigs)
        }

        // Containers.
        bin("@in", inContainer, [g("in_list", [A, listA], bool), g("in_map", [K, mapKV], bool)])
        bin("_[_]", index, [g("index_list", [listA, int], A), g("index_map", [mapKV, K], V)])
        un("size", size, [
            g("size_string", [string], int), g("size_bytes", [bytes], int),
            g("size_list", [listA], int), g("size_map", [mapKV], int),
            r("string_size", [string], int), r("bytes_size", [bytes], int),
            r("list_size", [listA], int), r("map_size", [mapKV], int),
        ])

        // Strings.
        bin("contains", contains, [r("contains_string", [string, string], bool)])
        bin("startsWith", startsWith, [r("starts_with_string", [string, string], bool)])
        bin("endsWith", endsWith, [r("ends_with_string", [string, string], bool)])
        bin("matches", matches, [g("matches", [string, string], bool), r("matches_string", [string, string], bool)])

        // Conversions.
        un("int", toInt, [
            g("int64_to_int64", [int], int), g("uint64_to_int64", [uint], int), g("double_to_int64", [double], int),
            g("string_to_int64", [string], int), g("timestamp_to_int64", [ts], int),
        ])
        un("uint", toUint, [
            g("uint64_to_uint64", [uint], uint), g("int64_to_uint64", [int], uint),
            g("double_to_uint64", [double], uint), g("string_to_uint64", [string], uint),
        ])
        un("double", toDouble, [
            g("double_to_double", [double], double), g("int64_to_double", [int], double),
            g("uint64_to_double", [uint], double), g("string_to_double", [string], double),
        ])
        un("string", toString, [
            g("string_to_string", [string], string), g("int64_to_string", [int], string),
            g("uint64_to_string", [uint], string), g("double_to_string", [double], string),
            g("bytes_to_string", [bytes], string), g("bool_to_string", [bool], string),
            g("timestamp_to_string", [ts], string), g("duration_to_string", [dur], string),
        ])
        un("bytes", toBytes, [g("bytes_to_bytes", [bytes], bytes), g("string_to_bytes", [string], bytes)])
        un("bool", toBool, [g("bool_to_bool", [bool], bool), g("string_to_bool", [string], bool)])
        un("dyn", { $0 }, [g("to_dyn", [A], .dyn)])
        un("type", typeOf, [g("type", [A], .type(A))])
        un("timestamp", toTimestamp, [
            g("timestamp_to_timestamp", [ts], ts), g("string_to_timestamp", [string], ts),
            g("int64_to_timestamp", [int], ts),
        ])
        un("duration", toDuration, [
            g("duration_to_duration", [dur], dur), g("string_to_duration", [string], dur),
        ])

        // Time accessors.
        let timestampOnly: [(String, String, TimeField)] = [
            ("getFullYear", "timestamp_to_year", .fullYear), ("getMonth", "timestamp_to_month", .month),
            ("getDayOfYear", "timestamp_to_day_of_year", .dayOfYear),
            ("getDayOfMonth", "timestamp_to_day_of_month", .dayOfMonth),
            ("getDate", "timestamp_to_day_of_month_1_based", .date),
            ("getDayOfWeek", "timestamp_to_day_of_week", .dayOfWeek),
        ]
        for (name, id, field) in timestampOnly {
            fs.append(FunctionDecl(name, generic: timeGetter(field, name: name), [
                r(id, [ts], int), r(id + "_with_tz", [ts, string], int),
            ]))
        }
        let both: [(String, String, String, TimeField)] = [
            ("getHours", "timestamp_to_hours", "duration_to_hours", .hours),
            ("getMinutes", "timestamp_to_minutes", "duration_to_minutes", .minutes),
            ("getSeconds", "timestamp_to_seconds", "duration_to_seconds", .seconds),
            ("getMilliseconds", "timestamp_to_milliseconds", "duration_to_milliseconds", .milliseconds),
        ]
        for (name, tid, did, field) in both {
            fs.append(FunctionDecl(name, generic: timeGetter(field, name: name), [
                r(tid, [ts], int), r(tid + "_with_tz", [ts, string], int), r(did, [dur], int),
            ]))
        }
        // Internal: map insertion for the transformMap macros.
        fs.append(FunctionDecl("cel.@mapInsert", generic: FunctionImpl(nary: mapInsert), [
            g("cel_mapinsert_kv", [.map(K, V), K, V], .map(K, V)),
            g("cel_mapinsert_map", [.map(K, V), .map(K, V)], .map(K, V)),
        ]))
        _ = B
        return fs
    }
}
