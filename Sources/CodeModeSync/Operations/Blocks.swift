import CodeModeCore
import CodeModeGit
import Foundation

extension SyncLibrary {
    /// Blocks `commit` in `environment`: push, promote and rollback refuse it there until
    /// `unblock`. The block lives in the prefix's sync record, where every clone sees it, and
    /// is a state of the environment's history.
    public func block(_ environment: Environment, commit: ObjectID, reason: String) throws {
        let storage = try connect(environment)
        let text = "\(reason) (\(SyncRecord.timestamp()), by \(try repository.identity))"
        _ = try storage.connection.command("HSET", storage.keys.syncRecord, SyncRecord.blockedFieldPrefix + commit.hex, text)
        try recordEvent(environment, "block \(environment.name): \(commit.hex.prefix(12)): \(reason.prefix(200))", detail: text)
    }

    /// Lifts a block; false when `commit` was not blocked in `environment`.
    public func unblock(_ environment: Environment, commit: ObjectID, reason: String) throws -> Bool {
        let storage = try connect(environment)
        guard case .integer(1) = try storage.connection.command("HDEL", storage.keys.syncRecord, SyncRecord.blockedFieldPrefix + commit.hex) else {
            return false
        }
        try recordEvent(environment, "unblock \(environment.name): \(commit.hex.prefix(12)): \(reason.prefix(200))", detail: "\(reason) (by \(try repository.identity))")
        return true
    }

    /// Records the outcome of the verification of `commit` as a state of `environment`.
    public func recordVerification(_ environment: Environment, commit: ObjectID, outcome: String) throws {
        try recordEvent(environment, "verify \(environment.name): \(commit.hex.prefix(12)) \(outcome.prefix(200))", detail: outcome)
    }

    /// A state that changes no item (a block, a verification): a commit on the tracking ref
    /// with the tree of the state before it, so `log` lists it in order.
    private func recordEvent(_ environment: Environment, _ title: String, detail: String) throws {
        guard let tip = try repository.reference(named: environment.trackingRef) else { return }
        // The deployment stays what it was, so the next fetch needs no new state for it.
        let deployed = try recordedDeployment(of: tip).map { "\n\(Self.recordTrailer)\($0.hex)\n" } ?? ""
        try repository.commit(tree: repository.tree(ofCommit: tip), parents: [tip], message: "\(title)\n\n\(detail)\n" + deployed,
                              updatingRef: environment.trackingRef, author: Signature(name: "codemode", email: environment.snapshotAuthorEmail))
    }
}
