import ArgumentParser
import CodeModeSync
import Foundation

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Unified diffs from an environment to HEAD: what a push would change there.",
        discussion: "Fetches first. Old side ENV/, new side HEAD/. NAME is a skill or tool name, or 'requirements'."
    )

    @Argument(help: "The environment.")
    var environment: String

    @Argument(help: "Only these skills or tools.")
    var names: [String] = []

    @Flag(name: .long, help: "Exit 2 when there are differences.")
    var exitCode = false

    @OptionGroup var sync: SyncOptions

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let patch = try RefusalOutput.reporting("fetch", json: nil) { try library.patch(environment, names: names) }
        Console.output(isatty(STDOUT_FILENO) == 1 ? Self.coloured(patch) : patch)
        if exitCode && !patch.isEmpty { throw CommandFailure(message: nil, code: ExitStatus.differences) }
    }

    /// Added lines green, removed red, hunk headers cyan, as `git diff` colours them.
    static func coloured(_ patch: String) -> String {
        patch.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("+++") || line.hasPrefix("---") || line.hasPrefix("diff ") { return "\u{1B}[1m\(line)\u{1B}[0m" }
            if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            if line.hasPrefix("@@") { return "\u{1B}[36m\(line)\u{1B}[0m" }
            return String(line)
        }.joined(separator: "\n")
    }
}
