// cel-bench: nanoseconds per evaluation of representative rule conditions.
// Run in release mode: swift run -c release cel-bench [label-filter]
import CEL
import Foundation

let incidentType = ObjectType(name: "Incident", fields: [
    ("date", .timestamp), ("kind", .string), ("severity", .int), ("weapon", .bool), ("notes", .string),
])
let caseType = ObjectType(name: "Case", fields: [
    ("name", .string), ("score", .int), ("ref", .timestamp), ("incidents", .list(.object(incidentType))),
    ("acute", .bool),
])

let ref = Timestamp(seconds: 1_700_000_000)
func makeIncident(_ i: Int) -> Value {
    let seconds: Int64 = ref.seconds - Int64(i) * 20 * 86_400
    let kind: String = i % 3 == 0 ? "physical" : "verbal"
    let fields: [Value] = [
        .timestamp(Timestamp(seconds: seconds)), .string(kind), .int(Int64(i % 5)), .bool(i == 45),
        .string("incident \(i)"),
    ]
    return .object(ObjectValue.make(type: incidentType, fields: fields, path: "/incidents/\(i)"))
}
let incidents: [Value] = (0..<50).map(makeIncident)
let record = ObjectValue.make(type: caseType, fields: [
    .string("Jansen Family"), .int(7), .timestamp(ref), .list(incidents), .bool(false),
], path: "")

let benchmarks: [(String, String)] = [
    ("field access", "c.score > 3 && c.name == 'Jansen Family' && !c.acute"),
    ("exists over 50 objects", "c.incidents.exists(i, i.weapon && i.severity >= 4)"),
    ("timestamp arithmetic", "c.incidents.exists(i, i.date >= c.ref - duration('8760h') && i.kind == 'none')"),
    ("timestamp compare (single)", "c.ref - duration('8760h') <= c.ref"),
    ("string matches", "c.name.matches('^[A-Z][a-z]+ [A-Z][a-z]+$')"),
    ("atLeast count", "c.incidents.atLeast(12, i, i.severity >= 3)"),
    ("atLeast macro (global)", "atLeast(2, c.score > 3, c.acute, c.name.startsWith('J'))"),
    ("size of filter", "size(c.incidents.filter(i, i.kind == 'physical')) >= 10"),
    ("nested exists in filter", "size(c.incidents.filter(i, i.weapon && c.incidents.exists(j, j.severity > i.severity))) > 0"),
    ("kind in constant list", "c.incidents.exists(i, i.kind in ['sexual', 'stalking', 'none'])"),
]

let env = try Environment(declarations: [.variable("c", .object(caseType))],
                          options: .init(enableKleeneExtensions: true))
let activation = Activation(slots: [.object(record)])

func measure(_ program: Program, iterations: Int) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    var sink = 0
    for _ in 0..<iterations {
        if case .bool(true) = program.evaluate(activation) { sink += 1 }
    }
    let end = DispatchTime.now().uptimeNanoseconds
    if sink == -1 { print(sink) }
    return Double(end - start) / Double(iterations)
}

print("cel-bench: median (and fastest) ns per evaluation over 7 runs of ~50 ms after warm-up")
let filter = CommandLine.arguments.dropFirst().first
for (label, source) in benchmarks where filter.map({ label.contains($0) }) ?? true {
    let program: Program
    do {
        program = try env.program(try env.compile(source))
    } catch {
        print("\(label): compile failed: \(error)")
        continue
    }
    let result = program.evaluate(activation)
    // Calibrate the iteration count to ~50 ms per run.
    var iterations = 1000
    _ = measure(program, iterations: iterations)
    let once = measure(program, iterations: iterations)
    iterations = max(1000, Int(50_000_000 / max(once, 1)))
    var runs: [Double] = []
    for _ in 0..<7 { runs.append(measure(program, iterations: iterations)) }
    runs.sort()
    let median = runs[runs.count / 2]
    let name = label.padding(toLength: 28, withPad: " ", startingAt: 0)
    print("\(name) \(String(format: "%10.1f", median)) ns/eval (min \(String(format: "%.1f", runs[0])))   result \(result)   [\(source)]")
}
