import CodeModeGit

/// How an item changed from the base to one side.
public enum ItemChange: String, Sendable, Hashable {
    case added, modified, deleted

    init?(from old: ObjectID?, to new: ObjectID?) {
        switch (old, new) {
        case (nil, nil): return nil
        case (nil, _): self = .added
        case (_, nil): self = .deleted
        case let (old?, new?): if old == new { return nil } else { self = .modified }
        }
    }
}

/// Where an item stands between the library (here) and an environment (there), from their
/// common base (DESIGN.md §2, the three-way table). Unchanged items have no state.
public enum ItemState: String, Sendable, Hashable {
    /// Changed here only: push writes it.
    case changedHere = "changed-here"
    /// Changed in the prefix only (an agent's new skill, a hot fix): push keeps it, pull takes it.
    case changedThere = "changed-there"
    /// Changed on both sides, differently: push refuses, pull merges.
    case conflict
    /// Changed on both sides to the same content.
    case sameChange = "same-change"
    /// Changed in the prefix since the last push, seen only through the sync record because
    /// this repository has no base commit for it; pull takes it like changed-there.
    case drift
}

/// One item's three-way state.
public struct ItemStatus: Sendable, Hashable {
    public var item: ItemPath
    public var state: ItemState
    public var here: ItemChange?
    public var there: ItemChange?
}

/// The base a three-way comparison starts from.
enum SyncBase {
    /// A commit: the merge base of the two sides, or the commit the sync record says was deployed.
    case commit(ObjectID)
    /// No base commit in this repository, but the prefix's sync record: its item identities.
    case record(SyncRecord)
    /// Neither: every item is new on the side that has it.
    case none

    var commit: ObjectID? {
        if case .commit(let id) = self { return id }
        return nil
    }
}

enum ThreeWay {
    /// The state of every item that differs from `base` on either side, sorted by path.
    /// With `thereIsDrift`, changes on the prefix side are drift (the base is the sync record).
    static func compare(base: [ItemPath: ObjectID], here: [ItemPath: ObjectID], there: [ItemPath: ObjectID],
                        thereIsDrift: Bool = false) -> [ItemStatus] {
        let items = Set(base.keys).union(here.keys).union(there.keys)
        return items.sorted().compactMap { item in
            let hereChange = ItemChange(from: base[item], to: here[item])
            let thereChange = ItemChange(from: base[item], to: there[item])
            let state: ItemState
            switch (hereChange, thereChange) {
            case (nil, nil): return nil
            case (_?, nil): state = .changedHere
            case (nil, _?): state = thereIsDrift ? .drift : .changedThere
            case (_?, _?): state = here[item] == there[item] ? .sameChange : .conflict
            }
            return ItemStatus(item: item, state: state, here: hereChange, there: thereChange)
        }
    }
}
