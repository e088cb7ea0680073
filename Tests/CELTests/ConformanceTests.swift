import CELConformance
import Foundation
import Testing

/// Runs the shared CEL conformance suite and compares the failures with the checked-in list
/// of known failures (`conformance-known-failures.txt`, one `file/section/name — reason` per
/// line): an unlisted failure fails the test, and so does a listed test that now passes.
@Test func conformanceSuite() throws {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let suite = ConformanceFiles.directory
    let cases = try ConformanceLoader.loadDirectory(suite)
    #expect(cases.count > 900)
    let report = ConformanceRunner.run(cases)

    let listText = (try? String(contentsOf: here.appendingPathComponent("conformance-known-failures.txt"), encoding: .utf8)) ?? ""
    var known = Set<String>()
    for line in listText.split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let id = trimmed.components(separatedBy: " — ").first!.trimmingCharacters(in: .whitespaces)
        known.insert(id)
    }
    print("CEL conformance: \(report.passed.count) passed, \(report.failures.count) failed")
    if ProcessInfo.processInfo.environment["CEL_CONFORMANCE_REPORT"] != nil { print(report.text) }
    for failure in report.failures where !known.contains(failure.id) {
        Issue.record("unexpected conformance failure \(failure.id): \(failure.message)")
    }
    for id in report.passed where known.contains(id) {
        Issue.record("\(id) is listed as a known failure but passes; remove it from conformance-known-failures.txt")
    }
}
