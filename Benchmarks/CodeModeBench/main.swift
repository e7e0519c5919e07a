import CodeModeCore
import Foundation
import TestSupport

/// `codemode-bench`: times `codemode` commands end to end (process start included, as a user
/// sees them) on generated libraries of realistic skills, against a redis-server it starts.
/// "Cold cache" runs start with an empty syntax-check cache (see SyntaxCheck); the others
/// reuse one, as a developer's machine or CI would.
///
///     swift build -c release && .build/release/codemode-bench [--sizes 100,1000,10000] [--only store,sync,session,mcp,tls,gates] [--json]

struct Options {
    var sizes = [100, 1_000, 10_000]
    var repetitions = 5
    var json = false
    /// Which groups of measurements to run: `store` (skill list, validate, store …), `sync`
    /// `session`, `mcp`, `tls` and `gates`.
    var groups: Set<String> = ["store", "sync", "session", "mcp", "tls", "gates"]
    var codemode = ProcessRunner.productsDirectory.appendingPathComponent("codemode")

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": json = true
            case "--sizes":
                guard let value = rest.popFirst() else { throw UsageError("--sizes needs a value such as 100,1000") }
                sizes = try value.split(separator: ",").map {
                    guard let size = Int($0), size > 0 else { throw UsageError("--sizes: '\($0)' is not a positive number") }
                    return size
                }
            case "--repetitions":
                guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else { throw UsageError("--repetitions needs a positive number") }
                repetitions = value
            case "--only":
                guard let value = rest.popFirst() else { throw UsageError("--only needs store, sync, session, mcp, tls or gates, or several: store,sync") }
                groups = Set(value.split(separator: ",").map(String.init))
                guard groups.isSubset(of: ["store", "sync", "session", "mcp", "tls", "gates"]) else { throw UsageError("--only takes store, sync, session, mcp, tls and gates, comma-separated") }
            case "--codemode":
                guard let value = rest.popFirst() else { throw UsageError("--codemode needs a path") }
                codemode = URL(fileURLWithPath: value)
            default:
                throw UsageError("unknown option \(argument); use --sizes N,N --repetitions N --only store,sync,session,mcp,tls,gates --codemode PATH --json")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct Measurement {
    var operation: String
    var skills: Int
    /// Median wall-clock seconds over the repetitions.
    var seconds: Double
    /// The largest peak resident memory of the command over the repetitions (whole
    /// commands only; nil for what runs in this process).
    var peakBytes: Int?

    init(operation: String, skills: Int, seconds: Double) {
        self.operation = operation
        self.skills = skills
        self.seconds = seconds
    }

    init(operation: String, skills: Int, timing: Timing) {
        self.init(operation: operation, skills: skills, seconds: timing.seconds)
        peakBytes = timing.peakBytes
    }
}

/// How long a command took (the median) and the most memory it held at once (the largest).
struct Timing {
    var seconds: Double
    var peakBytes: Int
}

func generateLibrary(size: Int) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory("bench-\(size)")
    try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("skills"), withIntermediateDirectories: true)
    try "".write(to: folder.url.appendingPathComponent("codemode.yaml"), atomically: false, encoding: .utf8)
    for index in 0..<size {
        let source = SkillSourceSamples.realistic(index: index, bodyLines: 20 + index % 41)
        try source.write(to: folder.url.appendingPathComponent("skills/skill_\(index).py"), atomically: false, encoding: .utf8)
    }
    return folder
}

/// One run of a command: its arguments, and the cache folder it uses (cold or warm).
struct Run {
    var arguments: [String]
    var cacheFolder: String
}

/// Runs `codemode` `repetitions` times, each with what `prepare` sets up for it, and returns
/// the median time; fails loudly when a run fails, so a broken command never produces a
/// fast figure.
func time(_ options: Options, in folder: URL, _ prepare: (Int) throws -> Run) throws -> Timing {
    try time(options, executable: options.codemode, in: folder, prepare)
}

/// The same for any program (the floors `git status` and `redis-cli` are timed this way).
func time(_ options: Options, executable: URL, in folder: URL, _ prepare: (Int) throws -> Run) throws -> Timing {
    var samples: [Double] = []
    var peak = 0
    for repetition in 0..<options.repetitions {
        let run = try prepare(repetition)
        var environment = ProcessInfo.processInfo.environment
        environment["CODEMODE_CACHE_DIR"] = run.cacheFolder
        let result = try runMeasured(executable, run.arguments, in: folder, environment: environment)
        samples.append(result.seconds)
        peak = max(peak, result.peakBytes)
        guard result.status == 0 else {
            throw UsageError("\(executable.lastPathComponent) \(run.arguments.joined(separator: " ")) exited \(result.status): \(result.stderr.prefix(500))")
        }
    }
    return Timing(seconds: samples.sorted()[samples.count / 2], peakBytes: peak)
}

/// Runs a command to its end with its output thrown away (stderr kept for errors), and
/// returns its wall time and its peak resident memory, as `wait4` reports them for it alone.
func runMeasured(_ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String]) throws
    -> (status: Int32, seconds: Double, peakBytes: Int, stderr: String) {
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("codemode-bench-\(UUID().uuidString).err")
    defer { try? FileManager.default.removeItem(at: errors) }
    let start = DispatchTime.now().uptimeNanoseconds
    let pid = try ChildSpawn.spawn(executable.path, arguments, environment: environment, in: folder.path) { actions in
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    // ru_maxrss is in kilobytes on Linux.
    return ((status >> 8) & 0xff, seconds, Int(usage.ru_maxrss) * 1024, stderr)
}

/// A copy of `library`'s skills with every hundredth one edited.
func changedCopy(of library: TemporaryDirectory, size: Int) throws -> TemporaryDirectory {
    let copy = try TemporaryDirectory("bench-changed")
    try FileManager.default.removeItem(at: copy.url)
    try FileManager.default.copyItem(at: library.url, to: copy.url)
    for index in stride(from: 0, to: size, by: 100) {
        try (SkillSourceSamples.realistic(index: index, bodyLines: 20 + index % 41) + "# edited\n")
            .write(to: copy.url.appendingPathComponent("skills/skill_\(index).py"), atomically: false, encoding: .utf8)
    }
    return copy
}

func measureAll(_ options: Options, size: Int) throws -> [Measurement] {
    let library = try generateLibrary(size: size)
    let changed = try changedCopy(of: library, size: size)
    let server = try RedisServer()
    let target = "\(server.url)"
    let warmCache = try TemporaryDirectory("bench-cache")
    var measurements: [Measurement] = []
    func record(_ operation: String, _ prepare: (Int) throws -> Run) throws {
        if !options.json { FileHandle.standardError.write(Data("  \(operation) (\(size))…\n".utf8)) }
        measurements.append(Measurement(operation: operation, skills: size, timing: try time(options, in: library.url, prepare)))
    }
    func coldCache() throws -> String { try TemporaryDirectory("bench-cold").path }
    var keep: [TemporaryDirectory] = []
    func fresh(_ label: String) throws -> String {
        let folder = try TemporaryDirectory(label)
        keep.append(folder)
        return folder.path
    }

    try record("skill list --json") { _ in Run(arguments: ["skill", "list", "--json"], cacheFolder: warmCache.path) }
    try record("validate (cold cache)") { _ in Run(arguments: ["validate"], cacheFolder: try fresh("cold")) }
    try record("validate (warm cache)") { _ in Run(arguments: ["validate"], cacheFolder: warmCache.path) }
    try record("store bootstrap (fresh prefix, cold cache)") { run in
        Run(arguments: ["store", "bootstrap", "--source", ".", "--target", target, "--prefix", "cold\(run)"], cacheFolder: try fresh("cold"))
    }
    try record("store bootstrap (fresh prefix)") { run in
        Run(arguments: ["store", "bootstrap", "--source", ".", "--target", target, "--prefix", "warm\(run)"], cacheFolder: warmCache.path)
    }
    try record("store diff (no change)") { _ in
        Run(arguments: ["store", "diff", "--source", ".", "--target", target, "--prefix", "warm0"], cacheFolder: warmCache.path)
    }
    try record("store diff (1% changed)") { _ in
        Run(arguments: ["store", "diff", "--source", changed.path, "--target", target, "--prefix", "warm0"], cacheFolder: warmCache.path)
    }
    try record("store pull (empty folder)") { _ in
        Run(arguments: ["store", "pull", "--dest", try fresh("pull"), "--target", target, "--prefix", "warm0"], cacheFolder: warmCache.path)
    }
    try record("store list") { _ in
        Run(arguments: ["store", "list", "--target", target, "--prefix", "warm0"], cacheFolder: warmCache.path)
    }
    return measurements
}

/// What the pre-commit hook runs, on a commit staging 100 new skills, with the validation
/// cache (`.git/codemode`) removed before each run.
func measureHook(_ options: Options) throws -> Measurement {
    let folder = try TemporaryDirectory("bench-hook")
    let initialized = try ProcessRunner.run(options.codemode, ["init"], in: folder.url)
    guard initialized.status == 0 else { throw UsageError("codemode init failed: \(initialized.stderr)") }
    for index in 0..<100 {
        try SkillSourceSamples.realistic(index: index, bodyLines: 20 + index % 41)
            .write(to: folder.url.appendingPathComponent("skills/staged_\(index).py"), atomically: false, encoding: .utf8)
    }
    let added = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "add", "skills"], in: folder.url)
    guard added.status == 0 else { throw UsageError("git add failed: \(added.stderr)") }
    let cache = folder.url.appendingPathComponent(".git/codemode")
    let timing = try time(options, in: folder.url) { _ in
        try? FileManager.default.removeItem(at: cache)
        return Run(arguments: ["validate", "--staged"], cacheFolder: cache.path)
    }
    return Measurement(operation: "pre-commit hook (100 new skills, cold cache)", skills: 100, timing: timing)
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    guard FileManager.default.isExecutableFile(atPath: options.codemode.path) else {
        throw UsageError("\(options.codemode.path) not found; build it first (swift build -c release) or pass --codemode PATH")
    }
    var measurements = options.groups.contains("store") ? [try measureHook(options)] : []
    if options.groups.contains("mcp") { measurements += try measureMCP(options) }
    for size in options.sizes {
        if options.groups.contains("store") { measurements += try measureAll(options, size: size) }
        if options.groups.contains("sync") { measurements += try measureSync(options, size: size) }
        if options.groups.contains("session") { measurements += try await measureSession(options, size: size) }
        if options.groups.contains("tls") { measurements += try measureTLS(options, size: size) }
        if options.groups.contains("gates") { measurements += try measureGates(options, size: size) }
    }
    if options.json {
        print(PythonJSONEncoder(indent: 2).encode(.array(measurements.map { m in
            .object([JSONMember("operation", .string(m.operation)), JSONMember("skills", .integer(m.skills)),
                     JSONMember("seconds", .number((m.seconds * 10_000).rounded() / 10_000)),
                     JSONMember("peak_bytes", m.peakBytes.map(JSONValue.integer) ?? .null)])
        })))
    } else {
        print("operation                                         skills   median ms   peak MiB (commands: \(options.repetitions) runs)")
        for m in measurements {
            print(m.operation.padding(toLength: 49, withPad: " ", startingAt: 0) + " "
                  + String(m.skills).padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                  + String(format: "%9.2f", m.seconds * 1000) + "   "
                  + (m.peakBytes.map { String(format: "%8.1f", Double($0) / 1_048_576) } ?? ""))
        }
    }
} catch {
    FileHandle.standardError.write(Data("codemode-bench: \(error)\n".utf8))
    exit(1)
}
