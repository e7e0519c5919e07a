import CodeModeCore
import CodeModeGit

/// What `pull` did.
public struct PullResult: Sendable {
    public enum Outcome: String, Sendable {
        case upToDate = "up-to-date"
        case fastForward = "fast-forward"
        case merged
        /// `--no-commit`: the merge is staged, `git commit` finishes it.
        case staged
        /// Conflicts are left in the work tree with git's markers; resolve, then `git commit`.
        case conflicts
    }

    public var environment: String
    public var snapshot: ObjectID
    /// The branch that was updated (its short name).
    public var branch: String
    public var outcome: Outcome
    /// The branch's new commit (nil when up to date, staged or in conflict).
    public var commit: ObjectID?
    /// The items the pull brings, in their three-way state.
    public var items: [ItemStatus]
    /// Paths (from the repository root) left in conflict.
    public var conflicts: [String]
    public var problems: [LibraryProblem]
}

extension SyncLibrary {
    /// `codemode pull ENV`: fetches, then merges the snapshot into the current branch (a
    /// fast-forward when possible, else a merge commit; conflicts stay in the work tree as
    /// git leaves them), or, with `branch`, into that branch — created from HEAD when it does
    /// not exist — without touching the current branch, the index or the work tree.
    public func pull(_ environment: Environment, branch: String? = nil, commit: Bool = true) throws -> PullResult {
        let fetched = try fetch(environment, from: connect(environment))
        let snapshot = try fetched.snapshotUnlessLost()
        let head = try repository.headCommit
        let (base, _) = try chooseBase(here: head, in: environment, snapshot: snapshot, record: fetched.content.record)
        let items = try compare(base: base, here: head, thereBlobs: fetched.items)
            .filter { $0.state != .changedHere && $0.state != .sameChange }
        var result = PullResult(environment: environment.name, snapshot: snapshot, branch: "", outcome: .upToDate, commit: nil,
                                items: items, conflicts: [], problems: fetched.content.problems)
        let current = try repository.head
        if let branch, case .branch(let name) = current, name == branch {
            return try pullIntoCurrentBranch(environment, snapshot: snapshot, commit: commit, result: result)
        }
        if let branch {
            guard commit else { throw SyncError(.usage, "--no-commit leaves a merge in the work tree; it cannot be used with --branch") }
            result.branch = branch
            return try pull(environment, snapshot: snapshot, intoBranch: branch, result: result)
        }
        return try pullIntoCurrentBranch(environment, snapshot: snapshot, commit: commit, result: result)
    }

    private func pull(_ environment: Environment, snapshot: ObjectID, intoBranch branch: String, result: PullResult) throws -> PullResult {
        var result = result
        let ref = "refs/heads/\(branch)"
        guard try repository.validBranchName(branch) else {
            throw SyncError(.usage, "'\(branch)' is not a valid branch name")
        }
        let existing = try repository.reference(named: ref)
        guard let target = try existing ?? repository.headCommit else {
            throw SyncError(.failed, "HEAD has no commit yet to start \(branch) from; commit the library first")
        }
        let message = "codemode pull \(environment.name) --branch \(branch)"
        if try target == snapshot || repository.isDescendant(target, of: snapshot) {
            if existing == nil { try repository.setReference(ref, to: target, reflogMessage: "\(message): created") }
            return result
        }
        if try repository.isDescendant(snapshot, of: target) {
            try repository.setReference(ref, to: snapshot, reflogMessage: "\(message): fast-forward")
            result.outcome = .fastForward
            result.commit = snapshot
            return result
        }
        switch try repository.merge(ours: target, theirs: snapshot) {
        case .conflicts(let paths):
            throw SyncError(.failed, "merging \(environment.trackingRef) into \(branch) conflicts in \(paths.joined(separator: ", ")); \(branch) was not changed — check out \(branch) and run `codemode pull \(environment.name)` there to resolve them")
        case .merged(let tree):
            if existing == nil { try repository.setReference(ref, to: target, reflogMessage: "\(message): created") }
            result.commit = try repository.commit(tree: tree, parents: [target, snapshot],
                                                  message: "Merge \(environment.trackingRef) into \(branch)", updatingRef: ref)
            result.outcome = .merged
            return result
        }
    }

    private func pullIntoCurrentBranch(_ environment: Environment, snapshot: ObjectID, commit: Bool, result: PullResult) throws -> PullResult {
        var result = result
        switch try repository.head {
        case .branch(let name), .unborn(branch: let name): result.branch = name
        case .detached: result.branch = "HEAD"
        }
        if repository.isInTheMiddleOfAnOperation {
            throw SyncError(.failed, "a merge (or rebase, cherry-pick …) is in progress; finish it (git commit) or abort it (git merge --abort) first")
        }
        guard let head = try repository.headCommit else {
            try checkOutRefusingEdits(snapshot, from: nil)
            try repository.setReference("refs/heads/\(result.branch)", to: snapshot, reflogMessage: "codemode pull \(environment.name): first commit")
            result.outcome = .fastForward
            result.commit = snapshot
            return result
        }
        if try head == snapshot || repository.isDescendant(head, of: snapshot) { return result }
        if commit, try repository.isDescendant(snapshot, of: head) {
            try checkOutRefusingEdits(snapshot, from: head)
            let ref = result.branch == "HEAD" ? "HEAD" : "refs/heads/\(result.branch)"
            try repository.setReference(ref, to: snapshot, reflogMessage: "codemode pull \(environment.name): fast-forward")
            result.outcome = .fastForward
            result.commit = snapshot
            return result
        }
        let touched: [String]
        switch try repository.merge(ours: head, theirs: snapshot) {
        case .conflicts(let paths): touched = paths + (try repository.diff(from: repository.tree(ofCommit: head), to: repository.tree(ofCommit: snapshot)).map(\.path))
        case .merged(let tree): touched = try repository.diff(from: repository.tree(ofCommit: head), to: tree).map(\.path)
        }
        try refuseEdits(in: touched, head: head)
        result.conflicts = try repository.mergeIntoWorkTree(reference: environment.trackingRef)
        if !result.conflicts.isEmpty {
            result.outcome = .conflicts
            return result
        }
        guard commit else {
            result.outcome = .staged
            return result
        }
        let tree = try repository.writeIndexTree()
        result.commit = try repository.commit(tree: tree, parents: [head, snapshot], message: "Merge \(environment.trackingRef)", updatingRef: "HEAD")
        try repository.cleanUpOperationState()
        result.outcome = .merged
        return result
    }

    /// Checks out `commit`'s tree over `head`'s, refusing first, by name, when an uncommitted
    /// edit is in the way.
    private func checkOutRefusingEdits(_ commit: ObjectID, from head: ObjectID?) throws {
        let target = try repository.tree(ofCommit: commit)
        let current = try head.map { try repository.tree(ofCommit: $0) }
        try refuseEdits(in: repository.diff(from: current, to: target).map(\.path), head: head)
        try repository.checkOut(tree: target)
    }

    /// Throws, naming the files, when any of `paths` (from the repository root) has
    /// uncommitted edits (staged or not) or is an untracked file.
    private func refuseEdits(in paths: [String], head: ObjectID?) throws {
        let dirty = Set(try repository.diffToWorkTree(from: head.map { try repository.tree(ofCommit: $0) }).map(\.path))
        let blocked = Set(paths).intersection(dirty).sorted()
        guard !blocked.isEmpty else { return }
        throw SyncError(.uncommittedEdits(paths: blocked))
    }
}
