public import Foundation

/// Finds a program the way a shell does, for the interpreter and for the commands of tools.
public enum ExecutableSearch {
    /// A name containing `/` is a path (relative to the current directory); any other
    /// name is looked up in the directories of `searchPath`, as a shell does.
    public static func find(_ name: String, searchPath: String) -> URL? {
        let candidates: [URL]
        if name.contains("/") {
            candidates = [URL(fileURLWithPath: name)]
        } else {
            candidates = searchPath.split(separator: ":", omittingEmptySubsequences: false).map { directory in
                URL(fileURLWithPath: directory.isEmpty ? "." : String(directory)).appendingPathComponent(name)
            }
        }
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }

    /// `name` on this process's `PATH`.
    public static func find(_ name: String) -> URL? {
        find(name, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }
}
