/// Why a skill's Python source could not be read, with the line and what to do about it.
public struct SkillSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No `run` function anywhere in the source.
        case missingRun
        /// The module-level `run` that counts (the last one) is a plain `def`.
        case syncRun
        /// `run` exists only inside a class or function.
        case runNotAtModuleLevel
        case unterminatedString
        case unbalancedBracket
        /// Nothing but whitespace and comments.
        case emptySource
    }

    public var kind: Kind
    /// 1-based line the problem is on; 0 when it belongs to no line.
    public var line: Int
    /// What is wrong and what to do, e.g. "run() must be 'async def', not 'def' (line 3): write 'async def run(...)'".
    public var message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    public var description: String { message }
}

extension SkillSourceError {
    static let emptySource = SkillSourceError(
        kind: .emptySource, line: 0,
        message: "the skill source is empty: write a module that defines 'async def run(...)'")

    static let missingRun = SkillSourceError(
        kind: .missingRun, line: 0,
        message: "no run() function found: define 'async def run(...)' at module level")

    static func syncRun(line: Int) -> SkillSourceError {
        SkillSourceError(
            kind: .syncRun, line: line,
            message: "run() must be 'async def', not 'def' (line \(line)): write 'async def run(...)'")
    }

    /// `enclosing` is the innermost enclosing definition, e.g. "class Foo" or "def helper".
    static func runNotAtModuleLevel(line: Int, enclosing: String) -> SkillSourceError {
        SkillSourceError(
            kind: .runNotAtModuleLevel, line: line,
            message: "run() is defined inside \(enclosing) (line \(line)); skills need 'async def run(...)' at module level: move it out")
    }

    static func unterminatedString(line: Int) -> SkillSourceError {
        SkillSourceError(
            kind: .unterminatedString, line: line,
            message: "unterminated string literal starting at line \(line): close it with the quote(s) that open it")
    }

    static func neverClosed(_ opener: UInt8, line: Int) -> SkillSourceError {
        let closer = PythonTokenizer.closer(of: opener)
        return SkillSourceError(
            kind: .unbalancedBracket, line: line,
            message: "'\(character(opener))' opened at line \(line) is never closed: add the matching '\(character(closer))'")
    }

    static func unexpectedCloser(_ closer: UInt8, line: Int) -> SkillSourceError {
        SkillSourceError(
            kind: .unbalancedBracket, line: line,
            message: "unmatched '\(character(closer))' at line \(line): remove it or add the bracket it closes")
    }

    static func mismatchedCloser(_ closer: UInt8, opener: UInt8, openerLine: Int, line: Int) -> SkillSourceError {
        let expected = PythonTokenizer.closer(of: opener)
        return SkillSourceError(
            kind: .unbalancedBracket, line: line,
            message: "'\(character(closer))' at line \(line) does not match '\(character(opener))' opened at line \(openerLine): close it with '\(character(expected))'")
    }

    private static func character(_ byte: UInt8) -> Character {
        Character(Unicode.Scalar(byte))
    }
}
