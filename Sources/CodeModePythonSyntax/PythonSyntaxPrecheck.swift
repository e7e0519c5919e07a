/// A conservative, pure-Swift pre-check for Python source.
///
/// It answers `.compiles` only when it is certain that CPython 3.9–3.13 accepts the source
/// with `compile(source, "<skill>", "exec", dont_inherit=True)`; every doubt (an unsupported
/// construct, an unusual byte, a rule it does not model) yields `.needsPython`, so the caller
/// asks Python itself, which also produces the real error message.
public enum PythonSyntaxPrecheck {
    public enum Verdict: Equatable, Sendable {
        case compiles
        case needsPython(reason: String)
    }

    /// Checks UTF-8 encoded source bytes.
    public static func check(_ source: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard let base = source.baseAddress, source.count > 0 else { return .compiles }
        do throws(Rejection) {
            guard !SourceBytes.startsWithByteOrderMark(base, count: source.count) else {
                throw Rejection(message: "unsupported: byte order mark", line: 1)
            }
            var parser = Parser(source: base, count: source.count)
            try parser.parseFile()
            return .compiles
        } catch {
            return .needsPython(reason: error.description)
        }
    }

    /// Checks a string, using its UTF-8 view without copying when it is contiguous.
    public static func check(_ source: String) -> Verdict {
        var source = source
        return source.withUTF8 { check($0) }
    }
}
