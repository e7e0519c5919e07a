/// What CodeMode needs from a skill's Python source, read without running it.
public struct SkillSource: Sendable, Equatable {
    /// The module docstring's value, when the first statement is a `str` literal expression.
    public var moduleDocstring: String?
    /// UTF-8 byte offsets, in the source that was read, of the module docstring's literal
    /// token(s), enclosing parentheses included.
    public var moduleDocstringRange: Range<Int>?
    /// The docstring of the `run` that counts (the last one at module level).
    public var runDocstring: String?
    /// 1-based line of that `run`'s `def` keyword (decorators are above it).
    public var runLine: Int
    /// `run`'s parameters, as py-code-mode reports them.
    public var parameters: [SkillParameter]

    public init(
        moduleDocstring: String?, moduleDocstringRange: Range<Int>?, runDocstring: String?,
        runLine: Int, parameters: [SkillParameter]
    ) {
        self.moduleDocstring = moduleDocstring
        self.moduleDocstringRange = moduleDocstringRange
        self.runDocstring = runDocstring
        self.runLine = runLine
        self.parameters = parameters
    }

    /// The description py-code-mode's `from_source` derives when given none (COMPAT.md §3.3):
    /// the module docstring stripped, first line; if that is empty, the `run` docstring
    /// stripped, first line; else "".
    public var derivedDescription: String {
        Self.derivedDescription(moduleDocstring: moduleDocstring, runDocstring: runDocstring)
    }

    /// The description py-code-mode's FileStorage gives a skill file (`from_file`, COMPAT.md
    /// §3.3): `(module.__doc__ or run.__doc__ or "").strip()`, first line. Unlike
    /// `derivedDescription`, a module docstring of only whitespace still counts — it is a
    /// non-empty string, so Python never looks at `run`'s — and gives "". A skill file is the
    /// whole truth, so this is the description of every skill CodeMode reads.
    public var fileDescription: String {
        Self.fileDescription(moduleDocstring: moduleDocstring, runDocstring: runDocstring)
    }

    static func fileDescription(moduleDocstring: String?, runDocstring: String?) -> String {
        if let moduleDocstring, !moduleDocstring.isEmpty { return PythonWhitespace.summaryLine(of: moduleDocstring) }
        return runDocstring.map(PythonWhitespace.summaryLine(of:)) ?? ""
    }

    static func derivedDescription(moduleDocstring: String?, runDocstring: String?) -> String {
        let fromModule = moduleDocstring.map(PythonWhitespace.summaryLine(of:)) ?? ""
        guard fromModule.isEmpty else { return fromModule }
        return runDocstring.map(PythonWhitespace.summaryLine(of:)) ?? ""
    }
}
