import CodeModeCore
import CodeModeGit

/// `codemode status ENV`: the three-way state of every item between HEAD and the prefix.
public struct SyncStatus: Sendable {
    public var environment: String
    public var base: ObjectID?
    /// Where the base came from: `merge-base`, `deployed` (the sync record's commit),
    /// `sync-record` (its item hashes only) or `none`.
    public var baseSource: String
    public var head: ObjectID?
    public var snapshot: ObjectID
    /// Items that differ on either side; unchanged ones are left out.
    public var items: [ItemStatus]
    /// Edits of synced items in the work tree that are not committed (push ignores them).
    public var uncommitted: [FileChange]
    public var problems: [LibraryProblem]

    public var inSync: Bool { items.isEmpty }
}

extension SyncLibrary {
    /// The three-way state against `environment`: fetched first unless `fetching` is false,
    /// in which case the last snapshot is used as it is.
    public func status(_ environment: Environment, fetching: Bool = true) throws -> SyncStatus {
        let snapshot: ObjectID
        let snapshotItems: [ItemPath: ObjectID]
        var record: SyncRecord?
        var problems: [LibraryProblem] = []
        nonisolated(unsafe) var uncommitted: Result<[FileChange], any Error>?
        if fetching {
            nonisolated(unsafe) let library = self
            let fetched = try fetch(environment, from: connect(environment)) { uncommitted = Result { try library.uncommittedItems() } }
            snapshot = fetched.result.snapshot
            snapshotItems = fetched.items
            record = fetched.content.record
            problems = fetched.content.problems
        } else {
            guard let existing = try repository.reference(named: environment.trackingRef) else {
                throw SyncError(.failed, "no snapshot of '\(environment.name)' yet; run `codemode fetch \(environment.name)` (or status without --no-fetch)")
            }
            snapshot = existing
            snapshotItems = try itemBlobs(ofTree: repository.tree(ofCommit: existing))
        }
        let head = try repository.headCommit
        let (base, source) = try chooseBase(here: head, snapshot: snapshot, record: record)
        let items = try compare(base: base, here: head, thereBlobs: snapshotItems)
        return SyncStatus(environment: environment.name, base: base.commit, baseSource: source, head: head, snapshot: snapshot,
                          items: items, uncommitted: try (uncommitted ?? Result { try uncommittedItems() }).get(), problems: problems)
    }

    /// The base of a three-way comparison: the merge base of here and the snapshot; else the
    /// commit the sync record says was deployed, when this repository has it; else the sync
    /// record's item hashes; else nothing.
    func chooseBase(here: ObjectID?, snapshot: ObjectID, record: SyncRecord?) throws -> (SyncBase, String) {
        if let here, let mergeBase = try repository.mergeBase(here, snapshot) { return (.commit(mergeBase), "merge-base") }
        if let deployed = try deployedCommit(record) { return (.commit(deployed), "deployed") }
        if let record { return (.record(record), "sync-record") }
        return (.none, "none")
    }

    func compare(base: SyncBase, here: ObjectID?, thereBlobs: [ItemPath: ObjectID]) throws -> [ItemStatus] {
        try ThreeWay.compare(base: identities(of: base), here: identities(ofCommit: here), there: identities(of: thereBlobs),
                             thereIsDrift: { if case .record = base { true } else { false } }())
    }

    func identities(of base: SyncBase) throws -> [ItemPath: ObjectID] {
        switch base {
        case .commit(let commit): return try identities(ofCommit: commit)
        case .none: return [:]
        case .record(let record):
            var identities: [ItemPath: ObjectID] = [:]
            for (path, id) in record.items { if let item = ItemPath(libraryPath: path) { identities[item] = id } }
            return identities
        }
    }
}

extension SyncLibrary {
    /// `codemode diff ENV [NAME...]`: the unified diff from the environment (as just
    /// fetched, `ENV/` in the headers) to HEAD (`HEAD/`) — what a push would change there —
    /// for the named skills or tools (`requirements` for requirements.txt), or all items.
    public func patch(_ environment: Environment, names: [String]) throws -> String {
        let fetched = try fetch(environment, from: connect(environment))
        let snapshot = fetched.result.snapshot
        let head = try repository.headCommit
        let there = try identities(of: fetched.items)
        let here = try identities(ofCommit: head)
        // Items whose content differs; a tool or requirements.txt that differs only in
        // formatting is the same item.
        var items = Set(there.keys).union(here.keys).filter { there[$0] != here[$0] }
        if !names.isEmpty {
            let wanted = Set(names)
            items = items.filter { wanted.contains($0.name) || wanted.contains($0.path) }
        }
        guard !items.isEmpty else { return "" }
        return try repository.patch(from: repository.tree(ofCommit: snapshot), to: head.map { try repository.tree(ofCommit: $0) },
                                    paths: items.sorted().map(repositoryPath), oldLabel: environment.name, newLabel: "HEAD")
    }
}
