/// A tool definition (one `tools/<name>.yaml` file, or one entry of the `P:tools:__tools__`
/// hash), typed and checked; see COMPAT.md appendix §5.
///
/// Checking is stricter than py-code-mode, which skips or crashes on bad files: every
/// problem is an error that names the tool, the field and what to write.
public struct ToolSpec: Hashable, Sendable {
    /// The name agents call it by, `tools.<name>`.
    public var name: String
    public var description: String
    public var kind: Kind
    /// The whole mapping as loaded, every key kept in order: what the tools hash stores.
    public var raw: JSONValue

    public enum Kind: Hashable, Sendable {
        /// A command-line program wrapped by recipes (`type: cli`, the default).
        case cli(CLITool)
        /// An MCP server whose tools appear under `tools.<name>` (`type: mcp`).
        case mcp(MCPTool)
    }

    /// Builds a spec from a loaded mapping.
    ///
    /// Names may contain `-` (py-code-mode's examples use `my-mcp-server`); such a tool is
    /// reached with `getattr(tools, "my-tool")` rather than `tools.my_tool`. Like skill names
    /// they are at most 128 characters and never Python special names (`__init__`).
    ///
    /// - Throws: ``ToolSpecError`` for the first problem found.
    public init(json: JSONValue) throws(ToolSpecError) {
        guard case .object(let members) = json else {
            throw ToolSpecError(tool: nil, field: nil, message:
                "a tool definition must be a mapping with 'name', 'description' and 'recipes', "
                + "not \(json.kindDescription)")
        }
        name = try Self.readName(ToolFieldReader(tool: nil, path: "", members: members))
        let fields = ToolFieldReader(tool: name, path: "", members: members)
        description = try fields.string("description") ?? ""
        switch try fields.string("type") ?? "cli" {
        case "cli":
            kind = .cli(try CLITool(fields, name: name))
        case "mcp":
            kind = .mcp(try MCPTool(fields))
        case let other:
            throw fields.error("type", "type must be 'cli' or 'mcp', not '\(other)'; leave it out for a command-line tool")
        }
        raw = json
    }

    private static func readName(_ fields: ToolFieldReader) throws(ToolSpecError) -> String {
        guard let name = try fields.string("name"), !name.isEmpty else {
            throw fields.error("name", "the tool has no 'name'; add 'name: <tool>' (agents call it as tools.<tool>)")
        }
        if let tooLong = NameLength.problem(with: name, kind: "tool") {
            throw fields.error("name", "tool name '\(NameLength.shortened(name))' is not valid: \(tooLong)")
        }
        guard isValidName(name) else {
            throw fields.error("name", "tool name '\(NameLength.shortened(name))' is not valid; use ASCII letters, digits, '_' and '-', "
                + "starting with a letter or '_'")
        }
        guard !SkillName.isSpecialName(name) else {
            throw fields.error("name", "tool name '\(name)' is a Python special name (tools.\(name) is the namespace's own attribute); pick another name")
        }
        return name
    }

    /// `^[A-Za-z_][A-Za-z0-9_-]*$`
    static func isValidName(_ name: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "_")
        }
        func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
