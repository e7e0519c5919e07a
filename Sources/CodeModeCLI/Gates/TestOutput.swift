import CodeModeCore
import CodeModeGates
import Foundation

/// How `codemode test` prints its report: pytest's shape as text, and JSON.
enum TestOutput {
    /// A line of marks per file (`.` passed, `F` failed, `s` skipped), each failure with its
    /// message, traceback and output, the coverage when asked, and the closing count.
    static func text(_ report: TestReport, files: Int, uncovered: [String]?, skillCount: Int) -> String {
        var lines: [String] = []
        var marks: [(file: String, marks: String)] = []
        for result in report.results {
            let mark = switch result.outcome { case .passed: "."; case .failed: "F"; case .skipped: "s" }
            if marks.last?.file == result.file { marks[marks.count - 1].marks += mark } else { marks.append((result.file, mark)) }
        }
        lines += marks.map { "\($0.file) \($0.marks)" }
        let failures = report.results.filter { $0.outcome == .failed }
        if !failures.isEmpty {
            lines.append("\nfailures:")
            for failure in failures {
                lines.append("\n--- \(failure.file)::\(failure.name) ---")
                // A traceback ends with the message; without one, the message says it all.
                lines.append(failure.traceback.isEmpty ? failure.message : failure.traceback.trimmingCharacters(in: .newlines))
                if !failure.output.isEmpty { lines.append("output:\n" + failure.output.trimmingCharacters(in: .newlines)) }
            }
            lines.append("")
        }
        if let uncovered {
            let reached = skillCount - uncovered.count
            lines.append("coverage: \(reached) of \(skillCount) skill(s) invoked by a test"
                + (uncovered.isEmpty ? "" : "; no test reaches \(uncovered.count): \(uncovered.prefix(50).joined(separator: ", "))\(uncovered.count > 50 ? ", …" : "")"))
        }
        if report.results.isEmpty {
            lines.append(files == 0 ? "no tests: the library has no tests/test_*.py" : "no tests ran (no test_* function matched)")
        } else {
            lines.append("\(report.summary) in \(String(format: "%.2f", report.seconds))s")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: TestReport, skills: [String]?) -> JSONValue {
        var members = [
            JSONMember("passed", .integer(report.passed)),
            JSONMember("failed", .integer(report.failed)),
            JSONMember("skipped", .integer(report.skipped)),
            JSONMember("seconds", .number(report.seconds)),
            JSONMember("tests", .array(report.results.map { result in
                .object([
                    JSONMember("file", .string(result.file)),
                    JSONMember("name", .string(result.name)),
                    JSONMember("outcome", .string(result.outcome.rawValue)),
                    JSONMember("message", .string(result.message)),
                    JSONMember("traceback", .string(result.traceback)),
                    JSONMember("output", .string(result.output)),
                    JSONMember("seconds", .number(result.seconds)),
                    JSONMember("invoked", .array(result.invoked.map { .string($0) })),
                ])
            })),
        ]
        if let skills {
            let invoked = report.invokedSkills
            members.append(JSONMember("coverage", .array(skills.map { .object([JSONMember("skill", .string($0)), JSONMember("invoked", .bool(invoked.contains($0)))]) })))
        }
        return .object(members)
    }
}
