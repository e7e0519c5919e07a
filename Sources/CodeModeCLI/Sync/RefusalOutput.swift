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
            if let json, json.json { json.printJSON(refusal.jsonValue) }
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
}
