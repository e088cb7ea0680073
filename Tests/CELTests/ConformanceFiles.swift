import Foundation

/// Where the CEL conformance suite is: the workspace's shared copy (`../shared/cel-conformance`
/// beside the package) when present, otherwise the identical copy checked in under
/// `Tests/CELTests/Conformance` (Apache-2.0, converted from google/cel-spec; see its README).
enum ConformanceFiles {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static let directory: URL = {
        let shared = here.appendingPathComponent("../../../shared/cel-conformance").standardizedFileURL
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return here.appendingPathComponent("Conformance")
    }()
}
