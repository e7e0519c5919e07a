import CodeModeCore
import CodeModeGit

/// `codemode status ENV`: the three-way state of every item between HEAD and the prefix.
public struct SyncStatus: Sendable {
    public var environment: String
    public var base: ObjectID?
    /// Where the base came from: `merge-base` (of HEAD and the snapshot or the deployed
    /// commit), `deployed` (the sync record's commit), `sync-record` (its item hashes only)
    /// or `none`.
    public var baseSource: String
    public var head: ObjectID?
    /// The snapshot compared with; nil when there is none (a lost prefix never fetched here).
    public var snapshot: ObjectID?
    /// Items that differ on either side; unchanged ones are left out.
    public var items: [ItemStatus]
    /// Edits of synced items in the work tree that are not committed (push ignores them).
    public var uncommitted: [FileChange]
    public var problems: [LibraryProblem]
    /// Set when HEAD does not contain the commit the environment runs: a push would be
    /// refused. When this repository lacks that commit, `items` is empty: without it no
    /// change can be told to be here or there.
    public var behind: NonFastForward?
    /// Set when the prefix lost its data; `items` is empty then.
    public var loss: PrefixLoss?

    public var inSync: Bool { items.isEmpty && behind == nil && loss == nil }
}

extension SyncLibrary {
    /// The three-way state against `environment`: fetched first unless `fetching` is false,
    /// in which case the last snapshot is used as it is.
    public func status(_ environment: Environment, fetching: Bool = true) throws -> SyncStatus {
        let snapshot: ObjectID?
        let snapshotItems: [ItemPath: ObjectID]
        var record: SyncRecord?
        var problems: [LibraryProblem] = []
        var uncommitted: Result<[FileChange], any Error>?
        var loss: PrefixLoss?
        if fetching {
            let fetched = try fetch(environment, from: connect(environment), listingUncommitted: true)
            snapshot = fetched.result.snapshot
            snapshotItems = fetched.items
            record = fetched.content.record
            problems = fetched.content.problems
            uncommitted = fetched.uncommitted
            loss = fetched.result.loss
        } else {
            guard let existing = try repository.reference(named: environment.trackingRef) else {
                throw SyncError(.failed, "no snapshot of '\(environment.name)' yet; run `codemode fetch \(environment.name)` (or status without --no-fetch)")
            }
            snapshot = existing
            snapshotItems = try items.blobs(ofTree: repository.tree(ofCommit: existing))
        }
        let head = try repository.headCommit
        var status = SyncStatus(environment: environment.name, base: nil, baseSource: "none", head: head, snapshot: snapshot, items: [],
                                uncommitted: try (uncommitted ?? Result { try uncommittedItems() }).get(), problems: problems)
        if let loss {
            status.loss = loss
            return status
        }
        let (base, source): (SyncBase, String)
        if let head, fetching, case .behind(let behind) = try checkDeployment(of: head, in: environment, snapshot: snapshot, record: record) {
            status.behind = behind
            guard let mergeBase = behind.mergeBase else { return status }
            (base, source) = (.commit(mergeBase), "merge-base")
        } else {
            (base, source) = try chooseBase(here: head, in: environment, snapshot: snapshot, record: record)
        }
        status.base = base.commit
        status.baseSource = source
        status.items = try compare(base: base, here: head, thereBlobs: snapshotItems)
        return status
    }

    /// The base of a three-way comparison of `here` with the prefix: the newest commit that
    /// holds what is deployed (DeploymentCheck); without a sync record, the merge base of
    /// here and the snapshot; for a commit that holds the deployed items without their
    /// history, the record's item hashes. A push from behind has no base: the callers that
    /// write refuse it first.
    func chooseBase(here: ObjectID?, in environment: Environment, snapshot: ObjectID?, record: SyncRecord?) throws -> (SyncBase, String) {
        guard let here else { return (.none, "none") }
        switch try checkDeployment(of: here, in: environment, snapshot: snapshot, record: record) {
        case .contains(let base, let source): return (.commit(base), source)
        case .sameItems(let record): return (.record(record), "sync-record")
        case .unrecorded, .behind:
            if let snapshot, let mergeBase = try mergeBase(here, snapshot) { return (.commit(mergeBase), "merge-base") }
            return (.none, "none")
        }
    }

    func compare(base: SyncBase, here: ObjectID?, thereBlobs: [ItemPath: ObjectID]) throws -> [ItemStatus] {
        try ThreeWay.compare(base: identities(of: base), here: items.identities(ofCommit: here), there: items.identities(of: thereBlobs),
                             thereIsDrift: { if case .record = base { true } else { false } }())
    }

    func identities(of base: SyncBase) throws -> [ItemPath: ObjectID] {
        switch base {
        case .commit(let commit): return try items.identities(ofCommit: commit)
        case .none: return [:]
        case .record(let record):
            var identities: [ItemPath: ObjectID] = [:]
            for (path, id) in record.items { if let item = ItemPath(libraryPath: path) { identities[item] = id } }
            return identities
        }
    }
}
