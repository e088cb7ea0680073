import ByteJSON
import Foundation
import MDAEngine

/// Entry point of the `mda` command-line tool.
public enum CommandLineTool {
    /// Runs the tool with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else { return 64 }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "evaluate":
            guard let path = rest.last, let data = FileManager.default.contents(atPath: path) else { return 66 }
            do {
                let engine = try Engine.bundled()
                switch engine.evaluate(json: [UInt8](data)) {
                case .success(let d):
                    print(DecisionWriter.json(d))
                    return 0
                case .failure(let e):
                    for err in e.errors { print("\(err.path) \(err.code.rawValue) \(err.message)") }
                    return 2
                }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 3
            }
        default:
            return 64
        }
    }
}
