/// A tool file that could not be loaded, and why.
public struct ToolProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, relative to the library: `tools/curl.yaml`.
    public var path: String
    /// 1-based line, for YAML syntax errors.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `tools/x.yaml:3: <message>` or `tools/x.yaml: <message>`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
