import CodeModeCore
import Foundation
import TestSupport

/// `codemode-bench`: times `codemode` commands end to end (process start included, as a user
/// sees them) on generated libraries of realistic skills.
///
///     swift build -c release && .build/release/codemode-bench [--sizes 100,1000,10000] [--json]

struct Options {
    var sizes = [100, 1_000, 10_000]
    var repetitions = 5
    var json = false
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
            case "--codemode":
                guard let value = rest.popFirst() else { throw UsageError("--codemode needs a path") }
                codemode = URL(fileURLWithPath: value)
            default:
                throw UsageError("unknown option \(argument); use --sizes N,N --repetitions N --codemode PATH --json")
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

/// Runs `codemode arguments` `repetitions` times and returns the median time; fails loudly
/// when a run fails, so a broken command never produces a fast figure.
func time(_ options: Options, _ arguments: [String], in folder: URL) throws -> Double {
    var samples: [Double] = []
    for _ in 0..<options.repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try ProcessRunner.run(options.codemode, arguments, in: folder)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        guard result.status == 0 else {
            throw UsageError("codemode \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr.prefix(500))")
        }
    }
    return samples.sorted()[samples.count / 2]
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    guard FileManager.default.isExecutableFile(atPath: options.codemode.path) else {
        throw UsageError("\(options.codemode.path) not found; build it first (swift build -c release) or pass --codemode PATH")
    }
    var measurements: [Measurement] = []
    for size in options.sizes {
        if !options.json { FileHandle.standardError.write(Data("generating \(size) skills…\n".utf8)) }
        let library = try generateLibrary(size: size)
        measurements.append(Measurement(operation: "skill list --json", skills: size,
                                        seconds: try time(options, ["skill", "list", "--json"], in: library.url)))
        measurements.append(Measurement(operation: "validate", skills: size,
                                        seconds: try time(options, ["validate"], in: library.url)))
    }
    if options.json {
        print(PythonJSONEncoder(indent: 2).encode(.array(measurements.map { m in
            .object([JSONMember("operation", .string(m.operation)), JSONMember("skills", .integer(m.skills)),
                     JSONMember("seconds", .number((m.seconds * 10_000).rounded() / 10_000))])
        })))
    } else {
        print("operation            skills   median seconds (\(options.repetitions) runs)")
        for m in measurements {
            print(m.operation.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                  + String(m.skills).padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                  + String(format: "%.3f", m.seconds))
        }
    }
} catch {
    FileHandle.standardError.write(Data("codemode-bench: \(error)\n".utf8))
    exit(1)
}
