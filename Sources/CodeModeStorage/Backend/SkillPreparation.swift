import CodeModeCore

/// Turns what a caller wants to save into the skill that is stored, or refuses it.
/// Every backend saves through here, so every side enforces the same rules.
enum SkillPreparation {
    /// Checks the source with Python's parser, writes `description` into it as the module
    /// docstring when the source does not already carry it, and reads the result.
    static func prepare(_ name: SkillName, source: String, description: String?) throws -> Skill {
        if let syntaxError = try SyntaxCheck.check([source]).first ?? nil {
            throw StorageError(.invalidInput, "skill '\(name)': syntax error at line \(syntaxError.line), column \(syntaxError.column): \(syntaxError.message) — fix the source and try again")
        }
        do {
            var finalSource = source
            if let description, !description.isEmpty {
                finalSource = try ModuleDocstringWriter.setting(description: description, in: source)
            }
            return try Skill(name: name, source: finalSource)
        } catch let error as SkillSourceError {
            throw StorageError(.invalidInput, "skill '\(name)': \(error.message)")
        }
    }
}
