import Foundation
import MDAEngine

/// Where the service loads its rules from, at start and on every `ruleset.reload`.
public enum RulesetSource: Sendable, Equatable {
    /// The rules bundled with the package.
    case bundled
    /// Every `*.rules` file of a directory.
    case directory(URL)

    /// Loads the ruleset.
    ///
    /// - Returns: The compiled ruleset.
    /// - Throws: ``RulesetErrors`` with every diagnostic when the rules cannot be read or have errors.
    public func load() throws(RulesetErrors) -> Ruleset {
        switch self {
        case .bundled: return try Ruleset.bundled()
        case .directory(let url): return try Ruleset.load(directory: url)
        }
    }
}
