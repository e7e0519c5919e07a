import ArgumentParser
import CodeModeCore
import CodeModeGit
import CodeModeStorage
import CodeModeTemplates
import Foundation

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a skill library: a sample skill and tool, codemode.yaml, .gitignore, requirements.txt.",
        discussion: """
            Outside a git repository, PATH becomes a new repository with the library at its root. \
            Inside one, the library is created in PATH (e.g. 'codemode init .code-mode') without a \
            second .git. Either way the library is committed and the pre-commit hook installed.
            """
    )

    @Argument(help: "Where to create the library (default: the current folder).", completion: .directory)
    var path: String = "."

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let base = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let files = Self.libraryFiles()
        let created = try GitLibrary.create(at: base, files: files.mapValues { Array($0.utf8) })
        let (repository, folder, commit) = (created.library.repository, created.library.folder, created.commit)
        let (hook, hookPath) = try HookInstaller.install(in: repository, libraryFolder: folder, force: false)
        if output.json {
            output.printJSON(.object([
                JSONMember("library", .string(base.path)),
                JSONMember("files", .array(files.keys.sorted().map { .string($0) })),
                JSONMember("commit", .string(commit.hex)),
                JSONMember("hook", .string(hookPath)),
            ]))
            return
        }
        var lines = ["created a skill library in \(base.path)" + (created.isNewRepository ? " (a new git repository)" : " (in the repository at \(repository.workTree?.path ?? ""))")]
        lines += files.keys.sorted().map { "  \($0)" }
        lines.append("committed \(commit.hex.prefix(7)); pre-commit hook \(hook.rawValue): \(hookPath)")
        Console.output(lines.joined(separator: "\n"))
    }

    /// The files of a new library, relative to its folder.
    static func libraryFiles() -> [String: String] {
        [
            FileStorage.configFileName: Templates.settings,
            ".gitignore": Templates.gitignore,
            "requirements.txt": Templates.requirements,
            "skills/word_count.py": Templates.sampleSkill,
            "tests/test_word_count.py": Templates.sampleSkillTest,
            "tools/echo.yaml": Templates.fill(Templates.tool, ["name": "echo", "description": "Print a line of text."]),
        ]
    }
}
