/// Reads a skill's Python source without running it (COMPAT.md §3.2–3.4): the docstrings,
/// the parameters of `async def run(...)` and the description py-code-mode would derive.
///
/// The full syntax check is Python's job; this reader only has to be right on valid code
/// and to fail cleanly (never crash or hang) on anything else.
public enum SkillSourceReader {
    /// Reads `source`; throws `SkillSourceError` when it holds no usable `async def run`
    /// at module level or cannot be tokenized.
    public static func read(_ source: String) throws(SkillSourceError) -> SkillSource {
        try read(utf8: source.utf8)
    }

    /// Reads source given as UTF-8 bytes (invalid UTF-8 is replaced in the strings it returns).
    /// Offsets in the result count from the collection's first byte.
    @inlinable
    public static func read(utf8 source: some Collection<UInt8>) throws(SkillSourceError) -> SkillSource {
        // Inlined into the caller, so that an Array or a String's bytes go straight to the reader.
        let contiguous = source.withContiguousStorageIfAvailable { bytes in
            Result { () throws(SkillSourceError) in try read(buffer: bytes) }
        }
        if let contiguous {
            return try contiguous.get()
        }
        return try Array(source).withUnsafeBufferPointer { bytes in
            Result { () throws(SkillSourceError) in try read(buffer: bytes) }
        }.get()
    }

    /// The description the module docstring gives (its stripped first line), from the first
    /// statement alone — a fraction of a full `read`. "" when there is none or the start does
    /// not tokenize; then only a full `read` can tell (the description may come from `run`).
    public static func moduleDescription(_ source: String) -> String {
        var source = source
        let docstring = source.withUTF8 { bytes in try? SkillSourceScanner.moduleDocstring(bytes) }
        return (docstring ?? nil).map(PythonWhitespace.summaryLine(of:)) ?? ""
    }

    @usableFromInline
    static func read(buffer: UnsafeBufferPointer<UInt8>) throws(SkillSourceError) -> SkillSource {
        let scan = try SkillSourceScanner.scan(buffer)
        if scan.isEmpty {
            throw .emptySource
        }
        guard let run = scan.run else {
            if let nested = scan.firstNestedRun {
                throw .runNotAtModuleLevel(line: nested.line, enclosing: nested.enclosing)
            }
            throw .missingRun
        }
        guard run.isAsync else { throw .syncRun(line: run.line) }
        return SkillSource(
            moduleDocstring: scan.moduleDocstring, moduleDocstringRange: scan.moduleDocstringRange,
            runDocstring: run.docstring, runLine: run.line, parameters: run.parameters)
    }
}
