/// How long skill, tool and artifact names may be, and how a long name is shown.
///
/// 128 characters is what py-code-mode allows for the names of its vector index documents
/// (`^[a-zA-Z_][a-zA-Z0-9_]*$`, ≤128), so every name CodeMode accepts can be indexed there
/// too. The bound also keeps file names, git tree entries and messages small: a name of
/// 70,000 characters once corrupted a snapshot tree.
public enum NameLength {
    /// The most characters (Unicode code points) a name may have.
    public static let maximum = 128

    /// Why `name` is too long for a `kind` name (`skill`, `tool`, `artifact`), or nil.
    public static func problem(with name: String, kind: String) -> String? {
        let length = name.unicodeScalars.count
        guard length > maximum else { return nil }
        return "the name is \(length) characters long; \(kind) names are at most \(maximum) characters"
    }

    /// `text` (a name, or a path made of one) as messages show it: whole up to `limit`
    /// characters (a valid name always is), else its first 48 characters and its length, so
    /// that no message line grows with a hostile name.
    public static func shortened(_ text: String, longerThan limit: Int = maximum) -> String {
        let length = text.unicodeScalars.count
        guard length > limit else { return text }
        var start = String.UnicodeScalarView()
        start.append(contentsOf: text.unicodeScalars.prefix(48))
        return "\(start)… (\(length) characters)"
    }
}
