import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage
import Foundation

/// A skill library kept in a git repository — at its root or in a folder of it — together
/// with the environments of its `codemode.yaml`: what every sync operation works on.
///
/// Like the `Repository` it holds, an instance belongs to one thread.
public final class SyncLibrary {
    /// The library folder.
    public let base: URL
    public let repository: Repository
    /// The library folder relative to the work tree ("" at its root).
    public let folder: String
    public let config: EnvironmentConfig
    /// Told how far long work has got: what (`reading dev`, `writing dev`), done, total.
    /// Called on the thread that runs the operation.
    public var progress: ((_ stage: String, _ done: Int, _ total: Int) -> Void)?
    /// The items of the trees read so far.
    let items: TreeItems

    init(base: URL, repository: Repository, folder: String, config: EnvironmentConfig) {
        self.base = base
        self.repository = repository
        self.folder = folder
        self.config = config
        items = TreeItems(repository: repository, folder: folder)
    }

    /// Opens the library at `base`: the repository that holds it and its environments.
    public static func open(base: URL, variables: [String: String] = ProcessInfo.processInfo.environment) throws -> SyncLibrary {
        guard let git = try GitLibrary.find(base: base) else {
            throw SyncError(.failed, "\(base.path) is not in a git repository; the sync commands keep history in git — run `codemode init` (a new library) or `git init` there")
        }
        let config = try EnvironmentConfig.load(libraryFolder: base, variables: variables)
        return SyncLibrary(base: base, repository: git.repository, folder: git.folder, config: config)
    }

    /// Where CodeMode keeps what it remembers about this repository: `.git/codemode`.
    var cacheFolder: String { repository.gitDirectory.appendingPathComponent("codemode").path }

    /// Connects to an environment's prefix.
    public func connect(_ environment: Environment) throws -> RedisStorage {
        try RedisStorage(url: environment.resolvedURL(), prefix: environment.prefix)
    }

    /// The path of an item from the repository root.
    func repositoryPath(_ item: ItemPath) -> String { repositoryPath(item.path) }

    /// The path of a path inside the library folder from the repository root.
    func repositoryPath(_ libraryPath: String) -> String {
        folder.isEmpty ? libraryPath : "\(folder)/\(libraryPath)"
    }

    /// The commit `revision` names; a name that resolves to nothing is a usage error.
    public func commit(_ revision: String) throws -> ObjectID {
        do {
            return try repository.resolve(revision: revision)
        } catch let error as GitError where error.code == .notFound || error.code == .invalidSpec || error.code == .ambiguous {
            throw SyncError(.usage, "'\(revision)' names no commit in this repository")
        }
    }

    /// The bytes of the tools and requirements.txt of a commit: what a snapshot may reuse.
    /// Only `tools/` and requirements.txt are read, not the thousands of skills beside them.
    func reusableFiles(ofCommit commit: ObjectID?) throws -> [ItemPath: [UInt8]] {
        guard let commit else { return [:] }
        let tree = try repository.tree(ofCommit: commit)
        var files: [ItemPath: [UInt8]] = [:]
        for (path, blob) in try repository.files(inTree: tree, under: repositoryPath("tools")) {
            if let item = ItemPath(libraryPath: "tools/\(path)") { files[item] = try repository.readBlob(blob) }
        }
        files[.requirements] = try repository.read(path: repositoryPath(ItemPath.requirements.path), atRevision: commit.hex)
        return files
    }

    /// `tree` with its synced items replaced by `items` (item → blob id): the tree of a
    /// snapshot that records what a write left in the prefix.
    func tree(_ tree: ObjectID, withItems items: [ItemPath: ObjectID]) throws -> ObjectID {
        let current = try self.items.blobs(ofTree: tree)
        var upserts: [String: ObjectID] = [:]
        for (item, blob) in items where current[item] != blob { upserts[repositoryPath(item)] = blob }
        let removals = current.keys.filter { items[$0] == nil }.map(repositoryPath)
        return try repository.updateTree(tree, upserting: upserts, removing: removals)
    }

    /// The newest commit deployed by the sync record's account — its deployed commit, then
    /// the ones deployed before it — that this repository has: where a first fetch anchors
    /// its snapshot, so that merging it with a branch finds their common history even when
    /// another clone made the latest deployment.
    func newestKnownDeployment(_ record: SyncRecord?) throws -> ObjectID? {
        guard let record else { return nil }
        return try ([record.commit] + record.earlier).first { try repository.contains($0) }
    }

    /// Work-tree edits (staged or not, untracked files included) of synced items, against HEAD.
    public func uncommittedItems() throws -> [FileChange] { try items.uncommittedItems() }
}
