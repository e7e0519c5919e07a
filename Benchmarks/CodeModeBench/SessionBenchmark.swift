import CodeModeCore
import CodeModeSession
import CodeModeStorage
import Foundation
import TestSupport

/// Sessions through the Swift API, in this process: cold start to the first result, a cell's
/// round trip, `skills.invoke` on libraries of `size` skills (folder and Redis prefix), create
/// then invoke, and `reset()`; the first three again with the kernel in its sandbox
/// (bubblewrap); beside them the floors `python3 -c pass` and `python3 -c 'import asyncio'`.
/// Each figure is the median of many runs.
func measureSession(_ options: Options, size: Int) async throws -> [Measurement] {
    let python = try PythonInterpreter.resolve()
    let library = try generateLibrary(size: size)
    try "async def run():\n    return 1\n".write(to: library.url.appendingPathComponent("skills/trivial.py"), atomically: false, encoding: .utf8)
    let server = try RedisServer()
    let redis = try RedisStorage(url: server.url, prefix: "bench")
    for skill in try FileStorage(base: library.url).listSkills().skills {
        _ = try redis.saveSkill(skill.name, source: skill.source, description: nil, replacing: true)
    }
    let config = SubprocessConfig(python: python)
    var measurements: [Measurement] = []
    func record(_ operation: String, _ samples: [Double]) {
        measurements.append(Measurement(operation: operation, skills: size, seconds: samples.sorted()[samples.count / 2]))
    }
    func timed(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    func check(_ result: ExecutionResult, _ code: String) throws {
        if let error = result.error { throw UsageError("\(code) raised in the benchmark: \(error)") }
    }
    let repetitions = max(options.repetitions, 5)
    if !options.json { FileHandle.standardError.write(Data("  session (\(size))…\n".utf8)) }

    var floors: [[Double]] = [[], []]
    for _ in 0..<repetitions {
        for (index, code) in ["pass", "import asyncio"].enumerated() {
            floors[index].append(try await timed { _ = try ProcessRunner.run(python.executable, ["-c", code]) })
        }
    }
    record("floor: python3 -c pass", floors[0])
    record("floor: python3 -c 'import asyncio'", floors[1])

    func coldStart(_ config: SubprocessConfig) async throws -> Double {
        let session = Session(storage: FileStorage(base: library.url), executor: SubprocessExecutor(config))
        let seconds = try await timed { try check(try await session.run("1+1"), "1+1") }
        await session.close()
        return seconds
    }
    var sandboxed = config
    sandboxed.sandbox = SandboxSettings(mode: .required)
    // In turns, so a drift of this machine's speed weighs on both alike.
    var coldStarts: [[Double]] = [[], []]
    for _ in 0..<repetitions {
        coldStarts[0].append(try await coldStart(config))
        coldStarts[1].append(try await coldStart(sandboxed))
    }
    /// Round trips of `1+1` and of invoking the trivial skill.
    func roundTrips(_ session: Session) async throws -> (cell: [Double], invoke: [Double]) {
        try check(try await session.run("1+1"), "1+1")
        let cells = try await (0..<200).asyncMap { _ in try await timed { try check(try await session.run("1+1"), "1+1") } }
        try check(try await session.run("skills.trivial()"), "warm-up")
        let invokes = try await (0..<200).asyncMap { _ in try await timed { try check(try await session.run("skills.invoke('trivial')"), "invoke") } }
        return (cells, invokes)
    }

    record("session cold start to the result of 1+1", coldStarts[0])
    let session = Session(storage: FileStorage(base: library.url), executor: SubprocessExecutor(config))
    let plain = try await roundTrips(session)
    record("run(\"1+1\") round trip", plain.cell)
    record("skills.invoke, trivial skill (folder)", plain.invoke)
    // The first listing reads the library; later ones only what changed since.
    for (operation, code) in [("skills.list(), after the first (folder)", "len(skills.list())"),
                              ("skills.search(), after the first (folder)", "len(skills.search('parse dates'))")] {
        try check(try await session.run(code), code)
        record(operation, try await (0..<20).asyncMap { _ in try await timed { try check(try await session.run(code), code) } })
    }
    record("create then invoke (folder)", try await (0..<50).asyncMap { index in
        try await timed { try check(try await session.run("skills.create('made_\(index)', 'async def run():\\n    return \(index)\\n')\nskills.made_\(index)()"), "create") }
    })
    var resets: [Double] = []
    for _ in 0..<repetitions {
        // The spare kernel a reset takes was started after the previous one; give it time to.
        try await Task.sleep(for: .milliseconds(300))
        resets.append(try await timed { try await session.reset() })
    }
    try check(try await session.run("1+1"), "after reset")
    record("reset()", resets)
    await session.close()

    record("sandboxed: session cold start to the result of 1+1", coldStarts[1])
    let isolated = Session(storage: FileStorage(base: library.url), executor: SubprocessExecutor(sandboxed))
    let inSandbox = try await roundTrips(isolated)
    await isolated.close()
    record("sandboxed: run(\"1+1\") round trip", inSandbox.cell)
    record("sandboxed: skills.invoke, trivial skill (folder)", inSandbox.invoke)

    let onRedis = Session(storage: redis, executor: SubprocessExecutor(config))
    try check(try await onRedis.run("skills.trivial()"), "warm-up")
    record("skills.invoke, trivial skill (Redis)", try await (0..<200).asyncMap { _ in
        try await timed { try check(try await onRedis.run("skills.invoke('trivial')"), "invoke") }
    })
    await onRedis.close()
    return measurements
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
