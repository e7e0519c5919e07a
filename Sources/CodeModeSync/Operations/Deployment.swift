import CodeModeGit

/// How a commit about to be pushed stands against the commit an environment runs (DESIGN.md
/// §2, "What push never does"): the sync record's deployed commit must be in its history, as
/// a git remote's branch must be in the history of what is pushed to it.
enum DeploymentCheck {
    /// No sync record: CodeMode never pushed there, nothing is known to be deployed.
    case unrecorded
    /// The commit has the deployed state in its history; `base` is the three-way base:
    /// the deployed commit itself, or a newer merge base with the snapshot.
    case contains(base: ObjectID, source: String)
    /// It does not, but it holds exactly the items the record says were deployed (a rebase,
    /// a cherry-pick): pushing it reverts nothing, and the record's item hashes are the base.
    case sameItems(SyncRecord)
    /// A push from behind.
    case behind(NonFastForward)
}

extension SyncLibrary {
    /// Where `commit` stands against the deployed commit of `record`. The deployed state is
    /// in its history when the deployed commit is, or when the newest snapshot it has merged
    /// (`codemode pull`) was read while that commit was deployed — the way out for a clone
    /// that lacks the commit itself.
    func checkDeployment(of commit: ObjectID, in environment: Environment, snapshot: ObjectID?, record: SyncRecord?) throws -> DeploymentCheck {
        guard let record else { return .unrecorded }
        let deployed = record.commit
        let present = try repository.contains(deployed)
        let snapshotBase = try snapshot.flatMap { try mergeBase(commit, $0) }
        if present, try deployed == commit || isDescendant(commit, of: deployed) {
            // A merged snapshot that descends from the deployed commit also knows what agents
            // changed since; it is the better base.
            if let snapshotBase, try snapshotBase == deployed || isDescendant(snapshotBase, of: deployed) {
                return .contains(base: snapshotBase, source: "merge-base")
            }
            return .contains(base: deployed, source: "deployed")
        }
        if let snapshotBase, try recordedDeployment(of: snapshotBase) == deployed { return .contains(base: snapshotBase, source: "merge-base") }
        if try holdsDeployedItems(commit, record) { return .sameItems(record) }
        return .behind(NonFastForward(environment: environment.name, deployed: deployed, deployedBy: record.who, deployedAt: record.time,
                                      commit: commit, reason: present ? .diverged : .missing,
                                      mergeBase: present ? try mergeBase(commit, deployed) : nil))
    }

    /// A rollback undoes what was pushed since the deployed commit, so that commit is its base
    /// and this repository must have it.
    func checkRollback(to commit: ObjectID, in environment: Environment, record: SyncRecord?) throws -> DeploymentCheck {
        guard let record else { return .unrecorded }
        guard try repository.contains(record.commit) else {
            return .behind(NonFastForward(environment: environment.name, deployed: record.commit, deployedBy: record.who,
                                          deployedAt: record.time, commit: commit, reason: .missing, mergeBase: nil))
        }
        return .contains(base: record.commit, source: "deployed")
    }

    private func holdsDeployedItems(_ commit: ObjectID, _ record: SyncRecord) throws -> Bool {
        let identities = try items.identities(ofCommit: commit)
        guard identities.count == record.items.count else { return false }
        return identities.allSatisfy { record.items[$0.key.path] == $0.value }
    }

    /// The merge base of two commits; a shallow clone that lacks the history is told so.
    func mergeBase(_ one: ObjectID, _ other: ObjectID) throws -> ObjectID? {
        try explainingShallowHistory { try repository.mergeBase(one, other) }
    }

    func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        try explainingShallowHistory { try repository.isDescendant(commit, of: ancestor) }
    }

    /// Runs a walk of the history; in a shallow clone (`git clone --depth`), a missing object
    /// is the history cut off, which the user can fetch.
    func explainingShallowHistory<T>(_ walk: () throws -> T) throws -> T {
        do {
            return try walk()
        } catch is GitError where repository.isShallow {
            throw SyncError(.failed, "this clone is shallow (git clone --depth) and lacks the history the sync needs; fetch it with `git fetch --unshallow` (or a larger --depth) and try again")
        }
    }
}
