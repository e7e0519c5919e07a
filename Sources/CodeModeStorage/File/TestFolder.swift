/// The library's tests: `tests/test_<name>.py` in the library folder. They live in git only —
/// never synced to a prefix — and are checked for syntax like skills.
public enum TestFolder {
    public static let name = "tests"

    /// Whether a path inside the library folder is a test file.
    public static func isTestFile(_ path: some StringProtocol) -> Bool {
        guard path.hasPrefix("\(name)/test_"), path.hasSuffix(".py") else { return false }
        return !path.dropFirst(name.count + 1).contains("/")
    }
}
