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
    /// Where it points now (or would, for a dry run).
    public var snapshot: ObjectID
    /// False when the prefix held what the previous snapshot holds: no commit was made.
    public var isNew: Bool
    public var added: [String] = []
    public var changed: [String] = []
    public var deleted: [String] = []
    /// Entries of the prefix that cannot be read; left out of the snapshot.
    public var problems: [LibraryProblem] = []
}

/// A fetch: its result plus what was read, for the operations built on it.
struct Fetched {
    var result: FetchResult
    var content: PrefixContent
    /// The snapshot's items as item → blob id.
    var items: [ItemPath: ObjectID]
    /// What the read learned about skill values; a push adds the values it writes.
    var cache: SkillFileCache
}

extension SyncLibrary {
    /// `codemode fetch ENV`: reads the whole prefix, renders every item as its file, writes
    /// the blobs in one pack, and moves `refs/codemode/ENV` to a snapshot commit — a new one
    /// only when the tree changed, whose parent is the previous snapshot (on the first
    /// fetch, the commit the sync record says was deployed, when this repository has it).
    ///
    /// The tree keeps everything outside the synced items from that parent, and the items
    /// sit in the library folder, so merging a snapshot lines up with the branch.
    /// Without `movingRef` (dry runs) the commit is made but the ref stays where it was.
    public func fetch(_ environment: Environment, movingRef: Bool = true) throws -> FetchResult {
        try fetch(environment, from: connect(environment), movingRef: movingRef).result
    }

    /// `whileWaiting` runs on another thread while Redis answers; it may read the repository.
    func fetch(_ environment: Environment, from storage: RedisStorage, movingRef: Bool = true,
               whileWaiting: @escaping @Sendable () -> Void = {}) throws -> Fetched {
        let previous = try repository.reference(named: environment.trackingRef)
        let cache = SkillFileCache(folder: cacheFolder)
        var anchor: ObjectID?
        var anchorTree: ObjectID?
        var anchorItems: [ItemPath: ObjectID] = [:]
        // While the prefix is read, the trees every operation compares with are read on another
        // thread; this one only talks to Redis until `warming` is done.
        let warming = try warmUp([previous, repository.headCommit], then: whileWaiting)
        defer { warming.wait() }
        let stage = "reading \(environment.name)"
        let content = try PrefixContent.read(storage, cache: cache, progress: progress.map { report in { report(stage, $0, $1) } }) { record in
            warming.wait()
            anchor = try previous ?? self.deployedCommit(record)
            anchorTree = try anchor.map { try self.repository.tree(ofCommit: $0) }
            anchorItems = try self.itemBlobs(ofTree: anchorTree)
            let known = Set(anchorItems.values)
            return { try known.contains($0) || self.repository.contains($0) }
        }
        // The previous snapshot's bytes first, so an unchanged prefix keeps its tree whatever
        // HEAD's formatting; HEAD's for what is new.
        var candidates = try reusableFiles(ofCommit: anchor)
        for (item, bytes) in try reusableFiles(ofCommit: repository.headCommit) where candidates[item] == nil { candidates[item] = bytes }
        let (items, bytes) = content.files(reusing: candidates)

        // A first fetch always makes a commit; until then the snapshot is the previous one.
        var result = FetchResult(environment: environment.name, previous: previous, snapshot: previous ?? ObjectID.blobID(for: []),
                                 isNew: false, problems: content.problems)
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
        if previous != nil && changed.isEmpty && removed.isEmpty {
            return Fetched(result: result, content: content, items: items, cache: cache)
        }
        let message = Self.snapshotMessage("fetch \(environment.name)", result)
        let author = Signature(name: "codemode", email: environment.snapshotAuthorEmail)
        // Only files the repository lacks are written (a first fetch in a clone whose branch
        // has the skills finds nearly all of them there already).
        var missing: [ObjectID: [UInt8]] = [:]
        for blob in Set(changed.values) {
            if let content = bytes[blob], try !repository.contains(blob) { missing[blob] = content }
        }
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
        return Fetched(result: result, content: content, items: items, cache: cache)
    }

    /// Reads the items and identities of `commits` on another thread, into the per-tree
    /// caches; the caller must not use the repository until the group is done.
    private func warmUp(_ commits: [ObjectID?], then more: @escaping @Sendable () -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        nonisolated(unsafe) let library = self
        DispatchQueue.global().async(group: group) {
            for commit in commits.compactMap({ $0 }) { _ = try? library.identities(ofCommit: commit) }
            more()
        }
        return group
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
