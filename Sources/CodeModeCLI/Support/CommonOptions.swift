import ArgumentParser
import CodeModeCore
import CodeModeRedis
import CodeModeStorage
import Foundation

/// `--base PATH`: the library folder, for every command that works on one.
struct LibraryFolderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The library folder. Default: the nearest folder, from here upward, holding codemode.yaml or skills/.",
        valueName: "path"), completion: .directory)
    var base: String?

    /// The library at `--base`, or the nearest one from the current folder upward.
    func fileStorage() throws -> FileStorage {
        try Self.fileStorage(base: base)
    }

    /// The library at `base`, or the nearest one from the current folder upward.
    static func fileStorage(base: String?) throws -> FileStorage {
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

/// Which library a command works on: a folder, or a Redis prefix with `--redis`.
struct LibraryOptions: ParsableArguments {
    @OptionGroup var folder: LibraryFolderOption

    @Option(name: .long, help: ArgumentHelp("Work on a Redis prefix instead of a folder: redis://host[:port][/db] or unix:///path.sock.", valueName: "url"))
    var redis: String?

    @Option(name: .long, help: "The Redis key prefix, as in RedisStorage(prefix=P) (with --redis).")
    var prefix: String = RedisTargetOptions.defaultPrefix

    func validate() throws {
        guard let redis else { return }
        if folder.base != nil { throw ValidationError("use either --base or --redis, not both") }
        do {
            _ = try RedisURL(parsing: redis)
        } catch {
            throw ValidationError("--redis: \(error)")
        }
        if let problem = RedisStorage.problem(withPrefix: prefix) {
            throw ValidationError("invalid --prefix '\(prefix)': \(problem)")
        }
    }

    func storage() throws -> any StorageBackend {
        if let redis { return try RedisStorage(url: RedisURL(parsing: redis), prefix: prefix) }
        return try fileStorage()
    }

    func fileStorage() throws -> FileStorage {
        if redis != nil { throw CommandFailure(message: "this command works on a library folder, not on --redis") }
        return try folder.fileStorage()
    }
}

/// `--json` for every command that reports.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    /// What `skill add` and `skill new` print: `created skills/x.py: description`, or the skill.
    func printSaved(_ outcome: SkillSaveOutcome, at location: String) {
        if json {
            printJSON(outcome.skill.listingJSON(includingSource: true))
        } else {
            Console.output("\(outcome.change.rawValue) \(location): \(outcome.skill.description)")
        }
    }

    /// Prints `value` as pretty JSON (Python's `json.dumps(indent=2)` layout).
    func printJSON(_ value: JSONValue) {
        Console.output(PythonJSONEncoder(indent: 2).encode(value))
    }
}
