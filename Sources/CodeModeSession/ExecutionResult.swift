import CodeModeCore

/// What one `run` produced.
public struct ExecutionResult: Equatable, Sendable {
    /// The value of the cell's last expression: JSON values as themselves, anything else as
    /// its `repr` (a string); nil when the cell ends with a statement or the value is None.
    public var value: JSONValue?
    public var stdout: String
    public var stderr: String
    /// The traceback (or the session's own message, e.g. for a timeout); nil when it ran through.
    public var error: String?
    public var duration: Duration

    public init(value: JSONValue?, stdout: String, stderr: String, error: String?, duration: Duration) {
        self.value = value
        self.stdout = stdout
        self.stderr = stderr
        self.error = error
        self.duration = duration
    }

    public var succeeded: Bool { error == nil }

    public var durationMilliseconds: Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// `{"value", "stdout", "stderr", "error", "duration_ms"}`: what `codemode run --json` and
    /// `codemode session` print.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("value", value ?? .null),
            JSONMember("stdout", .string(stdout)),
            JSONMember("stderr", .string(stderr)),
            JSONMember("error", error.map(JSONValue.string) ?? .null),
            JSONMember("duration_ms", .number((durationMilliseconds * 1000).rounded() / 1000)),
        ])
    }
}
