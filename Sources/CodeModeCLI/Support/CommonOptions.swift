import ArgumentParser
import CodeModeCore
import CodeModeStorage
import Foundation

/// Which library a command works on.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The library folder. Default: the nearest folder, from here upward, holding codemode.yaml or skills/.",
        valueName: "path"), completion: .directory)
    var base: String?

    func storage() throws -> FileStorage {
        let currentFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let base {
            let url = URL(fileURLWithPath: base, relativeTo: currentFolder)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CommandFailure(message: "--base \(base): no such folder")
            }
            return FileStorage(base: url)
        }
        guard let found = FileStorage.discover(from: currentFolder) else {
            throw CommandFailure(message: "no skill library found: neither \(currentFolder.path) nor a folder above it holds codemode.yaml or skills/ — pass --base PATH or create a skills/ folder")
        }
        return FileStorage(base: found)
    }
}

/// `--json` for every command that reports.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    /// Prints `value` as pretty JSON (Python's `json.dumps(indent=2)` layout).
    func printJSON(_ value: JSONValue) {
        Console.output(PythonJSONEncoder(indent: 2).encode(value))
    }
}
