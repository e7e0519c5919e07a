import CodeModeCore
import CodeModeGit
import CodeModeStorage
import Foundation

// The JSON shapes of the sync results, one per result, for `--json` and any other caller.

extension ObjectID {
    /// A commit id as JSON: its hex, or null.
    static func json(_ id: ObjectID?) -> JSONValue { id.map { .string($0.hex) } ?? .null }
}

extension ItemStatus {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("path", .string(item.path)),
            JSONMember("kind", .string(item.kind.rawValue)),
            JSONMember("name", .string(item.name)),
            JSONMember("state", .string(state.rawValue)),
            JSONMember("here", here.map { .string($0.rawValue) } ?? .null),
            JSONMember("there", there.map { .string($0.rawValue) } ?? .null),
        ])
    }
}

extension PlannedWrite {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("path", .string(item.path)),
            JSONMember("kind", .string(item.kind.rawValue)),
            JSONMember("name", .string(item.name)),
            JSONMember("change", .string(change.rawValue)),
            JSONMember("key", .string(key)),
        ])
    }
}

extension GateResult {
    public var jsonValue: JSONValue {
        .object([JSONMember("gate", .string(gate)), JSONMember("outcome", .string(outcome.rawValue)), JSONMember("detail", .string(detail))])
    }
}

private func problemsJSON(_ problems: [LibraryProblem]) -> JSONValue { .array(problems.map(\.jsonValue)) }

extension PushResult {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("environment", .string(environment)),
            JSONMember("commit", ObjectID.json(commit)),
            JSONMember("base", ObjectID.json(base)),
            JSONMember("base_source", .string(baseSource)),
            JSONMember("snapshot", ObjectID.json(snapshot)),
            JSONMember("new_snapshot", ObjectID.json(newSnapshot)),
            JSONMember("dry_run", .bool(dryRun)),
            JSONMember("writes", .array(writes.map(\.jsonValue))),
            JSONMember("kept", .array(kept.map(\.jsonValue))),
            JSONMember("recorded", .bool(recorded)),
            JSONMember("attempts", .integer(attempts)),
            JSONMember("uncommitted", .array(uncommitted.map { .string($0.path) })),
            JSONMember("problems", problemsJSON(problems)),
            JSONMember("gates", .array(gates.map(\.jsonValue))),
        ])
    }
}

extension SyncStatus {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("environment", .string(environment)),
            JSONMember("base", ObjectID.json(base)),
            JSONMember("base_source", .string(baseSource)),
            JSONMember("head", ObjectID.json(head)),
            JSONMember("snapshot", ObjectID.json(snapshot)),
            JSONMember("items", .array(items.map(\.jsonValue))),
            JSONMember("uncommitted", .array(uncommitted.map {
                .object([JSONMember("path", .string($0.path)), JSONMember("status", .string($0.status.rawValue))])
            })),
            JSONMember("problems", problemsJSON(problems)),
            JSONMember("lost", .bool(loss != nil)),
            JSONMember("loss", loss.map { .object($0.jsonMembers) } ?? .null),
            JSONMember("behind", behind.map { .object($0.jsonMembers) } ?? .null),
        ])
    }
}

extension FetchResult {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("environment", .string(environment)),
            JSONMember("previous", ObjectID.json(previous)),
            JSONMember("snapshot", ObjectID.json(snapshot)),
            JSONMember("new", .bool(isNew)),
            JSONMember("added", .array(added.map { .string($0) })),
            JSONMember("changed", .array(changed.map { .string($0) })),
            JSONMember("deleted", .array(deleted.map { .string($0) })),
            JSONMember("problems", problemsJSON(problems)),
        ])
    }
}

extension PullResult {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("environment", .string(environment)),
            JSONMember("snapshot", ObjectID.json(snapshot)),
            JSONMember("branch", .string(branch)),
            JSONMember("outcome", .string(outcome.rawValue)),
            JSONMember("commit", ObjectID.json(commit)),
            JSONMember("items", .array(items.map(\.jsonValue))),
            JSONMember("conflicts", .array(conflicts.map { .string($0) })),
            JSONMember("problems", problemsJSON(problems)),
        ])
    }
}

extension RestoreResult {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("environment", .string(environment)),
            JSONMember("loss", .object(loss.jsonMembers)),
            JSONMember("state", ObjectID.json(state)),
            JSONMember("deployed", ObjectID.json(deployed)),
            JSONMember("writes", .array(writes.map(\.jsonValue))),
            JSONMember("kept", .array(kept.map { .string($0.path) })),
            JSONMember("record_restored", .bool(recordRestored)),
            JSONMember("gates", .array(gates.map(\.jsonValue))),
            JSONMember("dry_run", .bool(dryRun)),
            JSONMember("new_snapshot", ObjectID.json(newSnapshot)),
            JSONMember("problems", problemsJSON(problems)),
        ])
    }
}

extension EnvironmentState {
    public var jsonValue: JSONValue {
        .object([
            JSONMember("snapshot", .string(snapshot.hex)),
            JSONMember("operation", .string(operation)),
            JSONMember("time", .string(ISO8601DateFormatter().string(from: time))),
            JSONMember("who", .string(who)),
            JSONMember("deployed", ObjectID.json(deployed)),
            JSONMember("changed", .array(changed.map {
                .object([JSONMember("path", .string($0.path)), JSONMember("status", .string($0.status.rawValue))])
            })),
            JSONMember("gates", .array(gates.map { .string($0) })),
            JSONMember("summary", .string(summary)),
        ])
    }
}

extension SyncRefusal {
    /// The refusal as the JSON document `--json` prints: what was refused, its items and
    /// commits, and the message.
    public var jsonValue: JSONValue {
        var members = [JSONMember("message", .string(description))]
        switch self {
        case .conflicts(let conflicts):
            members += [JSONMember("refused", .string("conflicts")), JSONMember("environment", .string(conflicts.environment)),
                        JSONMember("commit", ObjectID.json(conflicts.commit)),
                        JSONMember("items", .array(conflicts.items.map(\.jsonValue)))]
        case .nonFastForward(let behind):
            members += [JSONMember("refused", .string("non-fast-forward"))] + behind.jsonMembers
        case .lost(let loss):
            members += [JSONMember("refused", .string("lost"))] + loss.jsonMembers
        case .uncommittedEdits(let paths):
            members += [JSONMember("refused", .string("uncommitted-edits")), JSONMember("paths", .array(paths.map { .string($0) }))]
        case .blocked(let environment, let commit, let reason):
            members += [JSONMember("refused", .string("blocked")), JSONMember("environment", .string(environment)),
                        JSONMember("commit", ObjectID.json(commit)), JSONMember("reason", .string(reason))]
        }
        return .object(members)
    }
}

extension NonFastForward {
    public var jsonMembers: [JSONMember] {
        [JSONMember("environment", .string(environment)), JSONMember("deployed", ObjectID.json(deployed)),
         JSONMember("deployed_by", .string(deployedBy)), JSONMember("deployed_at", .string(deployedAt)),
         JSONMember("commit", ObjectID.json(commit)), JSONMember("reason", .string(reason.rawValue)),
         JSONMember("merge_base", ObjectID.json(mergeBase))]
    }
}

extension PrefixLoss {
    public var jsonMembers: [JSONMember] {
        [JSONMember("lost", .bool(true)), JSONMember("environment", .string(environment)), JSONMember("place", .string(place)),
         JSONMember("kinds", .array(kinds.map { .string($0.rawValue) })), JSONMember("prefix_is_empty", .bool(prefixIsEmpty)),
         JSONMember("last_state", ObjectID.json(lastState)), JSONMember("deployed", ObjectID.json(deployed)),
         JSONMember("last_item_count", .integer(lastItemCount)),
         JSONMember("moved_from", movedFrom.map { .string($0) } ?? .null)]
    }
}
