import CodeModeCore
import CodeModeGit
import CodeModeRedis
import CodeModeStorage
import Foundation

/// What a push, promote or rollback does to a prefix.
public struct PushRequest: Sendable {
    public enum Kind: Sendable {
        /// `codemode push`: HEAD (or any commit) from this repository.
        case push
        /// `codemode promote`: the commit deployed in `stage`.
        case promote(from: String)
        /// `codemode rollback`: an older state, `revision` as the user named it; its base is
        /// the commit deployed now, so the pushes since are undone and agents' work is kept.
        case rollback(revision: String)
    }

    public var kind: Kind
    /// The commit whose items go to the prefix.
    public var commit: ObjectID
    /// Make the prefix equal to the commit: write every difference, keep nothing.
    public var force = false
    /// Compute and report the plan; write nothing, move no ref.
    public var dryRun = false
    /// The tool name and version recorded in the sync record, e.g. `codemode 0.1.0`.
    public var tool = "codemode"
    /// How often the push starts over from a fresh read when a touched item changed meanwhile.
    public var attempts = 5
    /// The environment's gates as evaluated on `commit` (none failed): kept in the sync record
    /// and the state's snapshot, so `log` shows what was checked and what was skipped, by whom.
    public var gates: [GateResult] = []

    public init(kind: Kind, commit: ObjectID) {
        self.kind = kind
        self.commit = commit
    }
}

/// One write of a push plan.
public struct PlannedWrite: Sendable, Hashable {
    public var item: ItemPath
    /// What the write does to the prefix.
    public var change: ItemChange
    /// Where: `P:skills:__skills__[name]`, `P:tools:__tools__[name]` or `P:deps`.
    public var key: String
}

/// What a push did (or, with `dryRun`, would do).
public struct PushResult: Sendable {
    public var environment: String
    public var commit: ObjectID
    public var base: ObjectID?
    public var baseSource: String
    /// The snapshot the plan was computed against (nil: a lost prefix never fetched here).
    public var snapshot: ObjectID?
    /// The tracking ref after the push (nil for dry runs and when nothing was written).
    public var newSnapshot: ObjectID?
    public var writes: [PlannedWrite]
    /// Items changed only in the prefix: kept as they are; `pull` brings them here.
    public var kept: [ItemStatus]
    /// True when the sync record was written (items written, or a new deployed commit).
    public var recorded: Bool
    public var dryRun: Bool
    /// How many times the plan was computed (more than one when items changed meanwhile).
    public var attempts: Int
    public var problems: [LibraryProblem]
    /// Edits of synced items not committed, which the push left out (it sends a commit).
    public var uncommitted: [FileChange]
    /// The commit deployed before the push (what a failed verification rolls back to).
    public var previousDeployment: ObjectID?
    /// How the environment's gates ended on the commit (the request's).
    public var gates: [GateResult] = []
}

extension SyncLibrary {
    /// Pushes `request.commit` into `environment` three-way (DESIGN.md §2): only what changed
    /// here since the base is written, what changed only in the prefix is kept, and a
    /// conflict refuses the whole push with nothing written. Everything written is validated
    /// first, then written with the sync record in one atomic compare-and-set step; when an
    /// item it touches changed meanwhile, the push starts over from a fresh read.
    public func push(_ environment: Environment, _ request: PushRequest) throws -> PushResult {
        let storage = try connect(environment)
        let hereTree = try repository.tree(ofCommit: request.commit)
        let hereBlobs = try items.blobs(ofTree: hereTree)
        let hereIdentities = try items.identities(ofTree: hereTree)
        var stale: [String] = []
        var uncommitted: [FileChange]?
        for attempt in 1...max(1, request.attempts) {
            // The work tree's edits are looked at while Redis answers, once.
            let fetched = try fetch(environment, from: storage, movingRef: !request.dryRun, listingUncommitted: uncommitted == nil)
            if uncommitted == nil { uncommitted = try fetched.uncommitted?.get() ?? [] }
            // A lost prefix is restored first (`restore`), or made to hold the commit alone
            // (--force): never recorded as deployed while it holds what the loss left.
            if let loss = fetched.result.loss, !request.force { throw SyncError(.lost(loss)) }
            let snapshot = fetched.result.snapshot
            let record = fetched.content.record
            // A commit that failed its verification here stays out until someone unblocks it.
            if let reason = record?.blocked[request.commit] {
                throw SyncError(.blocked(environment: environment.name, commit: request.commit, reason: reason))
            }
            let (base, baseSource) = fetched.result.loss != nil ? (.none, "none")
                : try pushBase(request, in: environment, snapshot: snapshot, record: record)
            let thereIdentities = try items.identities(of: fetched.items)
            let statuses = try ThreeWay.compare(base: identities(of: base), here: hereIdentities, there: thereIdentities,
                                                thereIsDrift: { if case .record = base { true } else { false } }())
            var result = PushResult(environment: environment.name, commit: request.commit, base: base.commit, baseSource: baseSource,
                                    snapshot: snapshot, newSnapshot: nil, writes: [], kept: [], recorded: false,
                                    dryRun: request.dryRun, attempts: attempt, problems: fetched.content.problems,
                                    uncommitted: uncommitted ?? [], previousDeployment: record?.commit, gates: request.gates)
            let toWrite: [ItemPath]
            if request.force {
                toWrite = Set(hereIdentities.keys).union(thereIdentities.keys).sorted().filter { hereIdentities[$0] != thereIdentities[$0] }
            } else {
                let conflicts = statuses.filter { $0.state == .conflict }
                if !conflicts.isEmpty {
                    throw SyncError(.conflicts(.init(environment: environment.name, commit: request.commit, items: conflicts)))
                }
                toWrite = statuses.filter { $0.state == .changedHere }.map(\.item)
                result.kept = statuses.filter { $0.state == .changedThere || $0.state == .drift }
            }
            var (write, skillValues) = try prefixWrite(toWrite, hereBlobs: hereBlobs, hereIdentities: hereIdentities,
                                                       content: fetched.content, keys: storage.keys, request: request, hereTree: hereTree,
                                                       place: environment.place, policy: environment.policy)
            // The write also checks that nobody pushed meanwhile: a push judged against one
            // deployed commit must not land on another.
            write.expectedDeployment = record?.commit
            result.writes = toWrite.map { item in
                let change: ItemChange = hereIdentities[item] == nil ? .deleted : (thereIdentities[item] == nil ? .added : .modified)
                return PlannedWrite(item: item, change: change, key: Self.key(of: item, in: storage.keys))
            }
            // With nothing to write, the record still moves to a commit that contains the
            // deployed one (never back: a commit behind it was refused above).
            let needsRecord = !toWrite.isEmpty || record?.commit != request.commit
            if request.dryRun || !needsRecord { return result }
            progress?("writing \(environment.name)", 0, toWrite.count)
            if let changed = try write.apply(on: storage.connection, keys: storage.keys) {
                // Someone changed an item this push touches, or pushed: start over from a fresh read.
                stale = changed
                continue
            }
            progress?("writing \(environment.name)", toWrite.count, toWrite.count)
            // The next fetch finds these values and need not read them.
            for (item, value) in skillValues { if let blob = hereBlobs[item] { fetched.cache.remember(value: value, file: blob) } }
            try? fetched.cache.save(inUse: Array(fetched.content.storedValueHashes.values) + skillValues.values)
            result.recorded = true
            result.newSnapshot = try recordPushedState(environment, request: request, snapshot: snapshot, snapshotItems: fetched.items,
                                                       hereBlobs: hereBlobs, hereTree: hereTree, written: toWrite)
            return result
        }
        throw SyncError(.failed, "\(environment.name): items this push writes kept changing in \(storage.location) (\(request.attempts) attempts, last: \(stale.prefix(10).joined(separator: ", "))); agents are editing them — try again")
    }

    /// The three-way base of a push (DeploymentCheck); a push from behind is refused here,
    /// unless forced, which compares with nothing and makes the prefix equal to the commit.
    private func pushBase(_ request: PushRequest, in environment: Environment, snapshot: ObjectID?,
                          record: SyncRecord?) throws -> (SyncBase, String) {
        let deployment = if case .rollback = request.kind {
            try checkRollback(to: request.commit, in: environment, record: record)
        } else {
            try checkDeployment(of: request.commit, in: environment, snapshot: snapshot, record: record)
        }
        switch deployment {
        case .behind(let behind):
            guard request.force else { throw SyncError(.nonFastForward(behind)) }
            return (.none, "none")
        case .contains(let base, let source): return (.commit(base), source)
        case .sameItems(let record): return (.record(record), "sync-record")
        case .unrecorded: return try chooseBase(here: request.commit, in: environment, snapshot: snapshot, record: nil)
        }
    }

    /// Validates the items to write and turns them into the script's writes and record fields,
    /// with, per skill written, the blob id of its stored value (what a fetch will find).
    private func prefixWrite(_ items: [ItemPath], hereBlobs: [ItemPath: ObjectID], hereIdentities: [ItemPath: ObjectID],
                             content: PrefixContent, keys: RedisKeys, request: PushRequest,
                             hereTree: ObjectID, place: String, policy: SkillPolicy) throws -> (write: PrefixWrite, skillValues: [ItemPath: ObjectID]) {
        var files: [String: [UInt8]] = [:]
        for item in items { if let blob = hereBlobs[item] { files[item.path] = try repository.readBlob(blob) } }
        try validate(files, blobs: hereBlobs, tool: request.tool, policy: policy)
        let values = try Array(files).concurrentMap { path, bytes -> (String, [UInt8], ObjectID?) in
            let item = ItemPath(libraryPath: path)!
            let value = try Self.storedValue(of: item, bytes)
            return (path, value, item.kind == .skill ? ObjectID.blobID(for: value) : nil)
        }
        var valueByPath: [String: [UInt8]] = [:]
        var skillValues: [ItemPath: ObjectID] = [:]
        for (path, value, hash) in values {
            valueByPath[path] = value
            if let hash { skillValues[ItemPath(libraryPath: path)!] = hash }
        }
        var write = PrefixWrite()
        for item in items {
            switch item.kind {
            case .skill, .tool:
                write.fields.append(PrefixWrite.FieldWrite(
                    key: item.kind == .skill ? keys.skills : keys.tools, field: item.name,
                    expected: content.storedValueHashes[item], value: valueByPath[item.path], label: item.path))
            case .requirements:
                let specs = files[item.path].map { RequirementsFile(text: String(decoding: $0, as: UTF8.self)).specs.map(\.text) } ?? []
                write.dependencies = PrefixWrite.SetWrite(expected: content.dependencies, members: specs)
            }
            let recordField = SyncRecord.itemFieldPrefix + item.path
            if let identity = hereIdentities[item] {
                write.recordFields.append((recordField, identity.hex))
            } else {
                write.recordDeletions.append(recordField)
            }
        }
        var record = SyncRecord(commit: request.commit, tree: hereTree, time: SyncRecord.timestamp(),
                                who: "\(try repository.identity)", tool: request.tool, folder: folder, place: place, items: [:])
        record.earlier = SyncRecord.earlier(replacing: content.record, with: request.commit)
        record.gates = Dictionary(request.gates.map { ($0.gate, $0.summary) }) { first, _ in first }
        write.recordFields = record.headerFields + write.recordFields
        // Gates of an earlier deployment that this one did not evaluate are not its own.
        write.recordDeletions += (content.record?.gates ?? [:]).keys.filter { record.gates[$0] == nil }.map { SyncRecord.gateFieldPrefix + $0 }
        return (write, skillValues)
    }

    /// Every file a push writes must pass `codemode validate` and the environment's policy, and
    /// a tool file must define the tool it is named after (the prefix keeps tools by name). Skill files this repository
    /// already saw pass (by blob id, with this version of the checker) are not parsed again;
    /// their names still are checked.
    private func validate(_ files: [String: [UInt8]], blobs: [ItemPath: ObjectID], tool: String, policy: SkillPolicy) throws {
        let valid = BlobSetFile(folder: cacheFolder, name: "valid-skills", meaning: "skill files valid for \(tool)")
        var unchecked: [String: [UInt8]] = [:]
        var problems: [LibraryProblem] = []
        var checkedSkills: [ObjectID] = []
        for (path, bytes) in files {
            guard let item = ItemPath(libraryPath: path) else { continue }
            if item.kind == .skill, let blob = blobs[item] {
                if valid.contains(blob) {
                    if let reason = SkillName.problem(with: item.name) {
                        problems.append(LibraryProblem(path: path, message: "invalid skill name '\(NameLength.shortened(item.name))': \(reason)"))
                    }
                    continue
                }
                checkedSkills.append(blob)
            }
            unchecked[path] = bytes
            if item.kind == .tool, case .success(let spec) = ToolDirectory.parse(bytes, displayPath: path), spec.name != item.name {
                problems.append(LibraryProblem(path: path, message: "defines the tool '\(spec.name)'; rename the file to tools/\(spec.name).yaml (a prefix keeps tools by name)"))
            }
        }
        problems += try LibraryValidator.validate(files: unchecked).problems
        problems += try Self.policyFindings(files, policy: policy)
        guard !problems.isEmpty else {
            valid.insert(checkedSkills)
            try? valid.save()
            return
        }
        let lines = problems.sorted { $0.path < $1.path }.map { "  \($0)" }
        throw SyncError(.failed, "\(problems.count) problem(s) in what would be written; nothing was written — fix them and commit:\n" + lines.joined(separator: "\n"))
    }

    /// What `policy` finds in the skill files among `files`, on every core.
    static func policyFindings(_ files: [String: [UInt8]], policy: SkillPolicy) throws -> [LibraryProblem] {
        guard !policy.isEmpty else { return [] }
        let skills = files.filter { ItemPath(libraryPath: $0.key)?.kind == .skill }.map { (path: $0.key, bytes: $0.value) }
        return skills.concurrentMap { policy.findings(in: $0.bytes, path: $0.path) }.flatMap { $0 }
    }

    /// The Redis value of a skill or tool file: the skill JSON py-code-mode reads, or the JSON
    /// of the tool's YAML mapping. (requirements.txt becomes set members instead.)
    static func storedValue(of item: ItemPath, _ bytes: [UInt8]) throws -> [UInt8] {
        switch item.kind {
        case .skill:
            return SkillWireFormat.encode(try Skill(name: SkillName(validating: item.name), source: String(decoding: bytes, as: UTF8.self)))
        case .tool:
            switch ToolDirectory.parse(bytes, displayPath: item.path) {
            case .success(let spec): return Array(PythonJSONEncoder().encode(spec.raw).utf8)
            case .failure(let problem): throw SyncError(.failed, "\(problem)")
            }
        case .requirements:
            return bytes
        }
    }

    /// The message line of a pushed state that names the commit pushed (its second parent,
    /// unless that commit was the snapshot itself).
    static let deployedTrailer = "Deployed-commit: "

    /// The message lines of a pushed state that say how each gate ended.
    static let gateTrailer = "Gate: "

    static func key(of item: ItemPath, in keys: RedisKeys) -> String {
        switch item.kind {
        case .skill: "\(keys.skills)[\(item.name)]"
        case .tool: "\(keys.tools)[\(item.name)]"
        case .requirements: keys.deps
        }
    }

    /// After the prefix was written: a snapshot commit whose tree is the prefix's new content
    /// (inside the pushed commit's tree) and whose parents are the previous snapshot and the
    /// pushed commit, so the next status finds the pushed commit as the base.
    private func recordPushedState(_ environment: Environment, request: PushRequest, snapshot: ObjectID?,
                                   snapshotItems: [ItemPath: ObjectID], hereBlobs: [ItemPath: ObjectID],
                                   hereTree: ObjectID, written: [ItemPath]) throws -> ObjectID {
        var items = snapshotItems
        for item in written { items[item] = hereBlobs[item] }
        let tree = try self.tree(hereTree, withItems: items)
        let title: String
        switch request.kind {
        case .push: title = "push \(environment.name): \(request.commit.hex.prefix(12))"
        case .promote(let stage): title = "promote \(environment.name): \(request.commit.hex.prefix(12)) from \(stage)"
        case .rollback(let revision): title = "rollback \(environment.name) to \(revision) (\(request.commit.hex.prefix(12)))"
        }
        let lines = written.map { "  \(hereBlobs[$0] == nil ? "deleted" : "wrote") \($0.path)\n" }
        let gates = request.gates.map { "\(Self.gateTrailer)\($0.summary)\n" }.joined()
        let message = "\(title), \(written.count) item(s) written\n" + (lines.isEmpty ? "" : "\n" + lines.prefix(200).joined())
            + "\n" + gates + "\(Self.deployedTrailer)\(request.commit.hex)\n"
        let parents = snapshot.map { $0 == request.commit ? [$0] : [$0, request.commit] } ?? [request.commit]
        return try repository.commit(tree: tree, parents: parents, message: message, updatingRef: environment.trackingRef,
                                     author: Signature(name: "codemode", email: environment.snapshotAuthorEmail))
    }
}

extension SyncLibrary {
    /// The commit deployed in `stage` and when it was deployed, from its sync record; nil
    /// when nothing is recorded there. What the soak gate measures.
    public func deployment(in stage: Environment) throws -> (commit: ObjectID, time: Date)? {
        let storage = try connect(stage)
        guard case .array(let fields) = try storage.connection.command("HMGET", storage.keys.syncRecord, "commit", "time"), fields.count == 2,
              case .string(let commit) = fields[0], case .string(let time) = fields[1],
              let id = ObjectID(hex: String(decoding: commit, as: UTF8.self)),
              let date = ISO8601DateFormatter().date(from: String(decoding: time, as: UTF8.self)) else { return nil }
        return (id, date)
    }

    /// The commit `stage`'s sync record says is deployed there, which must be in this
    /// repository: what `promote` pushes into the next stage.
    public func deployedCommit(in stage: Environment) throws -> ObjectID {
        // Only the deployed commit, not the record's thousands of item hashes.
        let storage = try connect(stage)
        let reply = try storage.connection.command("HGET", storage.keys.syncRecord, "commit")
        guard case .string(let text) = reply, let commit = ObjectID(hex: String(decoding: text, as: UTF8.self)) else {
            throw SyncError(.failed, "'\(stage.name)' has no deployed commit (no sync record in its prefix); push to \(stage.name) first")
        }
        guard try repository.contains(commit) else {
            throw SyncError(.failed, "\(stage.name) runs commit \(commit.hex.prefix(12)), which this repository lacks; fetch it first (git fetch), then promote again")
        }
        return commit
    }
}
