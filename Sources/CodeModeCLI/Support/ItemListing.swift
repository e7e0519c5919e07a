import ArgumentParser

/// `--verbose`: every item of a long listing on a terminal too.
struct ListingOptions: ParsableArguments {
    @Flag(name: .long, help: "List every item on a terminal too (piped output and --json always list them all).")
    var verbose = false

    /// `items` as they should be printed: see ``ItemListing``. `indent` goes before the lines
    /// of a summary (the item lines bring their own).
    func lines(_ items: [ItemListing.Item], indent: String = "") -> [String] {
        ItemListing.lines(items, complete: verbose || !Console.stdoutIsTerminal, indent: indent)
    }
}

/// The lines of a command that reports items (one per skill, tool, …) as a person at a
/// terminal reads them: up to `shown` items as they are; more as a count per kind, the first
/// `shown`, and how many more. Piped output stays complete, as git's does, so scripts and
/// `grep` see every item; `--json` is always complete.
enum ItemListing {
    struct Item {
        /// What the count groups by: `added skill`, `changed-there tool`.
        var kind: String
        var line: String
        /// An item that did not change (`= name` of `store diff`): a summary shows it last.
        var unchanged = false
    }

    static let shown = 20

    /// `  Added: name` for each of `names`, counted by the label (`added`).
    static func named(_ names: [String], _ label: String) -> [Item] {
        names.map { Item(kind: label.lowercased(), line: "  \(label): \($0)") }
    }

    static func lines(_ items: [Item], complete: Bool, indent: String = "") -> [String] {
        guard !complete, items.count > shown else { return items.map(\.line) }
        var counts: [(kind: String, count: Int)] = []
        for item in items {
            if let index = counts.firstIndex(where: { $0.kind == item.kind }) {
                counts[index].count += 1
            } else {
                counts.append((item.kind, 1))
            }
        }
        let summary = indent + "\(grouped(items.count)) items: " + counts.map { "\(grouped($0.count)) \($0.kind)" }.joined(separator: ", ")
        let changedFirst = items.filter { !$0.unchanged } + items.filter(\.unchanged)
        return [summary] + changedFirst.prefix(shown).map(\.line) + [indent + "  … and \(grouped(items.count - shown)) more (--verbose lists them all)"]
    }

    /// `100,003`: a count as people read it.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }
}
