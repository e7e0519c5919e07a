import CodeModeCore
import Foundation

/// One skill library, wherever it lives: a folder (FileStorage) or a Redis prefix.
/// Sessions, the store commands and the CLI work through this protocol only.
public protocol StorageBackend: AnyObject {
    /// Where the library is, for messages: a folder path or a Redis URL and prefix.
    var location: String { get }

    // MARK: Skills

    /// Every readable skill, sorted by name, and a problem for each entry that cannot be read.
    func listSkills() throws -> SkillListing
    /// The skill, or nil when there is none of that name. Throws when it exists but is broken.
    func skill(named name: SkillName) throws -> Skill?
    /// Saves a skill. A description the source does not carry is written into the source as
    /// its module docstring, so the stored skill is the whole truth.
    func saveSkill(_ name: SkillName, source: String, description: String?, replacing: Bool) throws -> SkillSaveOutcome
    /// Deletes a skill; false when there was none.
    func deleteSkill(named name: SkillName) throws -> Bool
    /// Where a skill lives, for messages: `skills/<name>.py`, or `P:skills:__skills__[<name>]`.
    func skillLocation(_ name: SkillName) -> String

    // MARK: Artifacts

    func saveArtifact(_ name: ArtifactName, value: ArtifactValue, description: String, metadata: [JSONMember]) throws -> ArtifactRecord
    func loadArtifact(_ name: ArtifactName) throws -> ArtifactValue
    func artifact(named name: ArtifactName) throws -> ArtifactRecord?
    func listArtifacts() throws -> [ArtifactRecord]
    func deleteArtifact(_ name: ArtifactName) throws -> Bool

    // MARK: Dependencies

    func listDependencies() throws -> DependencyListing
    /// Adds a spec, replacing any entry with the same base name; false when it was already there.
    func addDependency(_ spec: DependencySpec) throws -> Bool
    /// Removes the entry with this base name; false when there was none.
    func removeDependency(named name: String) throws -> Bool

    // MARK: Tools

    func listTools() throws -> ToolListing

    /// Why the library cannot be changed here (skills, tools, dependencies), or nil when it can.
    var readOnlyReason: String? { get }

    /// Names the skills `listSkills()` last returned: equal numbers, equal listings. Nil when
    /// the storage cannot tell, and every listing must be taken as new.
    var skillsVersion: Int? { get }
}

extension StorageBackend {
    public var readOnlyReason: String? { nil }
    public var skillsVersion: Int? { nil }
}

/// What `listSkills()` found.
public struct SkillListing: Sendable {
    public var skills: [Skill]
    public var problems: [LibraryProblem]

    public init(skills: [Skill], problems: [LibraryProblem]) {
        self.skills = skills
        self.problems = problems
    }
}

/// What `saveSkill` did.
public struct SkillSaveOutcome: Sendable {
    public enum Change: String, Sendable {
        case created, updated, unchanged
    }

    public var change: Change
    /// The skill as stored, its description in its source.
    public var skill: Skill
}

public struct DependencyListing: Sendable {
    public var specs: [DependencySpec]
    public var problems: [LibraryProblem]
}

public struct ToolListing: Sendable {
    public var tools: [ToolSpec]
    public var problems: [LibraryProblem]
}
