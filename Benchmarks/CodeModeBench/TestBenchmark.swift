import Foundation
import TestSupport

/// `codemode test` end to end: 100 test files of 3 tests each (issue #16's target: at most 2 s
/// at 1,000 skills), every test invoking skills of the library, against the work tree.
func measureTests(_ options: Options, size: Int) throws -> [Measurement] {
    let library = try generateLibrary(size: size)
    let testCount = 100
    for file in 0..<testCount {
        var source = ""
        for test in 0..<3 {
            let skill = (file * 3 + test) % size
            source += "def test_\(test)():\n    assert skills.get(\"skill_\(skill)\") is not None\n\n\n"
        }
        try library.write("tests/test_\(file).py", source)
    }
    let cache = try TemporaryDirectory("bench-test-cache")
    if !options.json { FileHandle.standardError.write(Data("  test (\(testCount) files × 3 tests) (\(size))…\n".utf8)) }
    let seconds = try time(options, in: library.url) { _ in Run(arguments: ["test"], cacheFolder: cache.path) }
    return [Measurement(operation: "test (\(testCount) files × 3 tests)", skills: size, seconds: seconds)]
}
