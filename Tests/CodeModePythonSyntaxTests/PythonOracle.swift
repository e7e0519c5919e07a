import Foundation

/// Asks real CPython interpreters whether sources compile, one process per interpreter for
/// a whole batch: the sources go as a JSON list to stdin, a JSON list of booleans comes back.
/// Uses `python3` from PATH plus any pyenv-installed 3.9–3.13, and reports a source as
/// compiling only when every interpreter compiles it.
enum PythonOracle {
    static let script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        results = []
        for source in json.load(sys.stdin):
            try:
                compile(source, "<skill>", "exec", dont_inherit=True)
                results.append(True)
            except BaseException:
                results.append(False)
        json.dump(results, sys.stdout)
        """

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let interpreters: [String] = {
        var found = ["python3"]
        let versionsDirectory = FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".pyenv/versions").path
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: versionsDirectory)) ?? []
        for minor in ["3.9.", "3.10.", "3.11.", "3.12.", "3.13."] {
            if let version = installed.sorted().last(where: { $0.hasPrefix(minor) }) {
                let path = "\(versionsDirectory)/\(version)/bin/python3"
                if FileManager.default.isExecutableFile(atPath: path) { found.append(path) }
            }
        }
        return found
    }()

    /// For each source: does every interpreter (or only `python3` from PATH) compile it?
    static func compiles(_ sources: [String], onlyPathPython: Bool = false) throws -> [Bool] {
        var combined = [Bool](repeating: true, count: sources.count)
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("codemode-syntax-oracle-\(UUID().uuidString).json")
        try JSONEncoder().encode(sources).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        for interpreter in onlyPathPython ? ["python3"] : interpreters {
            let results = try run(interpreter, input: input)
            guard results.count == sources.count else {
                throw Failure(description: "\(interpreter) returned \(results.count) results for \(sources.count) sources")
            }
            for index in results.indices where !results[index] {
                combined[index] = false
            }
        }
        return combined
    }

    private static func run(_ interpreter: String, input: URL) throws -> [Bool] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter, "-I", "-S", "-c", script]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(interpreter) exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode([Bool].self, from: data)
    }
}
