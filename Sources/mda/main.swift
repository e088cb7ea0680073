import MDACLI

// The `mda` executable: everything lives in MDACLI so it can be tested in-process.
import Foundation
exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
