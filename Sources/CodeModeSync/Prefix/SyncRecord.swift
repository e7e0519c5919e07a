import CodeModeGit
import Foundation

/// CodeMode's record of the last push into a prefix, the hash `P:codemode:sync` (DESIGN.md
/// §2), written in the same atomic step as the items: the deployed commit, its tree, when,
/// who, with which tool, where, and each item's identity as it was pushed. It lets any clone that
/// has the deployed commit find the base, and anyone see drift without it.
public struct SyncRecord: Hashable, Sendable {
    public var commit: ObjectID
    public var tree: ObjectID
    public var time: String
    public var who: String
    public var tool: String
    /// The library folder inside the repository the commit belongs to ("" at the root).
    public var folder: String
    /// Where the record was written (`Environment.place`; "" in records older than the field):
    /// a record found elsewhere means the prefix was copied or the environment moved.
    public var place: String
    /// Item path → identity, as pushed.
    public var items: [String: ObjectID]
    /// Gate name → how it ended for `commit` (`passed`, `skipped (reason, by who)`).
    public var gates: [String: String] = [:]
    /// Commits that may not be deployed here again until unblocked → why, when, by whom.
    public var blocked: [ObjectID: String] = [:]
    /// The commits deployed before `commit`, newest first (at most `earlierLimit`): a clone
    /// that lacks the latest still finds a common history with it.
    public var earlier: [ObjectID] = []

    static let earlierLimit = 20

    static let itemFieldPrefix = "item:"
    static let gateFieldPrefix = "gate:"
    static let blockedFieldPrefix = "blocked:"

    /// Reads the record from its hash entries; nil when there is none or it is not CodeMode's.
    init?(entries: [(field: [UInt8], value: [UInt8])]) {
        var fields: [String: String] = [:]
        var items: [String: ObjectID] = [:]
        var gates: [String: String] = [:]
        var blocked: [ObjectID: String] = [:]
        for (field, value) in entries {
            let name = String(decoding: field, as: UTF8.self)
            let text = String(decoding: value, as: UTF8.self)
            if name.hasPrefix(Self.itemFieldPrefix) {
                if let id = ObjectID(hex: text) { items[String(name.dropFirst(Self.itemFieldPrefix.count))] = id }
            } else if name.hasPrefix(Self.gateFieldPrefix) {
                gates[String(name.dropFirst(Self.gateFieldPrefix.count))] = text
            } else if name.hasPrefix(Self.blockedFieldPrefix) {
                if let id = ObjectID(hex: String(name.dropFirst(Self.blockedFieldPrefix.count))) { blocked[id] = text }
            } else {
                fields[name] = text
            }
        }
        guard let commit = fields["commit"].flatMap(ObjectID.init(hex:)),
              let tree = fields["tree"].flatMap(ObjectID.init(hex:)) else { return nil }
        self.init(commit: commit, tree: tree, time: fields["time"] ?? "", who: fields["who"] ?? "",
                  tool: fields["tool"] ?? "", folder: fields["folder"] ?? "", place: fields["place"] ?? "", items: items)
        self.gates = gates
        self.blocked = blocked
        earlier = (fields["earlier"] ?? "").split(separator: " ").compactMap { ObjectID(hex: String($0)) }
    }

    init(commit: ObjectID, tree: ObjectID, time: String, who: String, tool: String, folder: String, place: String, items: [String: ObjectID]) {
        self.commit = commit
        self.tree = tree
        self.time = time
        self.who = who
        self.tool = tool
        self.folder = folder
        self.place = place
        self.items = items
    }

    /// The fields other than items, as written.
    var headerFields: [(String, String)] {
        [("format", "1"), ("commit", commit.hex), ("tree", tree.hex), ("time", time), ("who", who), ("tool", tool), ("folder", folder), ("place", place),
         ("earlier", earlier.map(\.hex).joined(separator: " "))]
            + gates.sorted { $0.key < $1.key }.map { (Self.gateFieldPrefix + $0.key, $0.value) }
    }

    /// The `earlier` of the record that replaces `previous` when `commit` is deployed.
    static func earlier(replacing previous: SyncRecord?, with commit: ObjectID) -> [ObjectID] {
        guard let previous else { return [] }
        var seen: Set<ObjectID> = [commit]
        return Array(([previous.commit] + previous.earlier).filter { seen.insert($0).inserted }.prefix(earlierLimit))
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
