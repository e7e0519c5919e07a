import ArgumentParser
import CodeModeCore
import CodeModeSync

/// `codemode unblock ENV COMMIT --reason TEXT`: lets a commit whose verification failed be
/// deployed to the environment again.
struct UnblockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unblock",
        abstract: "Let a commit that failed its verification in an environment be deployed there again.",
        discussion: "The block is lifted in the prefix's sync record and recorded, with the reason and who, as a state that log shows. See docs/gates.md."
    )

    @Argument(help: "The environment.")
    var environment: String

    @Argument(help: "The blocked commit.")
    var commit: String

    @Option(name: .long, help: ArgumentHelp("Why the commit may be deployed again; recorded with who.", valueName: "text"))
    var reason: String

    @OptionGroup var sync: SyncOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
    }

    func run() async throws {
        let (library, environment) = try sync.open(environment)
        let id = try library.commit(commit)
        guard try library.unblock(environment, commit: id, reason: reason) else {
            throw CommandFailure(message: "\(id.hex.prefix(12)) is not blocked in \(environment.name); nothing was changed")
        }
        if output.json {
            output.printJSON(.object([JSONMember("environment", .string(environment.name)), JSONMember("unblocked", .string(id.hex)),
                                      JSONMember("reason", .string(reason))]))
        } else {
            Console.output("\(id.hex.prefix(12)) may be deployed to \(environment.name) again")
        }
    }
}
