import ArgumentParser
import CodeModeStorage

struct HooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install the git hooks that keep invalid skills out of commits.",
        subcommands: [HooksInstallCommand.self]
    )
}

struct HooksInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the pre-commit hook, which runs 'codemode validate --staged'.",
        discussion: "A pre-commit hook that codemode did not write is left alone unless --force."
    )

    @Flag(name: .long, help: "Replace a pre-commit hook that codemode did not write.")
    var force = false

    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let storage = try library.fileStorage()
        guard let git = try GitLibrary.find(base: storage.base) else {
            throw CommandFailure(message: "\(storage.location) is not in a git repository; run 'git init' or 'codemode init' first")
        }
        let (outcome, path) = try HookInstaller.install(in: git.repository, libraryFolder: git.folder, force: force)
        Console.output("\(outcome.rawValue) \(path)")
    }
}
