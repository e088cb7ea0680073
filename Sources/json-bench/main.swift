// json-bench: times ByteJSON reading and writing of the sample cases against Foundation.
//
// Usage: swift run -c release json-bench [--no-foundation] [iterations-per-sample] [case.json ...]
// Prints the median time per parse and per write, in microseconds.

import ByteJSON
import Foundation

/// The default sample cases, found relative to this source file (`/work/shared/peers/cases`).
let casesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../../../shared/peers/cases")
    .standardizedFileURL

var arguments = Array(CommandLine.arguments.dropFirst())
let withFoundation = !arguments.contains("--no-foundation")
arguments.removeAll { $0 == "--no-foundation" }
let batch = arguments.first.flatMap(Int.init) ?? 200
if Int(arguments.first ?? "") != nil { arguments.removeFirst() }
let files = arguments.isEmpty
    ? ["typical.json", "large.json"].map { casesFolder.appendingPathComponent($0) }
    : arguments.map { URL(fileURLWithPath: $0) }

/// Defeats dead-code elimination of benchmarked results.
nonisolated(unsafe) var sink = 0

/// Time per call in microseconds over `samples` batches of `batch` calls: the median and the
/// fastest batch (the minimum is the steadier figure on a busy machine).
func measure(samples: Int = 31, batch: Int, _ body: () -> Int) -> (median: Double, min: Double) {
    for _ in 0..<max(1, batch / 4) { sink &+= body() }
    var times: [Double] = []
    for _ in 0..<samples {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batch { sink &+= body() }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        times.append(Double(elapsed) / Double(batch) / 1000)
    }
    times.sort()
    return (times[times.count / 2], times[0])
}

func format(_ micros: (median: Double, min: Double)) -> String {
    String(format: "%8.2f µs (min %8.2f)", micros.median, micros.min)
}

for file in files {
    guard let data = try? Data(contentsOf: file) else {
        print("cannot read \(file.path)")
        exit(1)
    }
    let bytes = [UInt8](data)
    let reader = JSONReader()
    let value: JSONValue
    do {
        value = try reader.read(bytes)
    } catch {
        print("\(file.lastPathComponent): \(error)")
        exit(1)
    }
    let foundationObject = try JSONSerialization.jsonObject(with: data)
    let scale = max(1, 7_000 / max(bytes.count, 1))
    let n = max(10, batch * scale * 7_000 / max(bytes.count, 7_000))

    let parse = measure(batch: n) {
        (try? reader.read(bytes)) == nil ? 0 : 1
    }
    let write = measure(batch: n) {
        var writer = JSONWriter(capacity: bytes.count)
        writer.value(value)
        return writer.bytes.count
    }
    print("\(file.lastPathComponent) (\(bytes.count) bytes), median of 31 samples (fastest sample):")
    print("  ByteJSON   parse \(format(parse))   write \(format(write))")
    guard withFoundation else { continue }
    let foundationParse = measure(batch: max(10, n / 4)) {
        (try? JSONSerialization.jsonObject(with: data)) == nil ? 0 : 1
    }
    let foundationWrite = measure(batch: max(10, n / 4)) {
        (try? JSONSerialization.data(withJSONObject: foundationObject))?.count ?? 0
    }
    print("  Foundation parse \(format(foundationParse))   write \(format(foundationWrite))   (JSONSerialization)")
    print(String(format: "  speed-up   parse %8.1fx                  write %8.1fx (medians)",
                 foundationParse.median / parse.median, foundationWrite.median / write.median))
}
if sink == 42 { print("") }
