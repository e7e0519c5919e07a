import CodeModeCore
import CodeModeGit
import Foundation

/// A read-only view of the library as a git revision has it (`--rev review/x`): run a review
/// branch's skills before merging it. Skills, tools and dependencies come from the commit and
/// cannot be changed here; artifacts, which are run-time data and not part of the library's
/// history, live in the library folder as usual.
public final class GitRevisionStorage: StorageBackend {
    public let revision: String
    private let git: GitLibrary
    /// Library-relative path → blob id, in the commit.
    private let files: [String: ObjectID]
    private let artifacts: FileStorage

    /// The library at `base` as of `revision` (a branch, a tag, a commit, `HEAD~2`...).
    /// - Throws: ``StorageError`` of kind `notFound` when `revision` names no commit.
    public init(base: URL, revision: String) throws {
        guard let git = try GitLibrary.find(base: base) else {
            throw StorageError(.invalidInput, "\(base.path) is not in a git repository, so --rev \(revision) has nothing to read; run `codemode init` or `git init`")
        }
        let commit: ObjectID
        do {
            commit = try git.repository.resolve(revision: revision)
        } catch {
            let shown = NameLength.shortened(revision)
            let repository = git.repository.workTree?.path ?? base.path
            switch error {
            case GitError.Code.ambiguous:
                throw StorageError(.notFound, "--rev \(shown) is ambiguous in \(repository); give more of the commit id or the full ref (refs/heads/…)")
            case GitError.Code.peel:
                throw StorageError(.notFound, "--rev \(shown) names no commit in \(repository) (a tree or blob?); give a branch, tag or commit")
            default:
                throw StorageError(.notFound, "--rev \(shown) names no branch, tag or commit in \(repository); see git branch -a, git tag or git log")
            }
        }
        self.git = git
        self.revision = revision
        files = try git.repository.files(inTree: git.repository.tree(ofCommit: commit), under: git.folder)
        artifacts = FileStorage(base: base)
    }

    public var location: String { "\(artifacts.location) at \(revision)" }

    /// The revision's files inside the library folder whose path passes `isWanted`, sorted by
    /// path: what else the library holds there (its tests).
    public func files(where isWanted: (String) -> Bool) throws -> [(path: String, bytes: [UInt8])] {
        try files.keys.filter(isWanted).sorted().map { ($0, try git.repository.readBlob(files[$0]!)) }
    }

    // MARK: Skills

    public func listSkills() throws -> SkillListing {
        var listing = SkillListing(skills: [], problems: [])
        let names = files.keys.filter(Self.isSkillFile).sorted()
        for path in names {
            switch try read(path) {
            case .success(let skill): listing.skills.append(skill)
            case .failure(let problem): listing.problems.append(problem)
            }
        }
        return listing
    }

    public func skill(named name: SkillName) throws -> Skill? {
        let path = "skills/\(name).py"
        guard files[path] != nil else { return nil }
        switch try read(path) {
        case .success(let skill): return skill
        case .failure(let problem): throw StorageError(.corrupt, problem.description)
        }
    }

    public func saveSkill(_ name: SkillName, source: String, description: String?, replacing: Bool) throws -> SkillSaveOutcome {
        throw readOnly("skill '\(name)' cannot be saved")
    }

    public func deleteSkill(named name: SkillName) throws -> Bool {
        throw readOnly("skill '\(name)' cannot be deleted")
    }

    /// `review/x:skills/name.py`, as git names a file in a revision.
    public func skillLocation(_ name: SkillName) -> String { "\(revision):skills/\(name).py" }

    private func read(_ path: String) throws -> Result<Skill, LibraryProblem> {
        guard let id = files[path] else { return .failure(LibraryProblem(path: path, message: "not in \(revision)")) }
        let bytes = try git.repository.readBlob(id)
        return SkillFolder.skill(fileName: String(path.dropFirst("skills/".count)), bytes: bytes, displayPath: "\(revision):\(path)")
    }

    private static func isSkillFile(_ path: String) -> Bool {
        guard path.hasPrefix("skills/") else { return false }
        let name = path.dropFirst("skills/".count)
        return !name.contains("/") && SkillFolder.isSkillFileName(name)
    }

    // MARK: Artifacts (the library folder's)

    public func saveArtifact(_ name: ArtifactName, value: ArtifactValue, description: String, metadata: [JSONMember]) throws -> ArtifactRecord {
        try artifacts.saveArtifact(name, value: value, description: description, metadata: metadata)
    }

    public func loadArtifact(_ name: ArtifactName) throws -> ArtifactValue { try artifacts.loadArtifact(name) }

    public func artifact(named name: ArtifactName) throws -> ArtifactRecord? { try artifacts.artifact(named: name) }

    public func listArtifacts() throws -> [ArtifactRecord] { try artifacts.listArtifacts() }

    public func deleteArtifact(_ name: ArtifactName) throws -> Bool { try artifacts.deleteArtifact(name) }

    // MARK: Dependencies and tools

    public func listDependencies() throws -> DependencyListing {
        guard let id = files["requirements.txt"] else { return DependencyListing(specs: [], problems: []) }
        let file = RequirementsFile(text: String(decoding: try git.repository.readBlob(id), as: UTF8.self))
        return DependencyListing(specs: file.specs, problems: file.problems.map {
            LibraryProblem(path: "\(revision):requirements.txt", line: $0.line, message: $0.reason)
        })
    }

    public func addDependency(_ spec: DependencySpec) throws -> Bool {
        throw readOnly("the dependency '\(spec.text)' cannot be added")
    }

    public func removeDependency(named name: String) throws -> Bool {
        throw readOnly("the dependency '\(name)' cannot be removed")
    }

    public func listTools() throws -> ToolListing {
        let toolFiles = files.filter { $0.key.hasPrefix("tools/") && !$0.key.dropFirst(6).contains("/") }
        let loaded = ToolDirectory.load(files: toolFiles.map { path, id in
            (name: String(path.dropFirst(6)), content: Result { try git.repository.readBlob(id) }.mapError {
                ToolProblem(path: "\(revision):\(path)", line: nil, message: "cannot read: \($0)")
            })
        }, folder: "\(revision):tools")
        return ToolListing(tools: loaded.tools, problems: loaded.problems.map {
            LibraryProblem(path: $0.path, line: $0.line, message: $0.message)
        })
    }

    public var readOnlyReason: String? {
        "--rev \(revision) is a read-only view of a git revision; commit the change on that branch, or run the session on the library folder or a Redis prefix"
    }

    private func readOnly(_ what: String) -> StorageError {
        StorageError(.invalidInput, "\(what): \(readOnlyReason ?? "")")
    }
}
