import CodeModeCore

/// The skills of a folder that are fit to be written elsewhere: readable by the Swift reader
/// and accepted by Python's own compiler (one batch for the whole folder).
public enum SyntaxCheckedSkills {
    public static func read(folder: String) throws -> SkillListing {
        var listing = try SkillFolder.readSkills(in: folder, displayPrefix: folder.hasSuffix("/") ? folder : folder + "/")
        let errors = try SyntaxCheck.check(listing.skills.map(\.source))
        var valid: [Skill] = []
        for (skill, error) in zip(listing.skills, errors) {
            if let error {
                listing.problems.append(LibraryProblem(path: "\(folder)/\(skill.name).py", line: error.line, column: error.column,
                                                       message: "syntax error: \(error.message)"))
            } else {
                valid.append(skill)
            }
        }
        listing.skills = valid
        return listing
    }
}
