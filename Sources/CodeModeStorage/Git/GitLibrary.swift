import CodeModeCore
import CodeModeGit
import Foundation

/// A library folder inside a git work tree: its files as staged in the index or as committed,
/// read through libgit2.
public final class GitLibrary {
    public let repository: Repository
    /// The library folder relative to the work tree ("" when it is the work tree itself).
    public let folder: String

    init(repository: Repository, folder: String) {
        self.repository = repository
        self.folder = folder
    }

    /// The repository holding `base`, or nil when `base` is not in a git work tree.
    public static func find(base: URL) throws -> GitLibrary? {
        let repository: Repository
        do {
            repository = try Repository.discover(from: base)
        } catch GitError.Code.notFound {
            return nil
        }
        guard let workTree = repository.workTree else { return nil }
        let root = workTree.resolvingSymlinksInPath().standardizedFileURL.path
        let library = base.resolvingSymlinksInPath().standardizedFileURL.path
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        let folder = library == root ? "" : library.hasPrefix(rootPrefix) ? String(library.dropFirst(rootPrefix.count)) : ""
        return GitLibrary(repository: repository, folder: folder)
    }

    /// Where validation results are kept for this repository: `.git/codemode`.
    public var cacheFolder: String { repository.gitDirectory.appendingPathComponent("codemode").path }

    /// The library's files as staged in the index (paths relative to the library folder).
    public func stagedFiles() throws -> [String: [UInt8]] {
        try read(repository.stagedFiles(under: folder))
    }

    /// The library's files in the commit `revision` names.
    public func files(atRevision revision: String) throws -> [String: [UInt8]] {
        let commit = try repository.resolve(revision: revision)
        return try read(repository.files(inTree: repository.tree(ofCommit: commit), under: folder))
    }

    /// Reads the blobs of the files a library check looks at, and only those.
    private func read(_ ids: [String: ObjectID]) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, id) in ids where LibraryValidator.isLibraryFile(path) {
            files[path] = try repository.readBlob(id)
        }
        return files
    }
}
