import CodeModeCore
import Synchronization

/// The skills of a folder as last read, kept up to date by a ``SkillFolderWatch``: listing
/// them again reads only the files that changed since.
final class SkillFolderIndex {
    private let path: String
    private let displayPrefix: String
    private let watch: SkillFolderWatch
    /// File name → what it holds.
    private var entries: [String: Result<Skill, LibraryProblem>]
    private(set) var listing: SkillListing
    /// Changes with every change of `listing`, and differs between indexes.
    private(set) var version = SkillFolderIndex.nextVersion()

    /// Starts watching `path`, then reads every skill in it (so nothing that changes while it
    /// reads is missed); nil when the folder cannot be watched.
    init?(path: String, displayPrefix: String) throws {
        guard let watch = SkillFolderWatch(path: path) else { return nil }
        self.path = path
        self.displayPrefix = displayPrefix
        self.watch = watch
        let names = try SkillFolder.fileNames(in: path)
        let read = names.concurrentMap { SkillFolder.readSkill(at: "\(path)/\($0)", displayPath: displayPrefix + $0) }
        entries = Dictionary(uniqueKeysWithValues: zip(names, read))
        listing = Self.listing(names, entries)
    }

    /// The listing now; false when the changes cannot be told and everything must be read
    /// again (with a new index).
    func refresh() -> Bool {
        guard let changed = watch.changes() else { return false }
        let names = changed.filter { SkillFolder.isSkillFileName($0) }
        guard !names.isEmpty else { return true }
        for name in names {
            let file = "\(path)/\(name)"
            entries[name] = FileIO.exists(file) && !FileIO.isDirectory(file) ? SkillFolder.readSkill(at: file, displayPath: displayPrefix + name) : nil
        }
        listing = Self.listing(entries.keys.sorted(), entries)
        version = Self.nextVersion()
        return true
    }

    private static let versions = Atomic(0)

    private static func nextVersion() -> Int { versions.add(1, ordering: .relaxed).newValue }

    private static func listing(_ names: [String], _ entries: [String: Result<Skill, LibraryProblem>]) -> SkillListing {
        var listing = SkillListing(skills: [], problems: [])
        for name in names {
            switch entries[name] {
            case .success(let skill)?: listing.skills.append(skill)
            case .failure(let problem)?: listing.problems.append(problem)
            case nil: break
            }
        }
        return listing
    }
}
