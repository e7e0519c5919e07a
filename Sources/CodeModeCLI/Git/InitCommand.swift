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
        if FileManager.default.fileExists(atPath: base.appendingPathComponent(FileStorage.configFileName).path) {
            throw CommandFailure(message: "\(base.path) already holds a library (codemode.yaml); nothing was changed", code: ExitStatus.conflict)
        }
        let files = Self.libraryFiles()
        for relative in files.keys.sorted() where FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path) {
            throw CommandFailure(message: "\(base.appendingPathComponent(relative).path) exists; nothing was changed — init makes a new library", code: ExitStatus.conflict)
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let existing = try GitLibrary.find(base: base)
        let repository = try existing?.repository ?? Repository(creatingAt: base)
        let folder = existing?.folder ?? ""
        for (relative, content) in files {
            let url = base.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        let head = try repository.headCommit
        let tree = try repository.writeTree(files: files.mapValues { Array($0.utf8) }, base: head.map { try repository.tree(ofCommit: $0) },
                                            under: folder.isEmpty ? nil : folder)
        let commit = try repository.commit(tree: tree, parents: head.map { [$0] } ?? [],
                                           message: folder.isEmpty ? "Create the skill library" : "Add the skill library in \(folder)",
                                           updatingRef: "HEAD")
        // Stage exactly what was committed, so `git status` is clean for the library.
        try repository.add(paths: files.keys.map { folder.isEmpty ? $0 : "\(folder)/\($0)" })
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
        var lines = ["created a skill library in \(base.path)" + (existing == nil ? " (a new git repository)" : " (in the repository at \(repository.workTree?.path ?? ""))")]
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
