import Foundation

/// The library's tests: `tests/test_<name>.py` in the library folder, also in subfolders
/// (`tests/smoke/test_x.py`), as pytest finds them. They live in git only — never synced to a
/// prefix — and are checked for syntax like skills.
public enum TestFolder {
    public static let name = "tests"

    /// Whether a path inside the library folder is a test file: under `tests/`, named
    /// `test_*.py`, in no hidden or cache folder.
    public static func isTestFile(_ path: some StringProtocol) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == name, let file = parts.last, file.hasPrefix("test_"), file.hasSuffix(".py") else { return false }
        return !parts.dropFirst().dropLast().contains { $0.isEmpty || $0.hasPrefix(".") || $0 == "__pycache__" }
    }

    /// The library-relative paths of the test files in the library folder `base`, sorted.
    public static func paths(inFolder base: URL) -> [String] {
        let root = base.appendingPathComponent(name).path
        guard let entries = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let entry = entries.nextObject() as? String {
            let path = "\(name)/\(entry)"
            if isTestFile(path), !FileIO.isDirectory("\(root)/\(entry)") { paths.append(path) }
        }
        return paths.sorted()
    }

    /// Whether `path` is the test folder or one of its subfolders (`tests/smoke`), which names
    /// the test files under it.
    public static func contains(_ file: String, inFolder folder: String) -> Bool {
        let folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return file.hasPrefix(folder + "/")
    }
}
