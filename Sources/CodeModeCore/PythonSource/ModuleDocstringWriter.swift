/// Writes a skill's description into its source as the module docstring, so that the file
/// alone carries the description (COMPAT.md, Decisions: "The skill file is the whole truth").
public enum ModuleDocstringWriter {
    /// Returns `source` changed so that its derived description equals `description` (trimmed),
    /// or `source` unchanged when it already does (also when description is empty).
    ///
    /// An existing module docstring is replaced by one holding the description, a blank line and
    /// the old docstring's text, so nothing is lost; otherwise the docstring is inserted first,
    /// below a shebang line and an encoding declaration. A description of several lines is
    /// written whole; py-code-mode then derives its first line. Calling this again with the same
    /// description returns its result unchanged.
    ///
    /// Throws when `source` cannot be tokenized (unterminated string, unbalanced bracket); the
    /// source does not need a `run` function.
    public static func setting(description: String, in source: String) throws(SkillSourceError) -> String {
        let wanted = PythonWhitespace.stripped(description)
        guard !wanted.isEmpty else { return source }
        let bytes = Array(source.utf8)
        let scan = try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(SkillSourceError) in try SkillSourceScanner.scan(buffer) }
        }.get()
        guard !carries(wanted, scan) else { return source }
        let newline = lineBreak(of: bytes)

        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + wanted.utf8.count + 16)
        if let range = scan.moduleDocstringRange, let oldDocstring = scan.moduleDocstring {
            let kept = cleaned(oldDocstring)
            let text = kept.isEmpty ? wanted : wanted + "\n\n" + kept
            result += bytes[..<range.lowerBound]
            result += PythonDocstringLiteral.tripleQuoted(text, newline: newline).utf8
            result += bytes[range.upperBound...]
        } else {
            let header = bytes.withUnsafeBufferPointer(ModuleHeader.end(in:))
            let insertionPoint = header.offset
            result += bytes[..<insertionPoint]
            if header.needsLineBreak {
                result += newline.utf8
            }
            result += PythonDocstringLiteral.tripleQuoted(wanted, newline: newline).utf8
            result += newline.utf8
            let rest = bytes[insertionPoint...]
            if !rest.isEmpty && !startsWithBlankLine(rest) {
                result += newline.utf8
            }
            result += rest
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// True when the source's derived description is already `wanted`; for a description of
    /// several lines, when the module docstring already starts with all of it.
    private static func carries(_ wanted: String, _ scan: SkillSourceScan) -> Bool {
        guard wanted.unicodeScalars.contains("\n") else {
            return SkillSource.fileDescription(
                moduleDocstring: scan.moduleDocstring, runDocstring: scan.run?.docstring) == wanted
        }
        guard let docstring = scan.moduleDocstring.map(PythonWhitespace.stripped) else { return false }
        return docstring == wanted || docstring.unicodeScalars.starts(with: (wanted + "\n").unicodeScalars)
    }

    /// The old docstring tidied as `inspect.cleandoc` does (first line and common indentation
    /// removed, blank lines at both ends dropped), so it reads well under the new first line.
    private static func cleaned(_ docstring: String) -> String {
        var lines = docstring.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String.UnicodeScalarView($0) }
        guard !lines.isEmpty else { return "" }
        let isIndentation: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        let margin = lines.dropFirst()
            .filter { !$0.allSatisfy(PythonWhitespace.isWhitespace) }
            .map { $0.prefix(while: isIndentation).count }
            .min() ?? 0
        for index in lines.indices {
            if lines[index].allSatisfy(PythonWhitespace.isWhitespace) {
                lines[index] = String.UnicodeScalarView()
            } else if index == 0 {
                lines[index] = String.UnicodeScalarView(lines[index].drop(while: PythonWhitespace.isWhitespace))
            } else {
                lines[index] = String.UnicodeScalarView(lines[index].dropFirst(margin))
            }
        }
        let kept = lines.drop(while: \.isEmpty).reversed().drop(while: \.isEmpty).reversed()
        return kept.map(String.init).joined(separator: "\n")
    }

    /// The source's own line break (`\r\n` when its first line ends so), used for inserted lines.
    private static func lineBreak(of bytes: [UInt8]) -> String {
        guard let firstBreak = bytes.firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return "\n"
        }
        let isCRLF = bytes[firstBreak] == UInt8(ascii: "\r") && firstBreak + 1 < bytes.count
            && bytes[firstBreak + 1] == UInt8(ascii: "\n")
        return isCRLF ? "\r\n" : "\n"
    }

    /// True when the first line of `text` holds only spaces or tabs and ends with a line break.
    private static func startsWithBlankLine(_ text: ArraySlice<UInt8>) -> Bool {
        guard let firstVisible = text.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
            return false
        }
        return text[firstVisible] == UInt8(ascii: "\n") || text[firstVisible] == UInt8(ascii: "\r")
    }
}
