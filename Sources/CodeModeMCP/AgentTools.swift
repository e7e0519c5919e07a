import MCP

/// The tools `codemode mcp` offers, with py-code-mode-mcp's names and arguments, and
/// descriptions written for the model that reads them: what each does, when to use it, and
/// an example.
enum AgentTools {
    static func all(runtimeDeps: Bool) -> [Tool] {
        var tools = [runCode, listTools, searchTools, listSkills, searchSkills, getSkill, createSkill, deleteSkill, listArtifacts, listDeps]
        if runtimeDeps { tools += [addDep, removeDep] }
        return tools
    }

    private static func schema(_ properties: [(name: String, type: String, description: String)], required: [String],
                               defaults: [String: Value] = [:]) -> Value {
        .object([
            "type": "object",
            "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { property in
                var fields: [String: Value] = ["type": .string(property.type), "description": .string(property.description)]
                if let fallback = defaults[property.name] { fields["default"] = fallback }
                return (property.name, .object(fields))
            })),
            "required": .array(required.map { .string($0) }),
        ])
    }

    static let runCode = Tool(
        name: "run_code",
        description: """
            Run Python code in a persistent session and get the value of its last expression, what it printed, or \
            its traceback. Variables, imports and functions stay defined between calls. Top-level `await` works. \
            The globals `skills`, `tools`, `artifacts` and `deps` reach the skill library: call a saved skill with \
            skills.<name>(arg=...), a command-line tool with tools.<tool>.<recipe>(arg=...), keep results with \
            artifacts.save(name, data). Use it for any computation, and to try code before saving it as a skill. \
            Example: {"code": "rows = skills.fetch_json(url='https://example.com/data.json')\\nlen(rows)"}
            """,
        inputSchema: schema([("code", "string", "Python source; the value of the last line is returned.")], required: ["code"])
    )

    static let listTools = Tool(
        name: "list_tools",
        description: """
            List the command-line tools agent code can call (tools.<name>.<recipe>(...)), with their recipes and \
            parameters. Use it to learn what programs are available before writing code that calls them.
            """,
        inputSchema: schema([], required: [])
    )

    static let searchTools = Tool(
        name: "search_tools",
        description: """
            Find tools by what they do: ranks names, descriptions, tags and recipes against the query. Use it instead \
            of list_tools when there are many. Example: {"query": "http request", "limit": 3}
            """,
        inputSchema: schema([("query", "string", "Words describing the task."), ("limit", "integer", "At most this many results.")],
                            required: ["query"], defaults: ["limit": 10])
    )

    static let listSkills = Tool(
        name: "list_skills",
        description: """
            List the saved skills: reusable Python functions (async def run(...)) with their descriptions and \
            parameters. Check here before writing code for a task: a skill may already do it, and \
            skills.<name>(...) in run_code calls it.
            """,
        inputSchema: schema([], required: [])
    )

    static let searchSkills = Tool(
        name: "search_skills",
        description: """
            Find skills by what they do: ranks names, descriptions and parameter names against the query. \
            Example: {"query": "parse csv", "limit": 5}
            """,
        inputSchema: schema([("query", "string", "Words describing the task."), ("limit", "integer", "At most this many results.")],
                            required: ["query"], defaults: ["limit": 5])
    )

    static let getSkill = Tool(
        name: "get_skill",
        description: """
            Show one skill with its full source, to read how it works, or to start a new version of it. \
            Example: {"name": "fetch_json"}
            """,
        inputSchema: schema([("name", "string", "The skill's name.")], required: ["name"])
    )

    static let createSkill = Tool(
        name: "create_skill",
        description: """
            Save Python code as a skill, so later sessions (and other agents) can call it as skills.<name>(...). \
            The source must define `async def run(...)` with type hints and a docstring saying what it returns; \
            it may use the globals tools, skills and artifacts. An existing skill of that name is replaced. \
            Try the code with run_code first. Example: {"name": "word_count", "source": \
            "async def run(text: str) -> int:\\n    \\"\\"\\"Count the words of a text.\\"\\"\\"\\n    return len(text.split())\\n", \
            "description": "Count the words of a text."}
            """,
        inputSchema: schema([
            ("name", "string", "Letters, digits and '_', starting with a letter or '_'."),
            ("source", "string", "Python source defining async def run(...)."),
            ("description", "string", "One line on what it does; written into the source when it has no docstring."),
        ], required: ["name", "source", "description"])
    )

    static let deleteSkill = Tool(
        name: "delete_skill",
        description: "Delete a saved skill; returns true when it existed. Example: {\"name\": \"old_helper\"}",
        inputSchema: schema([("name", "string", "The skill's name.")], required: ["name"])
    )

    static let listArtifacts = Tool(
        name: "list_artifacts",
        description: """
            List the artifacts: named results saved by code (artifacts.save(name, data)) — text, JSON or bytes — \
            with descriptions and times. Load one in run_code with artifacts.load(name).
            """,
        inputSchema: schema([], required: [])
    )

    static let listDeps = Tool(
        name: "list_deps",
        description: "List the Python packages the skill library depends on (installed in the session).",
        inputSchema: schema([], required: [])
    )

    static let addDep = Tool(
        name: "add_dep",
        description: """
            Install a Python package into the session and record it as a dependency of the library. \
            Example: {"package": "requests>=2.31"}
            """,
        inputSchema: schema([("package", "string", "A package name with an optional version, e.g. pandas==2.*.")], required: ["package"])
    )

    static let removeDep = Tool(
        name: "remove_dep",
        description: "Remove a package from the library's dependencies (it stays installed in this session). Example: {\"package\": \"requests\"}",
        inputSchema: schema([("package", "string", "The package name.")], required: ["package"])
    )
}
