import CodeModeGit
import Foundation

/// A set of blob ids kept in a file under `.git/codemode`, for what is worth remembering about
/// content: which skill files passed validation. The first line names what the set means
/// (with the tool version that built it); a file with another first line is ignored, so an
/// upgraded checker starts afresh. Losing the file costs time, never correctness.
final class BlobSetFile {
    private let path: String
    private let header: [UInt8]
    private var ids: Set<ObjectID> = []
    private var added = false

    init(folder: String, name: String, meaning: String) {
        path = (folder as NSString).appendingPathComponent(name)
        header = Array("\(meaning)\n".utf8)
        guard let data = FileManager.default.contents(atPath: path), data.starts(with: header) else { return }
        let body = data.dropFirst(header.count)
        var offset = body.startIndex
        while offset + 20 <= body.endIndex {
            if let id = ObjectID(raw: body[offset..<offset + 20]) { ids.insert(id) }
            offset += 20
        }
    }

    func contains(_ id: ObjectID) -> Bool { ids.contains(id) }

    func insert(_ new: some Sequence<ObjectID>) {
        for id in new where ids.insert(id).inserted { added = true }
    }

    /// Writes the set when it grew (atomically: readers see the old file or the new one).
    func save() throws {
        guard added else { return }
        var data = Data(header)
        data.reserveCapacity(header.count + ids.count * 20)
        for id in ids { data.append(contentsOf: id.raw) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        added = false
    }
}
