import CodeModeGit

extension SyncLibrary {
    /// Whether the prefix lost its data (DESIGN.md §2, "Hide a loss"): a key — the skills
    /// hash, the tools hash or the dependency set — that holds none of the items its last
    /// known state had there. The last state is the sync record's when the prefix still has
    /// one (its item hashes), else this repository's latest snapshot of the environment.
    /// Nothing known (a new prefix, a first fetch without a record) is never a loss.
    /// Items count by identity: an empty requirements.txt is no item, as an empty set is no key.
    func loss(in environment: Environment, content: PrefixContent, previous: ObjectID?) throws -> PrefixLoss? {
        let lastItems: [ItemPath]
        if let record = content.record {
            lastItems = record.items.keys.compactMap { ItemPath(libraryPath: $0) }
        } else {
            lastItems = try Array(items.identities(ofCommit: previous).keys)
        }
        var lostKinds: [ItemKind] = []
        for kind in [ItemKind.skill, .tool, .requirements] {
            let last = lastItems.filter { $0.kind == kind }
            guard !last.isEmpty else { continue }
            let holdsOne = kind == .requirements ? content.storedDependencyCount > 0 : last.contains { content.storedValueHashes[$0] != nil }
            if !holdsOne { lostKinds.append(kind) }
        }
        guard !lostKinds.isEmpty, let lastState = previous ?? content.record?.commit else { return nil }
        var loss = PrefixLoss(environment: environment.name, place: environment.place, kinds: lostKinds,
                              prefixIsEmpty: content.storedValueHashes.isEmpty && content.storedDependencyCount == 0,
                              lastState: lastState, deployed: try previous.flatMap(recordedDeployment(of:)) ?? content.record?.commit,
                              lastItemCount: lastItems.count, movedFrom: nil)
        if let record = content.record {
            if !record.place.isEmpty && record.place != environment.place { loss.movedFrom = record.place }
        } else if let previous {
            // Snapshot commits are authored by `ENV@place`: where that state was read.
            let email = try repository.commitInfo(previous).author.email
            let place = String(email.drop { $0 != "@" }.dropFirst())
            if email != environment.snapshotAuthorEmail && !place.isEmpty { loss.movedFrom = place }
        }
        return loss
    }

    /// The trailer of a fetched snapshot that names the commit the prefix's sync record said
    /// was deployed when it was read (a pushed state names it with `deployedTrailer`).
    static let recordTrailer = "Sync-record: "

    /// The commit deployed in the state `snapshot` records: the commit a push, promote,
    /// rollback or restore wrote, or the one the sync record named when a fetch read it.
    func recordedDeployment(of snapshot: ObjectID) throws -> ObjectID? {
        let message = try repository.commitInfo(snapshot).message
        for line in message.split(separator: "\n").reversed() {
            for trailer in [Self.deployedTrailer, Self.recordTrailer] where line.hasPrefix(trailer) {
                return ObjectID(hex: String(line.dropFirst(trailer.count)))
            }
        }
        return nil
    }
}
