import CodeModeCore
import CodeModeGit
import CodeModeStorage
import Foundation

/// What `restore` wrote back (or, with `dryRun`, would).
public struct RestoreResult: Sendable {
    public var environment: String
    /// The loss found before the restore.
    public var loss: PrefixLoss
    /// The state written back: the environment's latest snapshot here, or the deployed commit.
    public var state: ObjectID
    /// The commit deployed in that state, when known: what the sync record names afterwards.
    public var deployed: ObjectID?
    public var writes: [PlannedWrite]
    /// Items of the lost keys that were written since the loss: kept as they are.
    public var kept: [ItemPath]
    /// True when the sync record was gone and is written back.
    public var recordRestored: Bool
    public var dryRun: Bool
    /// The tracking ref after the restore (nil for dry runs).
    public var newSnapshot: ObjectID?
    /// Items of the state that cannot be turned back into values; left out.
    public var problems: [LibraryProblem]
    /// How the environment's gates ended on the deployed commit.
    public var gates: [GateResult] = []
}

extension SyncLibrary {
    /// `codemode restore ENV`: writes back, into each key of the prefix that lost its data,
    /// the items of the last known state — this repository's latest snapshot of the
    /// environment, or the deployed commit when the sync record survived a newer deployment —
    /// and the sync record when it was lost too, in one atomic compare-and-set step like a
    /// push. Anything written since the loss is kept. A skill py-code-mode wrote with its
    /// description beside the source gets back the value a fetch kept; every other value is
    /// written as a push writes it. The state's items were readable when they were read, so
    /// they are not validated again. `gates`: how the environment's gates ended on the state's
    /// deployed commit, kept in the restored sync record and the snapshot, as a push keeps them.
    public func restore(_ environment: Environment, dryRun: Bool = false, tool: String = "codemode", gates: [GateResult] = [],
                        attempts: Int = 5) throws -> RestoreResult {
        let storage = try connect(environment)
        var stale: [String] = []
        for _ in 1...max(1, attempts) {
            let fetched = try fetch(environment, from: storage, movingRef: false)
            guard let loss = fetched.result.loss else {
                throw SyncError(.failed, "nothing to restore: \(environment.name) holds items of its last state in every key")
            }
            let record = fetched.content.record
            let (state, deployed) = try stateToRestore(environment, previous: fetched.result.previous, record: record)
            let stateBlobs = try items.blobs(ofTree: repository.tree(ofCommit: state))
            var result = RestoreResult(environment: environment.name, loss: loss, state: state, deployed: deployed, writes: [], kept: [],
                                       recordRestored: record == nil && deployed != nil, dryRun: dryRun, newSnapshot: nil, problems: [],
                                       gates: gates)
            var write = PrefixWrite()
            write.expectedDeployment = record?.commit
            var restored: [ItemPath: ObjectID] = [:]
            var restoredFiles: [String: [UInt8]] = [:]
            let stateIdentities = try items.identities(of: stateBlobs)
            let valuesByFile = Dictionary(grouping: SkillFileCache(folder: cacheFolder).files, by: \.value).mapValues { $0.map(\.key) }
            // An item without identity (a requirements.txt with no specs) has no key to restore.
            for (item, blob) in stateBlobs.sorted(by: { $0.key < $1.key }) where loss.kinds.contains(item.kind) && stateIdentities[item] != nil {
                let present = item.kind == .requirements ? fetched.content.storedDependencyCount > 0 : fetched.content.storedValueHashes[item] != nil
                if present {
                    result.kept.append(item)
                    continue
                }
                let bytes = try repository.readBlob(blob)
                restoredFiles[item.path] = bytes
                switch item.kind {
                case .skill, .tool:
                    do {
                        let value = try verbatimValue(of: item, file: blob, among: valuesByFile) ?? Self.storedValue(of: item, bytes)
                        write.fields.append(PrefixWrite.FieldWrite(key: item.kind == .skill ? storage.keys.skills : storage.keys.tools,
                                                                   field: item.name, expected: nil, value: value, label: item.path))
                    } catch {
                        result.problems.append(LibraryProblem(path: item.path, message: "\(error)"))
                        continue
                    }
                case .requirements:
                    write.dependencies = PrefixWrite.SetWrite(expected: [], members: RequirementsFile(text: String(decoding: bytes, as: UTF8.self)).specs.map(\.text))
                }
                restored[item] = blob
                result.writes.append(PlannedWrite(item: item, change: .added, key: Self.key(of: item, in: storage.keys)))
            }
            // The environment's policy holds for what a restore writes, as for a push.
            let findings = try Self.policyFindings(restoredFiles, policy: environment.policy)
            if !findings.isEmpty {
                throw SyncError(.failed, "\(findings.count) policy finding(s) in the state to restore; nothing was written — fix them (codemode push --force writes a corrected commit):\n"
                                + findings.map { "  \($0)" }.joined(separator: "\n"))
            }
            if result.recordRestored, let deployed {
                var record = SyncRecord(commit: deployed, tree: try repository.tree(ofCommit: deployed), time: SyncRecord.timestamp(),
                                        who: "\(try repository.identity)", tool: tool, folder: folder, place: environment.place, items: [:])
                record.gates = Dictionary(gates.map { ($0.gate, $0.summary) }) { first, _ in first }
                // The record's items are what was pushed: the deployed commit's, not agents'.
                let pushed = try items.identities(ofCommit: deployed)
                write.recordFields = record.headerFields + pushed.sorted { $0.key < $1.key }.map { (SyncRecord.itemFieldPrefix + $0.key.path, $0.value.hex) }
            }
            if dryRun { return result }
            progress?("restoring \(environment.name)", 0, result.writes.count)
            if let changed = try write.apply(on: storage.connection, keys: storage.keys) {
                stale = changed
                continue
            }
            progress?("restoring \(environment.name)", result.writes.count, result.writes.count)
            // What agents wrote since the loss may be new to this repository.
            for (blob, bytes) in fetched.renderedFiles where try !repository.contains(blob) { try repository.writeBlob(bytes) }
            result.newSnapshot = try recordRestoredState(environment, result: result, gates: gates, previous: fetched.result.previous,
                                                         prefixItems: fetched.items.merging(restored) { _, restored in restored })
            return result
        }
        throw SyncError(.failed, "\(environment.name): items being restored kept changing in \(storage.location) (\(attempts) attempts, last: \(stale.prefix(10).joined(separator: ", "))); try again")
    }

    /// The value a fetch kept for a skill whose file is not its stored source (written by
    /// py-code-mode with a description beside it), when this repository has it.
    private func verbatimValue(of item: ItemPath, file: ObjectID, among valuesByFile: [ObjectID: [ObjectID]]) throws -> [UInt8]? {
        guard item.kind == .skill else { return nil }
        for value in valuesByFile[file] ?? [] where try repository.contains(value) {
            let bytes = try repository.readBlob(value)
            if (try? SkillWireFormat.decode(bytes).name) == item.name { return bytes }
        }
        return nil
    }

    /// The last known state and the commit deployed in it: the latest snapshot here, unless
    /// the surviving sync record names a deployment that snapshot does not know.
    private func stateToRestore(_ environment: Environment, previous: ObjectID?, record: SyncRecord?) throws -> (ObjectID, ObjectID?) {
        if let previous {
            let deployed = try recordedDeployment(of: previous)
            if record == nil || deployed == record?.commit { return (previous, deployed) }
        }
        guard let record else {
            throw SyncError(.failed, "nothing to restore \(environment.name) from: no snapshot of it here and no sync record there")
        }
        guard try repository.contains(record.commit) else {
            throw SyncError(.failed, "\(environment.name) last ran \(record.commit.hex.prefix(12)) (its sync record survived), which this clone lacks and has no snapshot of; get it with git fetch, then restore again")
        }
        return (record.commit, record.commit)
    }

    /// A snapshot commit of the restored prefix, after the previous one, so `log` shows the
    /// restore and the next status compares with what the prefix holds again.
    private func recordRestoredState(_ environment: Environment, result: RestoreResult, gates: [GateResult], previous: ObjectID?,
                                     prefixItems: [ItemPath: ObjectID]) throws -> ObjectID {
        let baseTree = try repository.tree(ofCommit: previous ?? result.state)
        let tree = try self.tree(baseTree, withItems: prefixItems)
        let lines = result.writes.prefix(200).map { "  wrote \($0.item.path)\n" }.joined()
        let trailers = gates.map { "\(Self.gateTrailer)\($0.summary)\n" }.joined()
            + (result.deployed.map { "\(Self.deployedTrailer)\($0.hex)\n" } ?? "")
        let message = "restore \(environment.name): \(result.writes.count) item(s) written from \(result.state.hex.prefix(12))\n"
            + (lines.isEmpty ? "" : "\n" + lines) + (trailers.isEmpty ? "" : "\n" + trailers)
        let snapshot = try repository.commit(tree: tree, parents: previous.map { [$0] } ?? [], message: message,
                                             author: Signature(name: "codemode", email: environment.snapshotAuthorEmail))
        guard try repository.reference(named: environment.trackingRef) == previous else {
            throw SyncError(.failed, "\(environment.trackingRef) moved during the restore (another codemode?); the prefix is restored — fetch to record it")
        }
        try repository.setReference(environment.trackingRef, to: snapshot, reflogMessage: message.prefix { $0 != "\n" }.description)
        return snapshot
    }
}
