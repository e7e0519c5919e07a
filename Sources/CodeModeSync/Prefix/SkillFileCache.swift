import CodeModeGit
import Foundation

/// Remembers, per repository, which skill file each stored skill value stands for: the blob
/// id of a value in `P:skills:__skills__` → the blob id of its file. With it a fetch hashes
/// each value and decodes and renders only the values it has not seen.
///
/// Kept in `.git/codemode/skill-files` as pairs of raw ids. Losing it costs time, never
/// correctness: a value it does not know is read and rendered again.
final class SkillFileCache {
    private let path: String
    /// Value blob id → file blob id.
    private(set) var files: [ObjectID: ObjectID] = [:]
    private var added = 0

    static let header = Array("codemode skill-files 1\n".utf8)
    /// Past this many entries the file is rewritten with only those in use.
    static let limit = 200_000

    init(folder: String) {
        path = (folder as NSString).appendingPathComponent("skill-files")
        guard let data = FileManager.default.contents(atPath: path), data.starts(with: Self.header) else { return }
        let body = data.dropFirst(Self.header.count)
        var offset = body.startIndex
        while offset + 40 <= body.endIndex {
            if let value = ObjectID(raw: body[offset..<offset + 20]), let file = ObjectID(raw: body[offset + 20..<offset + 40]) {
                files[value] = file
            }
            offset += 40
        }
    }

    func remember(value: ObjectID, file: ObjectID) {
        guard files[value] != file else { return }
        files[value] = file
        added += 1
    }

    /// Writes what was learned (atomically: a reader sees the old file or the new one).
    /// `inUse` are the values seen last; when the file grows past `limit`, only they are kept.
    func save(inUse: some Sequence<ObjectID>) throws {
        guard added > 0 else { return }
        if files.count > Self.limit {
            let kept = Set(inUse)
            files = files.filter { kept.contains($0.key) }
        }
        var data = Data(Self.header)
        data.reserveCapacity(Self.header.count + files.count * 40)
        for (value, file) in files {
            data.append(contentsOf: value.raw)
            data.append(contentsOf: file.raw)
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        added = 0
    }
}
