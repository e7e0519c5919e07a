import CodeModeCore
import Foundation

/// A library seen through another storage without changing it: skills, tools and
/// dependencies are read from `library`, every change to them is refused, and artifacts live
/// in a folder of their own (a temporary one, for tests), so nothing the code saves reaches the
/// library's real artifacts. What `codemode test` runs tests against.
public final class ReadOnlyLibrary: StorageBackend {
    private let library: any StorageBackend
    private let artifacts: FileStorage
    private let reason: String

    /// `reason` says why changes are refused and what to do instead.
    public init(_ library: any StorageBackend, artifactsIn folder: URL, reason: String) {
        self.library = library
        artifacts = FileStorage(base: folder)
        self.reason = reason
    }

    public var location: String { library.location }
    public var readOnlyReason: String? { reason }

    public func listSkills() throws -> SkillListing { try library.listSkills() }
    public var skillsVersion: Int? { library.skillsVersion }
    public func skill(named name: SkillName) throws -> Skill? { try library.skill(named: name) }
    public func skillLocation(_ name: SkillName) -> String { library.skillLocation(name) }

    public func saveSkill(_ name: SkillName, source: String, description: String?, replacing: Bool) throws -> SkillSaveOutcome {
        throw StorageError(.invalidInput, "skill '\(name)' cannot be saved: \(reason)")
    }

    public func deleteSkill(named name: SkillName) throws -> Bool {
        throw StorageError(.invalidInput, "skill '\(name)' cannot be deleted: \(reason)")
    }

    public func saveArtifact(_ name: ArtifactName, value: ArtifactValue, description: String, metadata: [JSONMember]) throws -> ArtifactRecord {
        try artifacts.saveArtifact(name, value: value, description: description, metadata: metadata)
    }

    public func loadArtifact(_ name: ArtifactName) throws -> ArtifactValue { try artifacts.loadArtifact(name) }
    public func artifact(named name: ArtifactName) throws -> ArtifactRecord? { try artifacts.artifact(named: name) }
    public func listArtifacts() throws -> [ArtifactRecord] { try artifacts.listArtifacts() }
    public func deleteArtifact(_ name: ArtifactName) throws -> Bool { try artifacts.deleteArtifact(name) }

    public func listDependencies() throws -> DependencyListing { try library.listDependencies() }

    public func addDependency(_ spec: DependencySpec) throws -> Bool {
        throw StorageError(.invalidInput, "the dependency '\(spec.text)' cannot be added: \(reason)")
    }

    public func removeDependency(named name: String) throws -> Bool {
        throw StorageError(.invalidInput, "the dependency '\(name)' cannot be removed: \(reason)")
    }

    public func listTools() throws -> ToolListing { try library.listTools() }
}
