import CodeModeCore
import CodeModeStorage
import Foundation

/// Finds the library's tests: `tests/test_*.py` in the library folder or in a git revision,
/// and picks those the command line names.
public enum TestDiscovery {
    static let folder = TestFolder.name

    /// The test files of the library folder `base`, sorted by path.
    public static func files(inFolder base: URL) throws -> [TestFile] {
        try TestFolder.paths(inFolder: base).map { path in
            let data = try Data(contentsOf: base.appendingPathComponent(path))
            return TestFile(path: path, source: String(decoding: data, as: UTF8.self))
        }
    }

    /// The test files of the library as a git revision has it.
    public static func files(in revision: GitRevisionStorage) throws -> [TestFile] {
        try revision.files(where: TestFolder.isTestFile).map { TestFile(path: $0.path, source: String(decoding: $0.bytes, as: UTF8.self)) }
    }

    /// The files `selectors` name — a path (`tests/test_x.py`, also relative to the library
    /// folder or absolute), a folder of tests (`tests/smoke`, `smoke`), a file name
    /// (`test_x.py`), a test module (`test_x`) or a skill's name (`x`, for `tests/test_x.py`) —
    /// or all of them when there are none. A selector that names no test file is a usage error.
    public static func select(_ files: [TestFile], _ selectors: [String], libraryFolder base: URL) throws -> [TestFile] {
        guard !selectors.isEmpty else { return files }
        var chosen: [TestFile] = []
        for selector in selectors {
            // The selector as given and inside tests/, relative to the library folder when absolute.
            var paths = [selector, "\(folder)/\(selector)"]
            let absolute = URL(fileURLWithPath: selector).standardizedFileURL.path
            let prefix = base.standardizedFileURL.path + "/"
            if absolute.hasPrefix(prefix) { paths.append(String(absolute.dropFirst(prefix.count))) }
            let fileNames = paths + ["\(folder)/\(selector).py", "\(folder)/test_\(selector).py"]
            var named = files.filter { fileNames.contains($0.path) }
            if named.isEmpty {
                named = files.filter { file in paths.contains { TestFolder.contains(file.path, inFolder: $0) } }
            }
            guard !named.isEmpty else {
                throw TestSelectionError(message: "no test file for '\(NameLength.shortened(selector))' in \(folder)/ (tests are \(folder)/test_*.py, also in subfolders)")
            }
            for file in named where !chosen.contains(file) { chosen.append(file) }
        }
        return chosen
    }
}

/// A test selection that names nothing: a usage error.
public struct TestSelectionError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
