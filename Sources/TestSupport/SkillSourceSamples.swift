/// Realistic skill sources, for tests and benchmarks: a module docstring, a typed
/// `async def run` with defaults, and a body of the given length.
public enum SkillSourceSamples {
    public static func realistic(index: Int, bodyLines: Int = 30) -> String {
        var lines = [
            "\"\"\"Fetch page \(index) of the report feed and summarise its entries.",
            "",
            "Used by the nightly agent run; keeps the last \(index % 50 + 1) entries.",
            "\"\"\"",
            "",
            "import json",
            "from typing import Optional",
            "",
            "",
            "async def run(",
            "    url: str,",
            "    limit: int = \(index % 100 + 1),",
            "    ratio: float = 0.\(index % 10 + 1),",
            "    verbose: bool = False,",
            "    tags: list = [\"a\", \"b, c\"],",
            "    options: Optional[dict] = None,",
            ") -> dict:",
            "    \"\"\"Return a summary dict for the given feed URL.\"\"\"",
            "    entries = []",
        ]
        for line in 0..<max(0, bodyLines - 4) {
            lines.append("    entries.append({\"line\": \(line), \"url\": url, \"text\": \"entry (\\\"\(line)\\\")\"})  # keep \(line)")
        }
        lines += [
            "    if verbose:",
            "        print(json.dumps(entries[:limit]))",
            "    return {\"count\": min(len(entries), limit), \"ratio\": ratio, \"tags\": tags, \"options\": options or {}}",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
