import CodeModeCore

/// The argv of a command-line tool call, built as py-code-mode builds it (COMPAT.md §5.1):
/// the command; then each schema option present, in schema order (`-s`/`--name`; a boolean
/// only when true; an array once per item); then each positional present. Arguments not in
/// the schema are dropped; a required positional that is missing is an error.
enum ToolCommandLine {
    static func argv(_ tool: CLITool, _ arguments: [String: ToolArgument]) throws(NamespaceCallError) -> [String] {
        var argv = [tool.command]
        for positional in tool.positionals where positional.required && arguments[positional.name] == nil {
            throw NamespaceCallError("ToolCallError", "Required parameter '\(positional.name)' is missing")
        }
        for option in tool.options {
            guard let argument = arguments[option.name] else { continue }
            let flag = option.short.map { "-\($0)" } ?? "--\(option.name)"
            switch option.type {
            case "boolean":
                if argument.truthy { argv.append(flag) }
            case "array":
                for item in argument.items ?? [argument.text] { argv += [flag, item] }
            default:
                argv += [flag, argument.text]
            }
        }
        for positional in tool.positionals {
            if let argument = arguments[positional.name] { argv.append(argument.text) }
        }
        return argv
    }

    /// A recipe's arguments: its preset, then the defaults of its parameters that neither the
    /// preset nor the caller gives, then the caller's (which override the preset).
    static func recipeArguments(_ recipe: CLIRecipe, caller: [String: ToolArgument]) -> [String: ToolArgument] {
        var arguments: [String: ToolArgument] = [:]
        for member in recipe.preset { arguments[member.key] = ToolArgument(yaml: member.value) }
        for parameter in recipe.params where arguments[parameter.name] == nil && caller[parameter.name] == nil {
            if let fallback = parameter.default { arguments[parameter.name] = ToolArgument(yaml: fallback) }
        }
        arguments.merge(caller) { _, new in new }
        return arguments
    }
}
