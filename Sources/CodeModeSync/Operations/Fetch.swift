import CodeModeCore
import CodeModeGit
import CodeModeStorage
import Foundation

/// What `fetch` found: the snapshot the tracking ref points at, and what changed since the
/// previous one.
public struct FetchResult: Sendable {
    public var environment: String
    /// Where the tracking ref pointed before (nil on the first fetch).
    public var previous: ObjectID?
    /// Where it points now (or would, for a dry run); nil when there is no snapshot yet and
    /// none was made (a lost prefix).
    public var snapshot: ObjectID?
    /// False when the prefix held what the previous snapshot holds: no commit was made.
    public var isNew: Bool
    public var added: [String] = []
    public var changed: [String] = []
    public var deleted: [String] = []
    /// Entries of the prefix that cannot be read; left out of the snapshot.
    public var problems: [LibraryProblem] = []
    /// Set when the prefix lost its data; then no snapshot was made and the ref did not move,
    /// so the loss stays visible until the prefix is restored.
    public var loss: PrefixLoss?
}

/// A fetch: its result plus what was read, for the operations built on it.
struct Fetched {
    var result: FetchResult
    var content: PrefixContent
    /// The prefix's items as item → blob id.
    var items: [ItemPath: ObjectID]
    /// The bytes of the files the read rendered, which the repository may lack.
    var renderedFiles: [ObjectID: [UInt8]]
    /// What the read learned about skill values; a push adds the values it writes.
    var cache: SkillFileCache
    /// The work tree's uncommitted edits of synced items, when asked for.
    var uncommitted: Result<[FileChange], any Error>?

    /// The snapshot, for the operations that must not go on when the prefix lost its data.
    func snapshotUnlessLost() throws -> ObjectID {
        if let loss = result.loss { throw SyncError(.lost(loss)) }
        // A fetch that found no loss always has a snapshot: the first one makes a commit.
        return result.snapshot!
    }
}

extension SyncLibrary {
    /// `codemode fetch ENV`: reads the whole prefix, renders every item as its file, writes
    /// the blobs in one pack, and moves `refs/codemode/ENV` to a snapshot commit — a new one
    /// only when the tree or the deployed commit changed, whose parent is the previous
    /// snapshot (on the first fetch, the newest commit the sync record says was deployed that
    /// this repository has). A prefix that lost its data is refused: no snapshot of the loss is
    /// made, so the last state stays the one `restore` writes back.
    public func fetch(_ environment: Environment) throws -> FetchResult {
        let fetched = try fetch(environment, from: connect(environment))
        if let loss = fetched.result.loss { throw SyncError(.lost(loss)) }
        return fetched.result
    }

    /// The tree keeps everything outside the synced items from the parent, and the items sit
    /// in the library folder, so merging a snapshot lines up with the branch. Without
    /// `movingRef` (dry runs) the commit is made but the ref stays where it was. With
    /// `listingUncommitted`, the work tree's edits are listed on another thread meanwhile.
    func fetch(_ environment: Environment, from storage: RedisStorage, movingRef: Bool = true,
               listingUncommitted: Bool = false) throws -> Fetched {
        let previous = try repository.reference(named: environment.trackingRef)
        let cache = SkillFileCache(folder: cacheFolder)
        var anchor: ObjectID?
        var anchorTree: ObjectID?
        var anchorItems: [ItemPath: ObjectID] = [:]
        // While the prefix is read, another thread reads the trees every operation compares
        // with (and the work tree's edits), through a repository handle of its own.
        let warming = try warmUp([previous, repository.headCommit], listingUncommitted: listingUncommitted)
        let stage = "reading \(environment.name)"
        let content = try PrefixContent.read(storage, cache: cache, progress: progress.map { report in { report(stage, $0, $1) } }) { record in
            self.items.adopt(warming.wait().items)
            anchor = try previous ?? self.newestKnownDeployment(record)
            anchorTree = try anchor.map { try self.repository.tree(ofCommit: $0) }
            anchorItems = try self.items.blobs(ofTree: anchorTree)
            let known = Set(anchorItems.values)
            return { try known.contains($0) || self.repository.contains($0) }
        }
        let uncommitted = warming.wait().uncommitted
        // The previous snapshot's bytes first, so an unchanged prefix keeps its tree whatever
        // HEAD's formatting; HEAD's for what is new.
        var candidates = try reusableFiles(ofCommit: anchor)
        for (item, bytes) in try reusableFiles(ofCommit: repository.headCommit) where candidates[item] == nil { candidates[item] = bytes }
        let (items, bytes) = content.files(reusing: candidates)

        var result = FetchResult(environment: environment.name, previous: previous, snapshot: previous, isNew: false, problems: content.problems)
        var fetched = Fetched(result: result, content: content, items: items, renderedFiles: bytes, cache: cache, uncommitted: uncommitted)
        if let loss = try loss(in: environment, content: content, previous: previous) {
            fetched.result.loss = loss
            return fetched
        }
        var changed: [ItemPath: ObjectID] = [:]
        for (item, blob) in items where anchorItems[item] != blob {
            changed[item] = blob
            if anchorItems[item] == nil { result.added.append(item.path) } else { result.changed.append(item.path) }
        }
        let removed = anchorItems.keys.filter { items[$0] == nil }
        result.deleted = removed.map(\.path).sorted()
        result.added.sort()
        result.changed.sort()
        defer { try? cache.save(inUse: content.storedValueHashes.values) }
        // Values a push would write differently (py-code-mode's description beside the source)
        // are kept as blobs, so `restore` can write them back byte for byte.
        let verbatim = try content.verbatimValues.filter { try !repository.contains($0.key) }
        let deployed = content.record?.commit
        if let previous, changed.isEmpty, removed.isEmpty, try recordedDeployment(of: previous) == deployed {
            for value in verbatim.values { try repository.writeBlob(value) }
            fetched.result = result
            return fetched
        }
        var message = Self.snapshotMessage("fetch \(environment.name)", result)
        if let deployed { message += "\n\(Self.recordTrailer)\(deployed.hex)\n" }
        let author = Signature(name: "codemode", email: environment.snapshotAuthorEmail)
        // Only files the repository lacks are written (a first fetch in a clone whose branch
        // has the skills finds nearly all of them there already).
        var missing: [ObjectID: [UInt8]] = [:]
        for blob in Set(changed.values) {
            if let content = bytes[blob], try !repository.contains(blob) { missing[blob] = content }
        }
        missing.merge(verbatim) { file, _ in file }
        // Writes the blobs and the commit through `repository`; the ref moves afterwards.
        func write(_ repository: Repository) throws -> ObjectID {
            for content in missing.values { try repository.writeBlob(content) }
            var upserts: [String: ObjectID] = [:]
            for (item, blob) in changed { upserts[repositoryPath(item)] = blob }
            let tree = try repository.updateTree(anchorTree, upserting: upserts, removing: removed.map(repositoryPath))
            return try repository.commit(tree: tree, parents: anchor.map { [$0] } ?? [], message: message, author: author)
        }
        // Thousands of new blobs go into one pack; a few are cheaper as loose objects.
        let snapshot = try missing.count > 256 ? repository.writingObjectsInOnePack(write) : write(repository)
        if movingRef {
            guard try repository.reference(named: environment.trackingRef) == previous else {
                throw SyncError(.failed, "\(environment.trackingRef) moved while it was being fetched (another codemode?); fetch again")
            }
            try repository.setReference(environment.trackingRef, to: snapshot, reflogMessage: message.prefix { $0 != "\n" }.description)
        }
        result.snapshot = snapshot
        result.isNew = true
        fetched.result = result
        return fetched
    }

    /// What a fetch reads on another thread while Redis answers.
    private struct WarmUp: Sendable {
        var items = TreeItems.Cache()
        var uncommitted: Result<[FileChange], any Error>?
    }

    /// Reads the items and identities of `commits`, and lists uncommitted edits when asked,
    /// on another thread with a repository handle of its own.
    private func warmUp(_ commits: [ObjectID?], listingUncommitted: Bool) -> BackgroundWork<WarmUp> {
        let gitDirectory = repository.gitDirectory
        let folder = folder
        return BackgroundWork {
            var warm = WarmUp()
            do {
                let reader = try TreeItems(repository: Repository.open(at: gitDirectory), folder: folder)
                for commit in commits.compactMap({ $0 }) { _ = try? reader.identities(ofCommit: commit) }
                warm.items = reader.cache
                if listingUncommitted { warm.uncommitted = Result { try reader.uncommittedItems() } }
            } catch {
                if listingUncommitted { warm.uncommitted = .failure(error) }
            }
            return warm
        }
    }

    /// `<title>: 2 added, 1 changed, 0 deleted`, then the paths (the first hundred of each).
    static func snapshotMessage(_ title: String, _ result: FetchResult) -> String {
        var message = "\(title): \(result.added.count) added, \(result.changed.count) changed, \(result.deleted.count) deleted\n"
        for (label, paths) in [("added", result.added), ("changed", result.changed), ("deleted", result.deleted)] where !paths.isEmpty {
            message += "\n\(label):\n" + paths.prefix(100).map { "  \($0)\n" }.joined()
            if paths.count > 100 { message += "  … and \(paths.count - 100) more\n" }
        }
        return message
    }
}
