import CodeModeCore
import Foundation
import Synchronization

/// A skill library in a folder (usually a git work tree), laid out as py-code-mode's
/// FileStorage reads it:
///
/// ```
/// <base>/skills/<name>.py   tools/<name>.yaml   requirements.txt
///        artifacts/ (+ .artifacts.json)   vectors/   codemode.yaml
/// ```
public final class FileStorage: StorageBackend {
    public let base: URL
    /// The skills as last listed, kept up to date by watching the folder.
    let skillIndex = Mutex<SkillFolderIndex?>(nil)

    public init(base: URL) {
        self.base = base.standardizedFileURL
    }

    public var location: String { base.path }

    public var skillsPath: String { base.appendingPathComponent("skills").path }
    public var artifactsPath: String { base.appendingPathComponent("artifacts").path }
    public var toolsPath: String { base.appendingPathComponent("tools").path }
    public var requirementsPath: String { base.appendingPathComponent("requirements.txt").path }

    /// The file name that marks a library folder (besides a `skills/` folder).
    public static let configFileName = "codemode.yaml"

    /// Finds the library that holds `start`: the nearest folder, from `start` upward, that
    /// has a `codemode.yaml` or a `skills/` folder — the way git finds `.git`.
    public static func discover(from start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            if FileIO.exists(folder.appendingPathComponent(configFileName).path)
                || FileIO.isDirectory(folder.appendingPathComponent("skills").path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Path relative to the base folder, for messages and problem reports.
    func relative(_ path: String) -> String {
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
