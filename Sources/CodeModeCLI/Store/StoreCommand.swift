import ArgumentParser
import CodeModeRedis
import CodeModeStorage

struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move skills, tools and dependencies between files and a Redis prefix (py-code-mode's store commands).",
        discussion: """
            --prefix P is the prefix sessions use (RedisStorage(prefix=P)): skills go to \
            P:skills:__skills__, tools to P:tools:__tools__, dependencies to P:deps. \
            See docs/redis.md.
            """,
        subcommands: [StoreBootstrapCommand.self, StorePullCommand.self, StoreDiffCommand.self,
                      StoreListCommand.self, StoreMigrateCommand.self]
    )
}

/// `--target URL --prefix P`: the Redis side of a store command.
struct RedisTargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Redis server: redis://[user[:password]@]host[:port][/db] or unix:///path.sock[?db=N].", valueName: "url"))
    var target: String

    @Option(name: .long, help: "The key prefix, as in RedisStorage(prefix=P).")
    var prefix: String = RedisTargetOptions.defaultPrefix

    /// py-code-mode's `RedisStorage` default, so the defaults of both tools meet.
    static let defaultPrefix = "py_code_mode"

    func validate() throws {
        if let problem = RedisStorage.problem(withPrefix: prefix) {
            throw ValidationError("invalid --prefix '\(prefix)': \(problem)")
        }
        _ = try parsedURL()
    }

    func parsedURL() throws -> RedisURL {
        do {
            return try RedisURL(parsing: target)
        } catch {
            throw ValidationError("--target: \(error)")
        }
    }

    /// Connects; says once when py-code-mode's legacy keys exist under the prefix.
    func storage() throws -> RedisStorage {
        let storage = try RedisStorage(url: parsedURL(), prefix: prefix)
        let legacy = try storage.legacyKeys()
        if !legacy.isEmpty {
            Console.warning("found \(legacy.joined(separator: " and ")), written by py-code-mode's store CLI where sessions never read; move them with: codemode store migrate --target \(storage.url) --prefix \(prefix)")
        }
        return storage
    }
}

/// `--type skills|tools|deps`.
enum StoreItemType: String, ExpressibleByArgument, CaseIterable {
    case skills, tools, deps
}
