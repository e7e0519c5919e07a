import Foundation

/// The files `codemode init` and `codemode skill new` start from. They live in this folder
/// as plain files, so they can be read and edited as what they are, and are compiled into
/// the binary, so an installed `codemode` needs nothing beside it.
public enum Templates {
    /// A new skill; `{{name}}` and `{{description}}` are filled in.
    public static var skill: String { text(PackageResources.skill_py) }
    /// The example skill of a new library.
    public static var sampleSkill: String { text(PackageResources.sample_skill_py) }
    /// The tests of a new skill (`tests/test_<name>.py`); `{{name}}` is filled in.
    public static var skillTest: String { text(PackageResources.test_skill_py) }
    /// The tests of the example skill.
    public static var sampleSkillTest: String { text(PackageResources.test_sample_skill_py) }
    public static var settings: String { text(PackageResources.codemode_yaml) }
    public static var gitignore: String { text(PackageResources.gitignore) }
    public static var requirements: String { text(PackageResources.requirements_txt) }
    /// A new command-line tool; `{{name}}` and `{{description}}` are filled in.
    public static var tool: String { text(PackageResources.tool_yaml) }

    /// `template` with each `{{key}}` replaced by its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { text, entry in text.replacingOccurrences(of: "{{\(entry.key)}}", with: entry.value) }
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
