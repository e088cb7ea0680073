// swift-tools-version:6.0
import Foundation
import PackageDescription

// The engine bundles the top-level `rules/` folder as a resource, so its target path is the
// package root; everything else at the top level and in Sources/ is excluded from it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
func entries(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? [])
        .filter { !$0.hasPrefix(".") }
}
let engineExcludes = entries(".").filter { $0 != "Sources" && $0 != "rules" }
    + entries("Sources").filter { $0 != "MDAEngine" }.map { "Sources/" + $0 }

let package = Package(
    name: "mda",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CEL", targets: ["CEL"]),
        .library(name: "ByteJSON", targets: ["ByteJSON"]),
        .library(name: "MDAEngine", targets: ["MDAEngine"]),
        .library(name: "MDARegression", targets: ["MDARegression"]),
        .executable(name: "mda", targets: ["mda"]),
    ],
    dependencies: [],
    targets: [
        // The Common Expression Language: lexer, parser, checker, values, evaluator. No domain knowledge.
        .target(name: "CEL"),
        // Byte-level RFC 8259 JSON reader and writer. No domain knowledge.
        .target(name: "ByteJSON"),
        // The routing engine: case model, rule files, evaluation, decisions, explanations.
        // Its path is the package root so the top-level `rules/` folder can be bundled as a resource.
        .target(name: "MDAEngine", dependencies: ["CEL", "ByteJSON"], path: ".", exclude: engineExcludes,
                sources: ["Sources/MDAEngine"], resources: [.copy("rules")]),
        // Commands of the `mda` tool (testable library); the executable is a thin shell around it.
        // Regression suites: input enumeration (files, folders, JSON Lines), fixtures, expectations, coverage, JUnit.
        .target(name: "MDARegression", dependencies: ["MDAEngine", "CEL", "ByteJSON"]),
        // The JSON-RPC 2.0 service behind `mda serve`: protocol, line reading, workers, signals.
        .target(name: "MDAService", dependencies: ["MDAEngine", "ByteJSON"]),
        .target(name: "MDACLI", dependencies: ["MDAService", "MDAEngine", "CEL", "ByteJSON", "CELConformance", "MDARegression"]),
        .executableTarget(name: "mda", dependencies: ["MDACLI"]),
        // Runs the CEL conformance suite (JSON) against the CEL module.
        .target(name: "CELConformance", dependencies: ["CEL"]),
        // Micro-benchmarks of CEL evaluation.
        .executableTarget(name: "cel-bench", dependencies: ["CEL"]),
        // Drives `mda serve` over a pipe: requests per second, latency percentiles, peak memory.
        .executableTarget(name: "serve-bench", dependencies: ["ByteJSON"]),
        // Times ByteJSON reading and writing of the sample cases against Foundation.
        .executableTarget(name: "json-bench", dependencies: ["ByteJSON"]),
        .testTarget(name: "CELTests", dependencies: ["CEL", "CELConformance"], exclude: ["conformance-known-failures.txt", "Conformance"]),
        .testTarget(name: "ByteJSONTests", dependencies: ["ByteJSON"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "MDAEngineTests", dependencies: ["MDAEngine", "CEL", "ByteJSON"]),
        .testTarget(name: "MDAServiceTests", dependencies: ["MDAService", "MDAEngine", "ByteJSON"]),
        .testTarget(name: "MDACLITests", dependencies: ["MDACLI", "MDAEngine", "ByteJSON", "MDARegression"]),
        .testTarget(name: "MDARegressionTests", dependencies: ["MDARegression", "MDAEngine", "ByteJSON"]),
    ],
    swiftLanguageModes: [.v6]
)
