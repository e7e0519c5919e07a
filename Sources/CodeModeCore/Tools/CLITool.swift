/// A command-line tool: a program, its argument schema and the recipes agents call.
public struct CLITool: Hashable, Sendable {
    /// The program to run (no shell); defaults to the tool's name.
    public var command: String
    /// Seconds to wait for the program before killing it; default 60.
    public var timeout: Double
    /// Kept as written; py-code-mode ignores them.
    public var tags: [String]
    /// `schema.options`, in argv order.
    public var options: [CLIOption]
    /// `schema.positional`, in argv order, after the options.
    public var positionals: [CLIParameter]
    /// At least one recipe, in file order.
    public var recipes: [CLIRecipe]

    public static let defaultTimeout = 60.0

    init(_ fields: ToolFieldReader, name: String) throws(ToolSpecError) {
        command = try fields.string("command") ?? name
        guard !command.isEmpty else {
            throw fields.error("command", "command must not be empty; leave it out to run '\(name)'")
        }
        timeout = try fields.number("timeout") ?? Self.defaultTimeout
        guard timeout.isFinite, timeout > 0 else {
            throw fields.error("timeout", "timeout must be a positive number of seconds, not \(timeout)")
        }
        tags = try fields.strings("tags") ?? []
        let schema = try fields.mapping("schema")
        options = try schema?.mapping("options").map(Self.readOptions) ?? []
        positionals = try schema.map(Self.readPositionals) ?? []
        recipes = try Self.readRecipes(fields, tool: name)
    }

    private static func readOptions(_ options: ToolFieldReader) throws(ToolSpecError) -> [CLIOption] {
        var result: [CLIOption] = []
        for member in options.members {
            let fields = try ToolFieldReader.mapping(member.value, tool: options.tool, path: options.path(of: member.key))
            result.append(try CLIOption(name: member.key, fields))
        }
        return result
    }

    private static func readPositionals(_ schema: ToolFieldReader) throws(ToolSpecError) -> [CLIParameter] {
        guard let items = try schema.list("positional") else { return [] }
        var result: [CLIParameter] = []
        for (index, item) in items.enumerated() {
            let path = "\(schema.path(of: "positional"))[\(index)]"
            let fields = try ToolFieldReader.mapping(item, tool: schema.tool, path: path)
            guard let name = try fields.string("name"), !name.isEmpty else {
                throw fields.error(fields.path(of: "name"), "\(path) has no 'name'; add 'name: <argument>'")
            }
            result.append(try CLIParameter(name: name, fields))
        }
        return result
    }

    private static func readRecipes(_ fields: ToolFieldReader, tool: String) throws(ToolSpecError) -> [CLIRecipe] {
        let recipes = try fields.mapping("recipes")
        guard let recipes, !recipes.members.isEmpty else {
            throw ToolSpecError(tool: tool, field: "recipes", message: "tool '\(tool)' has no recipes; add a "
                + "'recipes:' mapping with at least one recipe (a name with 'description', 'preset' and "
                + "'params'); the old 'args' template format is not supported")
        }
        var result: [CLIRecipe] = []
        for member in recipes.members {
            let recipe = try ToolFieldReader.mapping(member.value, tool: tool, path: recipes.path(of: member.key))
            result.append(try CLIRecipe(name: member.key, recipe))
        }
        return result
    }
}

/// A recipe: a named, described call with baked-in arguments and the parameters agents pass.
public struct CLIRecipe: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Arguments always passed, in file order; the caller's arguments override them.
    public var preset: [JSONMember]
    /// The parameters agents pass, in file order.
    public var params: [CLIParameter]

    init(name: String, _ fields: ToolFieldReader) throws(ToolSpecError) {
        self.name = name
        description = try fields.string("description") ?? ""
        preset = try fields.mapping("preset")?.members ?? []
        params = []
        if let params = try fields.mapping("params") {
            for member in params.members {
                let param = try ToolFieldReader.mapping(member.value, tool: fields.tool, path: params.path(of: member.key))
                self.params.append(try CLIParameter(name: member.key, param))
            }
        }
    }
}

/// A positional argument or a recipe parameter.
public struct CLIParameter: Hashable, Sendable {
    public var name: String
    /// As written (`str`, `string`, `integer`, `boolean`, `array`, ...); default `str`.
    public var type: String
    public var description: String
    /// Default false. py-code-mode enforces it only for positionals.
    public var required: Bool
    /// nil when absent; `.null` when written as `default: null`, which py-code-mode passes on as None.
    public var `default`: JSONValue?

    public static let defaultType = "str"

    public init(name: String, type: String, description: String, required: Bool, default: JSONValue?) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
        self.default = `default`
    }

    init(name: String, _ fields: ToolFieldReader) throws(ToolSpecError) {
        self.name = name
        type = try fields.string("type") ?? Self.defaultType
        description = try fields.string("description") ?? ""
        required = try fields.bool("required") ?? false
        `default` = fields.members.first { $0.key == "default" }?.value
    }
}

/// A command-line option: `--name value` or `-s value`.
public struct CLIOption: Hashable, Sendable {
    public var name: String
    /// As written; `boolean` and `array` change how the flag is built. Default `str`.
    public var type: String
    /// The one-letter form, used instead of `--name` when present.
    public var short: String?
    public var description: String
    /// Default false; never enforced by py-code-mode.
    public var required: Bool
    /// nil when absent.
    public var `default`: JSONValue?

    init(name: String, _ fields: ToolFieldReader) throws(ToolSpecError) {
        let parameter = try CLIParameter(name: name, fields)
        self.name = name
        type = parameter.type
        let short = try fields.string("short")
        self.short = short?.isEmpty == false ? short : nil   // py-code-mode treats "" as absent
        description = parameter.description
        required = parameter.required
        `default` = parameter.default
    }
}
