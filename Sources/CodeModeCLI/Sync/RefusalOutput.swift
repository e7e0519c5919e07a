import CodeModeCore
import CodeModeSync

/// A refusal of the sync engine as a person reads it — what was found, then what to do — and
/// as JSON. The library states the facts; the advice, which names commands, is written here.
enum RefusalOutput {
    /// Runs `body`; a refusal becomes its text on stderr (and its JSON document on stdout with
    /// `--json`) and exit 3. `command` is how the user ran it, e.g. `push`, for the advice:
    /// only push, promote and rollback take `--force`.
    static func reporting<T>(_ command: String, json: OutputOptions?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SyncError {
            guard let refusal = error.refusal else { throw error }
            if let json, json.json { json.printJSON(document(refusal)) }
            throw CommandFailure(message: text(refusal, command: command), code: ExitStatus.conflict)
        }
    }

    static func text(_ refusal: SyncRefusal, command: String) -> String {
        switch refusal {
        case .conflicts(let conflicts):
            let environment = conflicts.environment
            return "\(refusal)\nbring their changes here first (codemode pull \(environment)), or overwrite them (codemode \(command) \(environment) --force)"
        case .nonFastForward(let behind):
            let environment = behind.environment
            let merge = behind.reason == .missing
                ? "get it with `git pull` (or `git fetch` the branch that holds it)"
                : "merge it into your branch (`git merge \(behind.deployed.hex.prefix(12))`)"
            return "\(refusal) — \(merge), or merge what \(environment) holds with `codemode pull \(environment)`, or overwrite it with `codemode \(command) \(environment) --force`"
        case .lost(let loss):
            let environment = loss.environment
            let question = loss.movedFrom == nil ? "data lost? " : ""
            let restore = "\(refusal) — \(question)write that state back with `codemode restore \(environment)`"
            guard ["push", "promote", "rollback"].contains(command) else { return restore }
            return restore + ", or make \(environment) hold \(command == "push" ? "HEAD" : "that commit") alone with `codemode \(command) \(environment) --force`"
        case .uncommittedEdits:
            return "\(refusal) — commit or stash them first, or pull into a review branch (--branch NAME)"
        case .blocked(let environment, let commit, _):
            return "\(refusal) — fix it in a new commit, or lift the block: codemode unblock \(environment) \(commit.hex.prefix(12)) --reason TEXT"
        }
    }

    static func document(_ refusal: SyncRefusal) -> JSONValue {
        var members = [JSONMember("message", .string(refusal.description))]
        switch refusal {
        case .conflicts(let conflicts):
            members += [JSONMember("refused", .string("conflicts")), JSONMember("environment", .string(conflicts.environment)),
                        JSONMember("commit", SyncOutput.id(conflicts.commit)),
                        JSONMember("items", .array(conflicts.items.map(SyncOutput.item)))]
        case .nonFastForward(let behind):
            members += [JSONMember("refused", .string("non-fast-forward"))] + nonFastForward(behind)
        case .lost(let loss):
            members += [JSONMember("refused", .string("lost"))] + lost(loss)
        case .uncommittedEdits(let paths):
            members += [JSONMember("refused", .string("uncommitted-edits")), JSONMember("paths", .array(paths.map { .string($0) }))]
        case .blocked(let environment, let commit, let reason):
            members += [JSONMember("refused", .string("blocked")), JSONMember("environment", .string(environment)),
                        JSONMember("commit", SyncOutput.id(commit)), JSONMember("reason", .string(reason))]
        }
        return .object(members)
    }

    static func nonFastForward(_ behind: NonFastForward) -> [JSONMember] {
        [JSONMember("environment", .string(behind.environment)), JSONMember("deployed", SyncOutput.id(behind.deployed)),
         JSONMember("deployed_by", .string(behind.deployedBy)), JSONMember("deployed_at", .string(behind.deployedAt)),
         JSONMember("commit", SyncOutput.id(behind.commit)), JSONMember("reason", .string(behind.reason.rawValue)),
         JSONMember("merge_base", SyncOutput.id(behind.mergeBase))]
    }

    static func lost(_ loss: PrefixLoss) -> [JSONMember] {
        [JSONMember("lost", .bool(true)), JSONMember("environment", .string(loss.environment)), JSONMember("place", .string(loss.place)),
         JSONMember("kinds", .array(loss.kinds.map { .string($0.rawValue) })), JSONMember("prefix_is_empty", .bool(loss.prefixIsEmpty)),
         JSONMember("last_state", SyncOutput.id(loss.lastState)), JSONMember("deployed", SyncOutput.id(loss.deployed)),
         JSONMember("last_item_count", .integer(loss.lastItemCount)),
         JSONMember("moved_from", loss.movedFrom.map { .string($0) } ?? .null)]
    }
}
