/// Arithmetic operators: `_+_`, `_-_`, `_*_`, `_/_`, `_%_`, `-_`.
extension StandardLibrary {
    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .overflow() : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .overflow() : .uint(r)
        case let (.double(x), .double(y)): return .double(x + y)
        case let (.string(x), .string(y)): return .string(x + y)
        case let (.bytes(x), .bytes(y)): return .bytes(x + y)
        case let (.list(x), .list(y)): return .list(x + y)
        case let (.timestamp(t), .duration(d)), let (.duration(d), .timestamp(t)): return t.adding(d)
        case let (.duration(x), .duration(y)): return x.adding(y)
        default: return .noMatchingOverload("_+_", a, b)
        }
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .overflow() : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .overflow("unsigned integer underflow") : .uint(r)
        case let (.double(x), .double(y)): return .double(x - y)
        case let (.timestamp(x), .timestamp(y)): return x.difference(y)
        case let (.timestamp(t), .duration(d)): return t.adding(d.negated)
        case let (.duration(x), .duration(y)): return x.adding(y.negated)
        default: return .noMatchingOverload("_-_", a, b)
        }
    }

    static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .overflow() : .int(r)
        case let (.uint(x), .uint(y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .overflow() : .uint(r)
        case let (.double(x), .double(y)): return .double(x * y)
        default: return .noMatchingOverload("_*_", a, b)
        }
    }

    static func divide(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            if y == 0 { return .error("division_by_zero", "division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? .overflow() : .int(r)
        case let (.uint(x), .uint(y)):
            if y == 0 { return .error("division_by_zero", "division by zero") }
            return .uint(x / y)
        case let (.double(x), .double(y)): return .double(x / y)
        default: return .noMatchingOverload("_/_", a, b)
        }
    }

    static func modulo(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            if y == 0 { return .error("division_by_zero", "modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? .overflow() : .int(r)
        case let (.uint(x), .uint(y)):
            if y == 0 { return .error("division_by_zero", "modulus by zero") }
            return .uint(x % y)
        default: return .noMatchingOverload("_%_", a, b)
        }
    }

    static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x):
            return x == Int64.min ? .overflow() : .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let d): return .duration(d.negated)
        default: return .noMatchingOverload("-_", a)
        }
    }
}
