import ArgumentParser
import CodeModeCore
import CodeModeRedis
import CodeModeSession
import CodeModeStorage
import CodeModeSync
import Foundation

/// Which side of the library a session runs against, and how its cells run: the library
/// folder (default), a Redis prefix, an environment of codemode.yaml, or a git revision.
struct SessionOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions

    @Option(name: .long, help: ArgumentHelp("Run against this environment of codemode.yaml (its Redis prefix).", valueName: "name"))
    var env: String?

    @Option(name: .long, help: ArgumentHelp("Run against the library as this git revision has it (read-only): a branch, tag or commit.", valueName: "rev"))
    var rev: String?

    @Option(name: .long, help: ArgumentHelp("Seconds a cell may run before it is interrupted (0: no limit).", valueName: "seconds"))
    var timeout: Double = 60

    @Flag(name: .long, help: "Refuse deps.add and deps.remove in agent code.")
    var noRuntimeDeps = false

    @Flag(name: .long, help: "Start the kernel without installing the library's dependencies first.")
    var noSyncDeps = false

    @Option(name: .long, help: ArgumentHelp("Isolate the kernel: required, auto or off (default: sandbox: in codemode.yaml, else auto for mcp and for environments after the first stage, else off). See docs/sessions.md.", valueName: "mode"))
    var sandbox: SandboxSettings.Mode?

    func validate() throws {
        let sides = [library.redis != nil, env != nil, rev != nil].filter { $0 }.count
        if sides > 1 { throw ValidationError("use one of --redis, --env and --rev") }
        do {
            _ = try CellTimeout.limit(seconds: timeout)
        } catch {
            throw ValidationError("--timeout \(error.message)")
        }
    }

    /// The storage the options name.
    func storage() throws -> any StorageBackend {
        if let env {
            let folder = try library.folder.fileStorage().base
            let environment = try EnvironmentConfig.load(libraryFolder: folder).environment(named: env)
            return try RedisStorage(url: environment.resolvedURL(), prefix: environment.prefix)
        }
        if let rev {
            let base = try library.folder.fileStorage().base
            do {
                return try GitRevisionStorage(base: base, revision: rev)
            } catch let error as StorageError where error.kind == .notFound {
                // A revision that names nothing is a usage error, as docs/cli.md promises.
                throw CommandFailure(message: error.message, code: ExitStatus.usage)
            }
        }
        return try library.storage()
    }

    /// The kernel's settings; on an environment, its policy applies to the skills saved.
    /// `serving`: for `mcp`, where the sandbox is `auto` unless set. `libraryFolder`: where
    /// codemode.yaml is, when not where the options say (`mcp --storage`).
    func config(toolsPath: URL? = nil, serving: Bool = false, libraryFolder: URL? = nil) throws -> SubprocessConfig {
        var config = SubprocessConfig(toolsPath: toolsPath, defaultTimeout: try? CellTimeout.limit(seconds: timeout), allowRuntimeDeps: !noRuntimeDeps,
                                      syncDepsOnStart: !noSyncDeps)
        // A session on a Redis URL alone has no codemode.yaml to read.
        let folder = try libraryFolder ?? (library.redis == nil ? library.folder.fileStorage().base : nil)
        let settings = try folder.map { folder throws(SyncError) in try EnvironmentConfig.load(libraryFolder: folder) }
            ?? .empty
        if let env { config.skillPolicy = try settings.environment(named: env).policy }
        config.sandbox = try settings.sandbox(for: env, mode: sandbox, serving: serving)
        config.notice = { Console.warning($0) }
        return config
    }

    func session(toolsPath: URL? = nil, serving: Bool = false) throws -> Session {
        Session(storage: try storage(), executor: SubprocessExecutor(try config(toolsPath: toolsPath, serving: serving)))
    }
}

extension SandboxSettings.Mode: ExpressibleByArgument {}
