/// Python typed at a console, line by line.
public enum PythonInput {
    /// Whether `text` leaves a statement open, so a console should read another line before
    /// running it: an open bracket, an open triple-quoted string or a final backslash, as the
    /// tokenizer finds them. Anything else that is wrong is for Python to report.
    public static func isOpen(_ text: String) -> Bool {
        if text.hasSuffix("\\") { return true }
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        return bytes.withUnsafeBufferPointer { buffer in
            var tokenizer = PythonTokenizer(buffer)
            do throws(SkillSourceError) {
                while try tokenizer.next().kind != .endOfFile {}
                return false
            } catch {
                // The input ran out inside something: it has not ended yet.
                return tokenizer.position >= buffer.count && (error.kind == .unbalancedBracket || error.kind == .unterminatedString)
            }
        }
    }
}
