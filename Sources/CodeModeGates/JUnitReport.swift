import Foundation

/// A test report as JUnit XML, the format CI systems read: one `<testsuite>` per test file,
/// one `<testcase>` per test, with `<failure>` (message and traceback) or `<skipped>`.
public enum JUnitReport {
    public static func xml(_ report: TestReport) -> String {
        var files: [String] = []
        var byFile: [String: [TestCaseResult]] = [:]
        for result in report.results {
            if byFile[result.file] == nil { files.append(result.file) }
            byFile[result.file, default: []].append(result)
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"codemode test\" tests=\"\(report.results.count)\" failures=\"\(report.failed)\" skipped=\"\(report.skipped)\" time=\"\(seconds(report.seconds))\">\n"
        for file in files {
            let results = byFile[file] ?? []
            let failures = results.count { $0.outcome == .failed }
            let skipped = results.count { $0.outcome == .skipped }
            xml += "  <testsuite name=\"\(escaped(file))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(seconds(results.reduce(0) { $0 + $1.seconds }))\">\n"
            let className = String(file.dropLast(3)).replacingOccurrences(of: "/", with: ".")
            for result in results {
                xml += "    <testcase classname=\"\(escaped(className))\" name=\"\(escaped(result.name))\" file=\"\(escaped(file))\" time=\"\(seconds(result.seconds))\""
                switch result.outcome {
                case .passed:
                    xml += "/>\n"
                case .skipped:
                    xml += ">\n      <skipped message=\"\(escaped(result.message))\"/>\n    </testcase>\n"
                case .failed:
                    xml += ">\n      <failure message=\"\(escaped(result.message))\">\(escaped(result.traceback))</failure>\n"
                    if !result.output.isEmpty { xml += "      <system-out>\(escaped(result.output))</system-out>\n" }
                    xml += "    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// Text for an attribute or element: markup escaped, and the control characters XML 1.0
    /// cannot hold at all left out.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
