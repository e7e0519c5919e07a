import CodeModePythonSyntax
import Testing

/// The tokenizer checks bytes as it scans instead of in a separate pass; these place each
/// refused byte where only that check can catch it: inside strings and comments, after a
/// backslash, at the end of the input and in indentation.
let refusedByteSources: [String: [UInt8]] = [
    "NUL in string": Array("x = 'a".utf8) + [0] + Array("b'\n".utf8),
    "NUL in comment": Array("x = 1  # a".utf8) + [0] + Array("b\n".utf8),
    "NUL after code": Array("x = 1\n".utf8) + [0],
    "NUL after code on a line": Array("x = 1".utf8) + [0],
    "NUL in indentation": Array("if x:\n    ".utf8) + [0] + Array("pass\n".utf8),
    "NUL after backslash in string": Array("x = 'a\\".utf8) + [0] + Array("'\n".utf8),
    "escape in string": Array("x = 'a".utf8) + [0x1B] + Array("b'\n".utf8),
    "form feed in comment": Array("# a".utf8) + [0x0C] + Array("\nx = 1\n".utf8),
    "DEL in string": Array("x = 'a".utf8) + [0x7F] + Array("'\n".utf8),
    "DEL in comment": Array("x = 1  # a".utf8) + [0x7F] + Array("\n".utf8),
    "control after backslash in raw string": Array("x = r'a\\".utf8) + [0x01] + Array("'\n".utf8),
    "lone CR in triple-quoted string": Array("x = '''a\rb'''\n".utf8),
    "lone CR after backslash in string": Array("x = 'a\\\rb'\n".utf8),
    "lone CR ending a comment": Array("x = 1  # a\ry = 2\n".utf8),
    "lone CR after continuation": Array("x = 1 + \\\r2\n".utf8),
    "lone CR at end": Array("x = 1\r".utf8),
    "truncated UTF-8 in string": Array("x = 'caf".utf8) + [0xC3] + Array("'\n".utf8),
    "truncated UTF-8 at end of comment": Array("x = 1  # caf".utf8) + [0xC3],
    "overlong UTF-8 in comment": Array("# a".utf8) + [0xC0, 0x80] + Array("\nx = 1\n".utf8),
    "surrogate in string": Array("x = '".utf8) + [0xED, 0xA0, 0x80] + Array("'\n".utf8),
    "beyond U+10FFFF in string": Array("x = '".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("'\n".utf8),
    "continuation byte after backslash": Array("x = '\\".utf8) + [0xA9] + Array("'\n".utf8),
    "invalid UTF-8 in f-string field": Array("x = f'{\"".utf8) + [0xFF] + Array("\"}'\n".utf8),
]

@Test(arguments: refusedByteSources.keys.sorted())
func refusedBytesAreLeftToPython(name: String) {
    let bytes = refusedByteSources[name] ?? []
    #expect(bytes.withUnsafeBufferPointer { PythonSyntaxPrecheck.check($0) } != .compiles, "\(name)")
}
