import CodeModeCore
import CodeModeRedis
import Foundation

/// `codemode store pull` and `codemode store diff`: prefix → files, and the comparison of the
/// two. Both compare a stored skill by the file it stands for (its source with its
/// description written in), so a pull followed by a diff shows no change.
extension RedisStorage {
    /// The file content of every readable skill in the prefix, by name, and the problems of
    /// the entries that cannot be read.
    public func skillFiles() throws -> (files: [String: [UInt8]], problems: [LibraryProblem]) {
        let listing = try listSkills()
        var files: [String: [UInt8]] = [:]
        for skill in listing.skills { files[skill.name.rawValue] = Array(skill.source.utf8) }
        return (files, listing.problems)
    }

    /// Writes each skill of the prefix to `<folder>/<name>.py`. A file that exists with other
    /// content is a local edit: unless `force`, nothing at all is written and the edits are
    /// reported. Files without a skill in the prefix are left alone.
    public func pullSkills(into folder: String, force: Bool, progress: ProgressHandler? = nil) throws -> TransferReport {
        let (remote, problems) = try skillFiles()
        var report = TransferReport()
        report.problems = problems
        // One directory listing tells which files exist; only those are read and compared.
        let existing = Set(try SkillFolder.fileNames(in: folder))
        var writes: [(path: String, bytes: [UInt8], isNew: Bool)] = []
        for name in remote.keys.sorted() {
            let path = "\(folder)/\(name).py"
            let bytes = remote[name] ?? []
            guard existing.contains("\(name).py") else {
                report.added.append(name)
                writes.append((path, bytes, true))
                continue
            }
            switch try FileIO.read(path) {
            case bytes: report.unchanged.append(name)
            default: report.updated.append(name); writes.append((path, bytes, false))
            }
        }
        if !force && !report.updated.isEmpty {
            throw StorageError(.alreadyExists, "\(report.updated.count) file(s) in \(folder) differ from \(location) and would be overwritten: \(report.updated.prefix(10).map { "\($0).py" }.joined(separator: ", "))\(report.updated.count > 10 ? ", …" : "") — nothing was written; commit or move your edits, or pull with --force")
        }
        try FileIO.createDirectory(folder)
        // Files in chunks, each chunk spread over the cores, so progress can be shown between.
        let chunkSize = 1_000
        for start in stride(from: 0, to: writes.count, by: chunkSize) {
            progress?(start, writes.count)
            _ = try Array(writes[start..<min(start + chunkSize, writes.count)]).concurrentMap {
                // A new file is written in place, as git checkout does; a replaced one through a
                // temporary file, so nobody reads half of it.
                try $0.isNew ? FileIO.writeNew($0.bytes, to: $0.path) : FileIO.writeAtomically($0.bytes, to: $0.path)
            }
        }
        progress?(writes.count, writes.count)
        return report
    }

    /// The file each entry stands for, by name, without checking that it is a valid skill
    /// (diff compares content; `validate` judges it), and the entries that cannot be read at all.
    func storedFileContents() throws -> (files: [String: [UInt8]], problems: [LibraryProblem]) {
        let key = keys.skills
        let results = try mapSkillEntries { field, value -> (String, Result<[UInt8], LibraryProblem>) in
            let name = String(decoding: field, as: UTF8.self)
            do {
                return (name, .success(Array(try SkillWireFormat.fileContent(of: SkillWireFormat.decode(value)).utf8)))
            } catch {
                return (name, .failure(LibraryProblem(path: "\(key)[\(name)]", message: "\(error)")))
            }
        }
        var files: [String: [UInt8]] = [:]
        var problems: [LibraryProblem] = []
        for (name, result) in results {
            switch result {
            case .success(let bytes): files[name] = bytes
            case .failure(let problem): problems.append(problem)
            }
        }
        return (files, problems)
    }

    /// Compares the skill files of `folder` with the prefix.
    public func diffSkills(against folder: String) throws -> SkillDiff {
        // The local files are read on another thread while the prefix is fetched.
        let localResult = ResultSlots<Result<[String: [UInt8]], any Error>>(count: 1)
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            localResult.fill(0, with: Result {
                var local: [String: [UInt8]] = [:]
                for fileName in try SkillFolder.fileNames(in: folder) {
                    local[String(fileName.dropLast(3))] = try FileIO.read("\(folder)/\(fileName)") ?? []
                }
                return local
            })
        }
        let remoteResult = Result { try storedFileContents() }
        reading.wait()
        let (remote, problems) = try remoteResult.get()
        let local = try localResult.values[0]?.get() ?? [:]
        let entries = Set(remote.keys).union(local.keys).sorted().map { name -> SkillDiff.Entry in
            switch (local[name], remote[name]) {
            case (nil, _): SkillDiff.Entry(name: name, status: .onlyInStore)
            case (_, nil): SkillDiff.Entry(name: name, status: .onlyLocal)
            case let (here, there) where here == there: SkillDiff.Entry(name: name, status: .same)
            default: SkillDiff.Entry(name: name, status: .modified)
            }
        }
        return SkillDiff(entries: entries, problems: problems)
    }
}

/// How a folder of skill files and a prefix differ, skill by skill.
public struct SkillDiff: Sendable {
    public enum Status: String, Sendable {
        /// In the prefix only: created by an agent, or deleted here.
        case onlyInStore = "added"
        /// In the folder only: not pushed yet, or removed from the store.
        case onlyLocal = "removed"
        case modified
        case same
    }

    public struct Entry: Sendable {
        public var name: String
        public var status: Status
    }

    public var entries: [Entry]
    /// Entries of the prefix that cannot be read (reported, not compared).
    public var problems: [LibraryProblem]

    public var hasDifferences: Bool { entries.contains { $0.status != .same } || !problems.isEmpty }

    public var jsonValue: JSONValue {
        .object([
            JSONMember("skills", .array(entries.map {
                .object([JSONMember("name", .string($0.name)), JSONMember("status", .string($0.status.rawValue))])
            })),
            JSONMember("problems", .array(problems.map(\.jsonValue))),
        ])
    }
}
