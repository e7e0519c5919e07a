import Foundation
import TestSupport

/// The gates of issue #16, end to end: `codemode test` of 100 test files of 3 tests each
/// (target: at most 2 s at 1,000 skills), and `validate` with and without a policy (target:
/// the policy adds at most 0.5 s at 10,000 skills).
func measureGates(_ options: Options, size: Int) throws -> [Measurement] {
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
    let tests = try time(options, in: library.url) { _ in Run(arguments: ["test"], cacheFolder: cache.path) }
    var measurements = [Measurement(operation: "test (\(testCount) files × 3 tests)", skills: size, timing: tests)]

    let plain = try time(options, in: library.url) { _ in Run(arguments: ["validate"], cacheFolder: cache.path) }
    measurements.append(Measurement(operation: "validate (warm cache, no policy)", skills: size, timing: plain))
    try """
        policy:
          forbid_imports: [subprocess, socket, ctypes, pickle]
          forbid_calls: [eval, exec, compile, __import__, os.system]
          secrets: true
          max_source_bytes: 100000

        """.write(to: library.url.appendingPathComponent("codemode.yaml"), atomically: false, encoding: .utf8)
    let policed = try time(options, in: library.url) { _ in Run(arguments: ["validate"], cacheFolder: cache.path) }
    measurements.append(Measurement(operation: "validate (warm cache, a policy)", skills: size, timing: policed))
    return measurements
}
