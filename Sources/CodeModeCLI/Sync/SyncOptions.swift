import ArgumentParser
import CodeModeCore
import CodeModeGit
import CodeModeStorage
import CodeModeSync
import Foundation

/// `--base PATH` for the sync commands, which work on the library folder and its repository.
struct SyncOptions: ParsableArguments {
    @OptionGroup var folder: LibraryFolderOption

    /// The library, showing the progress of long work on stderr when it is a terminal.
    func library() throws -> SyncLibrary {
        let library = try SyncLibrary.open(base: folder.fileStorage().base)
        library.progress = ProgressLine(label: "").stagedHandler
        return library
    }

    /// The library and the environment called `name`.
    func open(_ name: String) throws -> (SyncLibrary, Environment) {
        let library = try library()
        return (library, try library.config.environment(named: name))
    }
}

/// JSON and text forms shared by the sync commands.
enum SyncOutput {
    static func short(_ id: ObjectID?) -> String { id.map { String($0.hex.prefix(12)) } ?? "none" }

    /// Item statuses as a listing counts them: by state and kind (`changed-there skill`).
    static func listed(_ statuses: [ItemStatus]) -> [ItemListing.Item] {
        statuses.map { ItemListing.Item(kind: "\($0.state.rawValue) \($0.item.kind.rawValue)", line: line($0)) }
    }

    /// `  changed-there  skills/x.py  (added there)`
    static func line(_ status: ItemStatus) -> String {
        var sides: [String] = []
        if let here = status.here { sides.append("\(here.rawValue) here") }
        if let there = status.there { sides.append("\(there.rawValue) there") }
        return "  " + status.state.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + " \(status.item.path)  (\(sides.joined(separator: ", ")))"
    }

    static func warn(_ problems: [LibraryProblem]) {
        for problem in problems { Console.warning("\(problem)") }
    }
}
