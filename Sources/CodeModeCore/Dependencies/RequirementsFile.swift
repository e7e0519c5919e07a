/// A `requirements.txt` file edited line by line, so comments, blank lines, order and
/// lines CodeMode cannot use all survive a rewrite.
///
/// Each line is stripped; blank lines and `#` comments are not entries. As in pip, an
/// inline comment (`#` at the start or after whitespace, `numpy>=1.26  # pinned`) is cut
/// off before the spec is validated, and kept when the line is rewritten by ``add(_:)``.
/// Lines that fail validation are kept as they are and reported in ``problems``.
public struct RequirementsFile: Sendable {
    private var lines: [Line]

    /// Parses `text`; never fails — invalid lines are reported by ``problems``.
    public init(text: String) {
        var rawLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if rawLines.last?.isEmpty == true {
            rawLines.removeLast()   // the final line break ends the last line, it starts no new one
        }
        lines = rawLines.map { Line(String($0)) }
    }

    /// The file contents: the lines joined with `\n`, ending with `\n` unless there are none.
    public var text: String {
        lines.isEmpty ? "" : lines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// The valid entries in file order; a later entry for a package already listed is
    /// left out (and reported in ``problems``).
    public var specs: [DependencySpec] {
        review().specs
    }

    /// Lines that are not usable entries: invalid specs and repeated packages.
    public var problems: [RequirementsProblem] {
        review().problems
    }

    /// Adds `spec`, replacing the first entry for the same package in place and removing
    /// any later ones; appends when the package is not listed.
    ///
    /// - Returns: false (and leaves the file unchanged) when the package is already listed
    ///   once with exactly this spec.
    @discardableResult
    public mutating func add(_ spec: DependencySpec) -> Bool {
        let matching = lines.indices.filter { lines[$0].spec?.baseName == spec.baseName }
        guard let first = matching.first else {
            lines.append(Line(spec: spec, comment: ""))
            return true
        }
        if matching.count == 1, lines[first].spec == spec {
            return false
        }
        lines[first] = Line(spec: spec, comment: lines[first].comment)
        for index in matching.dropFirst().reversed() {
            lines.remove(at: index)
        }
        return true
    }

    /// Removes every entry whose base name matches `name` (normalized as specs are, so
    /// `REQUESTS` removes `requests[socks]>=2`).
    ///
    /// - Returns: true when at least one line was removed.
    @discardableResult
    public mutating func remove(named name: String) -> Bool {
        let baseName = DependencySpec.baseName(of: name)
        guard !baseName.isEmpty else { return false }
        let before = lines.count
        lines.removeAll { $0.spec?.baseName == baseName }
        return lines.count != before
    }

    private func review() -> (specs: [DependencySpec], problems: [RequirementsProblem]) {
        var specs: [DependencySpec] = []
        var problems: [RequirementsProblem] = []
        var firstLineOfPackage: [String: Int] = [:]
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            switch line.kind {
            case .passive:
                continue
            case .invalid(let reason):
                problems.append(RequirementsProblem(line: number, text: line.trimmed, reason: reason))
            case .entry(let spec):
                if let earlier = firstLineOfPackage[spec.baseName] {
                    let reason = "'\(spec.baseName)' is already listed on line \(earlier); keep one line per package"
                    problems.append(RequirementsProblem(line: number, text: line.trimmed, reason: reason))
                } else {
                    firstLineOfPackage[spec.baseName] = number
                    specs.append(spec)
                }
            }
        }
        return (specs, problems)
    }
}

/// A line of a requirements file that CodeMode cannot use.
public struct RequirementsProblem: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The line, trimmed of surrounding whitespace.
    public var text: String
    /// What is wrong and what to do.
    public var reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }

    /// `line 3: '<text>': <reason>`.
    public var description: String {
        "line \(line): '\(text.escapingControlCharacters())': \(reason)"
    }
}

extension RequirementsFile {
    /// The specs of a requirements file at `path` (its `text`, when there is one) followed by
    /// `extra` specs (`--deps`), with the problems of both, each naming where it came from.
    public static func specs(text: String?, path: String, adding extra: [String]) -> (specs: [DependencySpec], problems: [LibraryProblem]) {
        let file = text.map(RequirementsFile.init(text:))
        var specs = file?.specs ?? []
        var problems = file?.problems.map { LibraryProblem(path: path, line: $0.line, message: $0.reason) } ?? []
        for spec in extra {
            do {
                specs.append(try DependencySpec(validating: spec))
            } catch {
                problems.append(LibraryProblem(path: "--deps", message: "\(error)"))
            }
        }
        return (specs, problems)
    }
}
