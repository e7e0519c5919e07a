extension RequirementsFile {
    /// One line of the file, kept verbatim unless it is rewritten.
    struct Line: Sendable {
        enum Kind: Sendable {
            /// A blank line or a comment.
            case passive
            case entry(DependencySpec)
            case invalid(reason: String)
        }

        /// The line as it will be written.
        var text: String
        var kind: Kind
        /// The inline comment with the whitespace before it (`"  # pinned"`), or "".
        var comment: String

        init(_ text: String) {
            self.text = text
            let (content, comment) = Self.splitComment(text)
            self.comment = comment
            let requirement = content.trimmingWhitespace()
            if requirement.isEmpty {
                kind = .passive
            } else {
                do {
                    kind = .entry(try DependencySpec(validating: requirement))
                } catch {
                    kind = .invalid(reason: error.reason)
                }
            }
        }

        init(spec: DependencySpec, comment: String) {
            text = spec.text + comment
            kind = .entry(spec)
            self.comment = comment
        }

        var spec: DependencySpec? {
            if case .entry(let spec) = kind { return spec }
            return nil
        }

        var trimmed: String { text.trimmingWhitespace() }

        /// Splits at pip's comment marker: `#` at the start of the line or after whitespace
        /// (`(^|\s+)#.*$`). A `#` inside a token (`pkg#x`) is not a comment; the spec check
        /// then refuses it.
        private static func splitComment(_ line: String) -> (content: Substring, comment: String) {
            var previous: Character?
            for index in line.indices {
                let character = line[index]
                if character == "#", previous == nil || previous?.isWhitespace == true {
                    let commentStart = line[..<index].lastIndex { !$0.isWhitespace }
                        .map { line.index(after: $0) } ?? line.startIndex
                    return (line[..<commentStart], String(line[commentStart...]))
                }
                previous = character
            }
            return (line[...], "")
        }
    }
}
