import CodeModeGit
import Foundation

/// One state of an environment: a snapshot commit on `refs/codemode/ENV`.
public struct EnvironmentState: Sendable {
    /// `fetch`, `push`, `promote` or `rollback`: what made the state.
    public var operation: String
    public var snapshot: ObjectID
    public var time: Date
    /// Who made it: the committer identity behind a push, the environment for a fetch.
    public var who: String
    /// The commit pushed (push, promote, rollback); nil for fetched states.
    public var deployed: ObjectID?
    /// Items that differ from the previous state.
    public var changed: [FileChange]
    /// How each gate ended for the deployed commit (`tests: passed (12 tests)`), when any ran.
    public var gates: [String]
    public var summary: String
}

extension SyncLibrary {
    /// `codemode log ENV`: the environment's states, newest first (the first parents of its
    /// tracking ref), at most `limit`.
    public func history(_ environment: Environment, limit: Int = .max) throws -> [EnvironmentState] {
        guard let tip = try repository.reference(named: environment.trackingRef) else {
            throw SyncError(.failed, "no states of '\(environment.name)' yet; run `codemode fetch \(environment.name)` or push to it")
        }
        return try explainingShallowHistory { try repository.firstParentHistory(from: tip, limit: limit) }.map { commit in
            let operation = String(commit.summary.prefix { $0 != " " && $0 != ":" })
            let previous = try commit.parents.first.map { try repository.tree(ofCommit: $0) }
            let changed = try repository.diff(from: previous, to: commit.tree, under: folder.isEmpty ? nil : folder)
                .filter { ItemPath(libraryPath: $0.path) != nil }
            let lines = commit.message.split(separator: "\n")
            let trailer = lines.last { $0.hasPrefix(Self.deployedTrailer) }
            let gates = lines.filter { $0.hasPrefix(Self.gateTrailer) }.map { String($0.dropFirst(Self.gateTrailer.count)) }
            let deployed = trailer.flatMap { ObjectID(hex: String($0.dropFirst(Self.deployedTrailer.count))) }
            return EnvironmentState(operation: operation, snapshot: commit.id, time: commit.time,
                                    who: deployed == nil ? commit.author.description : commit.committer.description,
                                    deployed: deployed, changed: changed, gates: gates, summary: commit.summary)
        }
    }
}
