import CodeModeCore
import CodeModeStorage

/// The session's skills as the kernel sees them — their summaries, and the ranking that
/// search uses — kept while the storage says its listing has not changed
/// (`StorageBackend.skillsVersion`), so listing and searching 100,000 skills again costs
/// neither a new reading nor a new index.
final class SkillCatalog {
    let version: Int?
    let skills: [Skill]
    let summaries: [JSONValue]
    private var ranking: RelevanceRanking?

    init(_ skills: [Skill], version: Int?, summary: (Skill) -> JSONValue) {
        self.version = version
        self.skills = skills
        summaries = skills.map(summary)
    }

    /// The skills whose name, description or parameter names best match `query`.
    func search(_ query: String, limit: Int) -> [Skill] {
        let ranking = ranking ?? RelevanceRanking(skills.map { skill in
            RelevanceRanking.Document(name: skill.name.rawValue, text: [skill.description] + skill.parameters.map(\.name))
        })
        self.ranking = ranking
        return ranking.rank(query, limit: limit).map { skills[$0] }
    }
}
