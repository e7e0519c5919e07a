import CodeModeGit
import Foundation

/// CodeMode's record of the last push into a prefix, the hash `P:codemode:sync` (DESIGN.md
/// §2), written in the same atomic step as the items: the deployed commit, its tree, when,
/// who, with which tool, and each item's identity as it was pushed. It lets any clone that
/// has the deployed commit find the base, and anyone see drift without it.
public struct SyncRecord: Hashable, Sendable {
    public var commit: ObjectID
    public var tree: ObjectID
    public var time: String
    public var who: String
    public var tool: String
    /// The library folder inside the repository the commit belongs to ("" at the root).
    public var folder: String
    /// Item path → identity, as pushed.
    public var items: [String: ObjectID]

    static let itemFieldPrefix = "item:"

    /// Reads the record from its hash entries; nil when there is none or it is not CodeMode's.
    init?(entries: [(field: [UInt8], value: [UInt8])]) {
        var fields: [String: String] = [:]
        var items: [String: ObjectID] = [:]
        for (field, value) in entries {
            let name = String(decoding: field, as: UTF8.self)
            let text = String(decoding: value, as: UTF8.self)
            if name.hasPrefix(Self.itemFieldPrefix) {
                if let id = ObjectID(hex: text) { items[String(name.dropFirst(Self.itemFieldPrefix.count))] = id }
            } else {
                fields[name] = text
            }
        }
        guard let commit = fields["commit"].flatMap(ObjectID.init(hex:)),
              let tree = fields["tree"].flatMap(ObjectID.init(hex:)) else { return nil }
        self.init(commit: commit, tree: tree, time: fields["time"] ?? "", who: fields["who"] ?? "",
                  tool: fields["tool"] ?? "", folder: fields["folder"] ?? "", items: items)
    }

    init(commit: ObjectID, tree: ObjectID, time: String, who: String, tool: String, folder: String, items: [String: ObjectID]) {
        self.commit = commit
        self.tree = tree
        self.time = time
        self.who = who
        self.tool = tool
        self.folder = folder
        self.items = items
    }

    /// The fields other than items, as written.
    var headerFields: [(String, String)] {
        [("format", "1"), ("commit", commit.hex), ("tree", tree.hex), ("time", time), ("who", who), ("tool", tool), ("folder", folder)]
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
