import CodeModeGit

/// Reads the synced items of trees in one repository: each item's blob id, and its identity
/// (a skill's blob id; a tool's or requirements.txt's parsed content). Trees never change,
/// so each is read once.
///
/// Like the `Repository` it reads, an instance belongs to one thread; work on another thread
/// opens a repository and a reader of its own and hands back `cache`.
final class TreeItems {
    let repository: Repository
    /// The library folder relative to the work tree ("" at its root).
    let folder: String
    private(set) var cache = Cache()

    /// What has been read, keyed by tree: plain values that may cross threads.
    struct Cache: Sendable {
        var blobs: [ObjectID: [ItemPath: ObjectID]] = [:]
        var identities: [ObjectID: [ItemPath: ObjectID]] = [:]

        mutating func merge(_ other: Cache) {
            blobs.merge(other.blobs) { mine, _ in mine }
            identities.merge(other.identities) { mine, _ in mine }
        }
    }

    init(repository: Repository, folder: String) {
        self.repository = repository
        self.folder = folder
    }

    func adopt(_ other: Cache) { cache.merge(other) }

    /// The items of a tree, as item → blob id.
    func blobs(ofTree tree: ObjectID?) throws -> [ItemPath: ObjectID] {
        guard let tree else { return [:] }
        if let known = cache.blobs[tree] { return known }
        var items: [ItemPath: ObjectID] = [:]
        for (path, blob) in try repository.files(inTree: tree, under: folder.isEmpty ? nil : folder) {
            if let item = ItemPath(libraryPath: path) { items[item] = blob }
        }
        cache.blobs[tree] = items
        return items
    }

    /// The items of a tree, as item → identity.
    func identities(ofTree tree: ObjectID) throws -> [ItemPath: ObjectID] {
        if let known = cache.identities[tree] { return known }
        let identities = try identities(of: blobs(ofTree: tree))
        cache.identities[tree] = identities
        return identities
    }

    func identities(ofCommit commit: ObjectID?) throws -> [ItemPath: ObjectID] {
        guard let commit else { return [:] }
        return try identities(ofTree: repository.tree(ofCommit: commit))
    }

    /// Identities of items given as item → blob id: tools and requirements.txt are read and
    /// parsed; a skill's identity is its blob id.
    func identities(of blobs: [ItemPath: ObjectID]) throws -> [ItemPath: ObjectID] {
        var identities: [ItemPath: ObjectID] = [:]
        for (item, blob) in blobs {
            identities[item] = item.kind == .skill ? blob : ItemIdentity.ofFile(try repository.readBlob(blob), kind: item.kind)
        }
        return identities
    }

    /// Work-tree edits (staged or not, untracked files included) of synced items, against HEAD.
    func uncommittedItems() throws -> [FileChange] {
        let head = try repository.headCommit.map { try repository.tree(ofCommit: $0) }
        return try repository.diffToWorkTree(from: head, under: folder.isEmpty ? nil : folder)
            .filter { ItemPath(libraryPath: $0.path) != nil }
    }
}
