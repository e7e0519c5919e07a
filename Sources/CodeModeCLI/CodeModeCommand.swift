import ArgumentParser
import Foundation

/// `codemode`: manage the skill library of AI agents.
public struct CodeModeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "codemode",
        abstract: "Manage the skill library of AI agents: Python skills, tools, artifacts and dependencies.",
        discussion: """
            Exit codes: 0 success, 1 error or problems found, 2 differences (--exit-code), 3 refused: would overwrite or conflicts (use --force or pull), 64 usage error, 69 Redis unreachable (see docs/cli.md).
            """,
        version: CodeModeVersion.current,
        subcommands: [InitCommand.self, SkillCommand.self, ValidateCommand.self, HooksCommand.self, ArtifactCommand.self, StoreCommand.self,
                      EnvCommand.self, FetchCommand.self, StatusCommand.self, DiffCommand.self, PullCommand.self, PushCommand.self,
                      PromoteCommand.self, LogCommand.self, RollbackCommand.self, RestoreCommand.self, TestCommand.self, UnblockCommand.self, RunCommand.self, ReplCommand.self, SessionCommand.self, MCPCommand.self, DemoCommand.self]
    )

    public init() {}

    /// Runs `codemode` with `arguments` (without the program name) and returns the exit code.
    /// Errors are printed to stderr here and nowhere else.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success
        } catch {
            let (code, message) = ExitStatus.report(error)
            if let message {
                // Help and version requests end in a "clean exit" whose text belongs on stdout.
                if code == ExitStatus.success { Console.output(message) } else { Console.message(message) }
            }
            return code
        }
    }
}

public enum CodeModeVersion {
    public static let current = "0.1.0"
}
