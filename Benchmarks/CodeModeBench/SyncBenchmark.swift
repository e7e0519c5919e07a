import Foundation
import Synchronization
import TestSupport

/// The sync commands on a library of `size` skills committed in a git repository, against
/// the benchmark's redis-server, with beside them the floors: `git status` on the same
/// repository and `redis-cli HGETALL` of the same prefix.
func measureSync(_ options: Options, size: Int) throws -> [Measurement] {
    let library = try generateLibrary(size: size)
    let server = try RedisServer()
    let cache = try TemporaryDirectory("bench-sync-cache")
    let git = URL(fileURLWithPath: "/usr/bin/env")
    func shell(_ arguments: [String], _ executable: URL? = nil) throws {
        let result = try ProcessRunner.run(executable ?? git, executable == nil ? ["git"] + arguments : arguments, in: library.url)
        guard result.status == 0 else { throw UsageError("\(arguments.joined(separator: " ")) failed: \(result.stderr.prefix(500))") }
    }
    func configure(staging: String) throws {
        try """
            environments:
              dev: { url: "\(server.url)", prefix: bench-dev }
              staging: { url: "\(server.url)", prefix: \(staging) }
              empty: { url: "\(server.url)", prefix: \(staging)-empty }
            promotion: [dev, staging]

            """.write(to: library.url.appendingPathComponent("codemode.yaml"), atomically: true, encoding: .utf8)
    }
    try shell(["init", "--quiet", "--initial-branch=main"])
    try shell(["config", "user.name", "Bench"])
    try shell(["config", "user.email", "bench@example.com"])
    try configure(staging: "bench-staging-0")
    try shell(["add", "--all"])
    try shell(["commit", "--quiet", "--no-verify", "-m", "library"])

    var measurements: [Measurement] = []
    func record(_ operation: String, executable: URL? = nil, _ prepare: (Int) throws -> Run) throws {
        if !options.json { FileHandle.standardError.write(Data("  \(operation) (\(size))…\n".utf8)) }
        let timing = try time(options, executable: executable ?? options.codemode, in: library.url, prepare)
        measurements.append(Measurement(operation: operation, skills: size, timing: timing))
    }
    func fresh(_ run: some CustomStringConvertible) throws {
        try configure(staging: "bench-staging-\(run)")
        for ref in ["refs/codemode/empty", "refs/codemode/staging"] {
            _ = try ProcessRunner.run(git, ["git", "update-ref", "-d", ref], in: library.url)
        }
    }

    try record("push (empty prefix)") { run in
        try fresh(run)
        return Run(arguments: ["push", "empty"], cacheFolder: cache.path)
    }
    // After the timed runs (bench-staging-0…), on a fresh prefix of its own.
    try checkAtomicity(of: { try shell(["push", "empty"], options.codemode) }, key: "bench-staging-watched-empty:skills:__skills__", size: size,
                       server: server) { try fresh("watched") }
    try shell(["push", "dev"], options.codemode)
    try record("fetch (nothing changed)") { _ in Run(arguments: ["fetch", "dev"], cacheFolder: cache.path) }
    try record("fetch (first)") { run in
        _ = try ProcessRunner.run(git, ["git", "update-ref", "-d", "refs/codemode/dev"], in: library.url)
        return Run(arguments: ["fetch", "dev"], cacheFolder: cache.path)
    }
    try shell(["push", "dev"], options.codemode)
    try record("status (nothing changed)") { _ in Run(arguments: ["status", "dev"], cacheFolder: cache.path) }
    try record("push (100 changed skills)") { run in
        for index in stride(from: 0, to: size, by: max(1, size / 100)).prefix(100) {
            let file = library.url.appendingPathComponent("skills/skill_\(index).py")
            try (SkillSourceSamples.realistic(index: index, bodyLines: 20 + index % 41) + "# edit \(run)\n")
                .write(to: file, atomically: false, encoding: .utf8)
        }
        try shell(["commit", "--quiet", "--no-verify", "-am", "edit \(run)"])
        return Run(arguments: ["push", "dev"], cacheFolder: cache.path)
    }
    try record("promote (whole library, fresh stage)") { run in
        try fresh(run)
        return Run(arguments: ["promote", "staging"], cacheFolder: cache.path)
    }
    try record("floor: git status", executable: git) { _ in Run(arguments: ["git", "status", "--porcelain"], cacheFolder: cache.path) }
    let redisCLI = URL(fileURLWithPath: "/usr/bin/redis-cli")
    guard case .tcp(let host, let port) = server.url.endpoint else { throw UsageError("the bench server listens on TCP") }
    try record("floor: redis-cli HGETALL", executable: redisCLI) { _ in
        Run(arguments: ["-h", host, "-p", String(port), "HGETALL", "bench-dev:skills:__skills__"], cacheFolder: cache.path)
    }
    return measurements
}

/// Runs a first push while a poller asks the prefix how many skills it holds, as fast as it
/// can: an atomic push is seen with none or all of them, never a part. Fails loudly otherwise.
func checkAtomicity(of push: () throws -> Void, key: String, size: Int, server: RedisServer, prepare: () throws -> Void) throws {
    try prepare()
    let seen = Mutex<Set<Int>>([])
    let polls = Atomic(0)
    let stop = Atomic(false)
    let poller = Thread {
        guard let connection = try? server.connect() else { return }
        while !stop.load(ordering: .relaxed) {
            if case .integer(let count)? = try? connection.command("HLEN", key) {
                seen.withLock { _ = $0.insert(count) }
                polls.add(1, ordering: .relaxed)
            }
        }
    }
    poller.start()
    defer { stop.store(true, ordering: .relaxed) }
    try push()
    stop.store(true, ordering: .relaxed)
    while !poller.isFinished { usleep(1_000) }
    let counts = seen.withLock { $0 }
    guard counts.isSubset(of: [0, size]) else {
        throw UsageError("a push of \(size) skills was seen half-written: the poller saw \(counts.sorted()) skills")
    }
    FileHandle.standardError.write(Data("  push atomicity (\(size)): \(polls.load(ordering: .relaxed)) polls saw only \(counts.sorted())\n".utf8))
}
