import CodeModeCore

/// `gates:` of an environment in codemode.yaml: what must hold for a commit before it is
/// written there (DESIGN.md §6).
public struct GateSettings: Equatable, Sendable {
    /// `tests: required`: the commit's tests pass, as `codemode test --rev COMMIT` runs them.
    public var tests = false
    /// `coverage: all`: every skill of the commit is invoked by some test.
    public var coverage = false
    /// `soak: 2h`: the commit has been deployed in the stage before for at least this long.
    public var soak: Duration?
    /// `branch: main`: the commit is on this branch (it was reviewed and merged).
    public var branch: String?

    public init(tests: Bool = false, coverage: Bool = false, soak: Duration? = nil, branch: String? = nil) {
        self.tests = tests
        self.coverage = coverage
        self.soak = soak
        self.branch = branch
    }

    public var isEmpty: Bool { !tests && !coverage && soak == nil && branch == nil }

    /// The names of the gates set, in the order they are evaluated.
    public var names: [String] {
        [branch != nil ? "branch" : nil, soak != nil ? "soak" : nil, tests ? "tests" : nil, coverage ? "coverage" : nil].compactMap { $0 }
    }

    public static let allNames = ["tests", "coverage", "soak", "branch"]

    /// Reads a `gates:` mapping; the error names the setting and what it takes.
    static func parse(_ value: JSONValue) throws(PolicyError) -> GateSettings {
        guard case .object(let members) = value else {
            throw PolicyError("'gates' must be a mapping of \(allNames.joined(separator: ", "))")
        }
        var gates = GateSettings()
        for member in members {
            switch (member.key, member.value) {
            case ("tests", .string("required")): gates.tests = true
            case ("tests", _): throw PolicyError("gate 'tests' takes required")
            case ("coverage", .string("all")): gates.coverage = true
            case ("coverage", _): throw PolicyError("gate 'coverage' takes all")
            case ("soak", .string(let text)):
                guard let duration = parseDuration(text) else { throw PolicyError("gate 'soak' takes a duration such as 30m, 2h or 1d, not '\(NameLength.shortened(text, longerThan: 40))'") }
                gates.soak = duration
            case ("soak", _): throw PolicyError("gate 'soak' takes a duration such as 30m, 2h or 1d")
            case ("branch", .string(let name)) where !name.isEmpty: gates.branch = name
            case ("branch", _): throw PolicyError("gate 'branch' takes a branch name, such as main")
            default:
                throw PolicyError("unknown gate '\(NameLength.shortened(member.key, longerThan: 60))'; gates are \(allNames.joined(separator: ", "))")
            }
        }
        return gates
    }

    /// `90s`, `30m`, `2h`, `1d`.
    static func parseDuration(_ text: String) -> Duration? {
        guard let unit = text.last, let number = Int(text.dropLast()), number >= 0 else { return nil }
        switch unit {
        case "s": return .seconds(number)
        case "m": return .seconds(number * 60)
        case "h": return .seconds(number * 3_600)
        case "d": return .seconds(number * 86_400)
        default: return nil
        }
    }
}

/// How one gate ended for a candidate commit.
public struct GateResult: Equatable, Sendable {
    public enum Outcome: String, Sendable {
        case passed, failed, skipped
    }

    public var gate: String
    public var outcome: Outcome
    /// Why: what failed, how long is left, the skip's reason and who skipped.
    public var detail: String

    public init(gate: String, outcome: Outcome, detail: String) {
        self.gate = gate
        self.outcome = outcome
        self.detail = detail
    }

    /// `tests: passed (12 tests)`, as the sync record and the snapshot keep it.
    public var summary: String { "\(gate): \(outcome.rawValue)\(detail.isEmpty ? "" : " (\(detail))")" }
}
