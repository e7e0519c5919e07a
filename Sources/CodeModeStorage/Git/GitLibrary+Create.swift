import CodeModeCore
import CodeModeGit
import Foundation

extension GitLibrary {
    /// What `create` made: the library, its first commit, and whether the repository is new.
    public struct Created {
        public var library: GitLibrary
        public var commit: ObjectID
        public var isNewRepository: Bool
    }

    /// Creates a library at `base` from `files` (paths relative to it): in a new repository
    /// when `base` is in none, else in a folder of the repository it is in (no second .git).
    /// Exactly those files are committed on HEAD and staged, so `git status` is clean for the
    /// library. Refuses (`alreadyExists`) when `base` holds a library or any of the files.
    public static func create(at base: URL, files: [String: [UInt8]]) throws -> Created {
        if FileManager.default.fileExists(atPath: base.appendingPathComponent(FileStorage.configFileName).path) {
            throw StorageError(.alreadyExists, "\(base.path) already holds a library (\(FileStorage.configFileName)); nothing was changed")
        }
        for relative in files.keys.sorted() where FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path) {
            throw StorageError(.alreadyExists, "\(base.appendingPathComponent(relative).path) exists; nothing was changed — init makes a new library")
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let existing = try find(base: base)
        let library = try existing ?? GitLibrary(repository: Repository(creatingAt: base), folder: "")
        for (relative, content) in files {
            let url = base.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content).write(to: url)
        }
        let repository = library.repository
        let folder = library.folder
        let head = try repository.headCommit
        let tree = try repository.writeTree(files: files, base: head.map { try repository.tree(ofCommit: $0) }, under: folder.isEmpty ? nil : folder)
        let commit = try repository.commit(tree: tree, parents: head.map { [$0] } ?? [],
                                           message: folder.isEmpty ? "Create the skill library" : "Add the skill library in \(folder)",
                                           updatingRef: "HEAD")
        try repository.add(paths: files.keys.map { folder.isEmpty ? $0 : "\(folder)/\($0)" })
        return Created(library: library, commit: commit, isNewRepository: existing == nil)
    }

    /// Stages every change of the work tree and commits it on HEAD, as `git add --all` and
    /// `git commit` would.
    @discardableResult
    public func commitAll(message: String) throws -> ObjectID {
        try repository.add(paths: ["."])
        let head = try repository.headCommit
        return try repository.commit(tree: repository.writeIndexTree(), parents: head.map { [$0] } ?? [], message: message, updatingRef: "HEAD")
    }

    /// Fast-forwards the current branch to `branch` and checks its tree out, as
    /// `git merge --ff-only` would; refuses when that is no fast-forward.
    public func fastForward(to branch: String) throws {
        guard case .branch(let current) = try repository.head, let target = try repository.reference(named: "refs/heads/\(branch)"),
              let head = try repository.headCommit, try repository.isDescendant(target, of: head) else {
            throw StorageError(.invalidInput, "\(branch) is not a fast-forward of the current branch")
        }
        try repository.checkOut(tree: repository.tree(ofCommit: target))
        try repository.setReference("refs/heads/\(current)", to: target, reflogMessage: "merge \(branch): fast-forward")
    }
}
