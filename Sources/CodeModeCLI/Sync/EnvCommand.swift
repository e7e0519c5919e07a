import ArgumentParser
import CodeModeCore
import CodeModeSync

struct EnvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "The environments of codemode.yaml: Redis prefixes that behave like git remotes.",
        subcommands: [EnvListCommand.self]
    )
}

struct EnvListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the environments: name, server (never its password), prefix, promotion order."
    )

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let config = try sync.library().config
        if output.json {
            output.printJSON(.object([
                JSONMember("environments", .array(config.environments.map { environment in
                    var members = [
                        JSONMember("name", .string(environment.name)),
                        JSONMember("url", .string(environment.displayURL)),
                        JSONMember("prefix", .string(environment.prefix)),
                    ]
                    if case .failure(let error) = environment.url { members.append(JSONMember("error", .string(error.message))) }
                    return .object(members)
                })),
                JSONMember("promotion", .array(config.promotion.map { .string($0) })),
            ]))
            return
        }
        guard !config.environments.isEmpty else {
            Console.output("no environments; add an 'environments:' section to codemode.yaml (docs/sync.md)")
            return
        }
        let width = config.environments.map(\.name.count).max() ?? 0
        for environment in config.environments {
            var line = environment.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "\(environment.displayURL)  prefix \(environment.prefix)"
            if case .failure(let error) = environment.url { line += "  (unusable: \(error.message))" }
            Console.output(line)
        }
        if !config.promotion.isEmpty { Console.output("promotion: \(config.promotion.joined(separator: " → "))") }
    }
}
