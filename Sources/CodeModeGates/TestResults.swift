import CodeModeCore

/// A test file of the library: `tests/test_<name>.py` and its source.
public struct TestFile: Sendable, Hashable {
    /// The path inside the library folder.
    public var path: String
    public var source: String

    public init(path: String, source: String) {
        self.path = path
        self.source = source
    }
}

/// How one test ended.
public enum TestOutcome: String, Sendable {
    case passed, failed, skipped
}

/// One test's result. A file that cannot be loaded (a syntax error, an import that fails) is
/// one failed result named `<load>`.
public struct TestCaseResult: Sendable {
    public var file: String
    public var name: String
    public var outcome: TestOutcome
    /// The assertion or error (`AssertionError: assert …`), or a skip's reason.
    public var message: String
    /// The traceback, from the test file down (skill files included); empty unless failed.
    public var traceback: String
    /// What the test printed.
    public var output: String
    public var seconds: Double
    /// The skills the test invoked, directly or through other skills.
    public var invoked: [String]

    /// The name of the result that stands for a file that could not be loaded.
    public static let loadName = "<load>"
}

/// What `codemode test` found.
public struct TestReport: Sendable {
    public var results: [TestCaseResult]
    /// Wall-clock seconds of the whole run.
    public var seconds: Double

    public var passed: Int { results.count { $0.outcome == .passed } }
    public var failed: Int { results.count { $0.outcome == .failed } }
    public var skipped: Int { results.count { $0.outcome == .skipped } }

    /// Every skill some test invoked.
    public var invokedSkills: Set<String> { Set(results.flatMap(\.invoked)) }

    /// `3 passed, 1 failed, 2 skipped` (skipped only when there are some).
    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
