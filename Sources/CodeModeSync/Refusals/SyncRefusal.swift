import CodeModeGit
import Foundation

/// What a push, promote, rollback, restore or pull refused to do, and why, as data: the
/// items and commits involved. Nothing was written when one is thrown.
public enum SyncRefusal: Equatable, Sendable, CustomStringConvertible {
    /// Items changed both here and in the prefix, to different content.
    case conflicts(Conflicts)
    /// The environment runs a commit that the one being pushed does not contain (DESIGN.md §2,
    /// "What push never does").
    case nonFastForward(NonFastForward)
    /// The prefix holds none of the items of its last known state.
    case lost(PrefixLoss)
    /// A pull would overwrite uncommitted edits of these paths (from the repository root).
    case uncommittedEdits(paths: [String])
    /// The commit failed its verification in the environment and is blocked there.
    case blocked(environment: String, commit: ObjectID, reason: String)

    public struct Conflicts: Equatable, Sendable {
        public var environment: String
        /// The commit that was being pushed.
        public var commit: ObjectID
        public var items: [ItemStatus]
    }

    public var description: String {
        switch self {
        case .conflicts(let conflicts):
            let lines = conflicts.items.map { "\n  \($0.item.path): \($0.here?.rawValue ?? "unchanged") here, \($0.there?.rawValue ?? "unchanged") in \(conflicts.environment)" }
            return "\(conflicts.items.count) item(s) changed both here and in \(conflicts.environment); nothing was written:" + lines.joined()
        case .nonFastForward(let refusal): return refusal.description
        case .lost(let loss): return loss.description
        case .blocked(let environment, let commit, let reason):
            return "\(commit.hex.prefix(12)) is blocked in \(environment) (\(reason)); nothing was written"
        case .uncommittedEdits(let paths):
            return "uncommitted edits would be overwritten: \(paths.prefix(20).joined(separator: ", "))\(paths.count > 20 ? ", …" : ""); nothing was changed"
        }
    }
}

/// A push from behind: the environment's sync record names a deployed commit that this
/// repository lacks, or that is not in the history of the commit being pushed while the
/// items differ. Pushing would revert whatever that deployment changed.
public struct NonFastForward: Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// This repository does not have the deployed commit (another clone pushed it).
        case missing
        /// The deployed commit is here but not in the history of the pushed one.
        case diverged
    }

    public var environment: String
    /// The commit the environment runs, as its sync record names it.
    public var deployed: ObjectID
    /// Who pushed it and when, from the sync record.
    public var deployedBy: String
    public var deployedAt: String
    /// The commit that was to be pushed (HEAD, the promoted commit, a rollback target).
    public var commit: ObjectID
    public var reason: Reason
    /// The merge base of `commit` and `deployed` (`diverged` only).
    public var mergeBase: ObjectID?

    public var description: String {
        // The name without the e-mail address keeps the line short.
        let name = deployedBy.prefix { $0 != "<" }.trimmingCharacters(in: .whitespaces)
        let runs = "\(environment) runs \(deployed.hex.prefix(12))\(name.isEmpty ? "" : ", pushed by \(name)")\(deployedAt.isEmpty ? "" : " at \(deployedAt)")"
        switch reason {
        case .missing: return "\(runs), which this clone lacks; nothing was written"
        case .diverged: return "\(runs), which \(commit.hex.prefix(12)) does not contain; nothing was written"
        }
    }
}

/// A prefix that holds none of the items of its last known state, in one or more of its keys:
/// wiped (FLUSHALL, a restart without persistence), evicted (`maxmemory`), or an environment
/// pointed at a new, empty place.
public struct PrefixLoss: Equatable, Sendable, CustomStringConvertible {
    public var environment: String
    /// Where the environment points now: its URL (no password) and prefix.
    public var place: String
    /// The kinds of item whose key holds none of the last state's items.
    public var kinds: [ItemKind]
    /// True when the prefix holds no item at all.
    public var prefixIsEmpty: Bool
    /// The last known state: the environment's latest snapshot in this repository, or the
    /// deployed commit of its sync record when this repository has no snapshot.
    public var lastState: ObjectID
    /// The commit deployed in that state, when known.
    public var deployed: ObjectID?
    /// How many items that state had.
    public var lastItemCount: Int
    /// Where the last state was read from, when that is not where the environment points now.
    public var movedFrom: String?

    public var description: String {
        let now = prefixIsEmpty ? "is empty" : "holds none of them in its \(kinds.map(\.keyDescription).joined(separator: " and "))"
        let last = "its last state \(lastState.hex.prefix(12)) had \(lastItemCount) item(s)"
        if let movedFrom { return "\(environment) now points at \(place), which \(now); \(last), read from \(movedFrom)" }
        return "\(environment): \(last), but the prefix \(now)"
    }
}

extension ItemKind {
    /// The key an item kind lives in, for messages.
    var keyDescription: String {
        switch self {
        case .skill: "skills hash"
        case .tool: "tools hash"
        case .requirements: "dependency set"
        }
    }
}
