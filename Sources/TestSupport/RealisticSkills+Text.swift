extension RealisticSkills {
    static let textSkills: [String] = [
        #"""
        """Summarise a Markdown document: headings, links and word count."""

        import re

        HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
        LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


        async def run(markdown: str, max_headings: int = 20, include_links: bool = True) -> dict:
            headings, words, links = [], 0, []
            in_code = False
            for number, line in enumerate(markdown.splitlines(), start=1):
                if line.startswith("```"):
                    in_code = not in_code
                    continue
                if in_code:
                    continue
                if match := HEADING.match(line):
                    level, title = match.groups()
                    headings.append({"level": len(level), "title": title, "line": number})
                if include_links:
                    links.extend({"text": t, "url": u} for t, u in LINK.findall(line))
                words += len(line.split())
            return {"headings": headings[:max_headings], "links": links, "words": words}
        """#,
        #"""
        """Redact e-mail addresses, phone numbers and card numbers in text."""

        import re

        PATTERNS = {
            "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
            "phone": re.compile(r"\+?\d[\d\s().-]{7,}\d"),
            "card": re.compile(r"\b(?:\d[ -]*?){13,16}\b"),
        }


        def mask(value: str, keep: int = 2) -> str:
            return value[:keep] + "*" * max(len(value) - keep * 2, 0) + value[-keep:]


        async def run(text: str, kinds: list = None, placeholder: str = "") -> dict:
            kinds = kinds or list(PATTERNS)
            counts = {}
            for kind in kinds:
                pattern = PATTERNS.get(kind)
                if pattern is None:
                    raise KeyError(f"unknown kind: {kind}")
                replacement = (lambda m: placeholder) if placeholder else (lambda m: mask(m.group(0)))
                text, counts[kind] = pattern.subn(replacement, text)
            return {"text": text, "redactions": counts, "total": sum(counts.values())}
        """#,
        #"""
        """Build a keyword index over a set of documents."""

        import string
        from collections import defaultdict

        STOP_WORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())


        def tokens(text):
            table = str.maketrans({c: " " for c in string.punctuation})
            for word in text.translate(table).lower().split():
                if len(word) > 2 and word not in STOP_WORDS:
                    yield word


        async def run(documents: dict, min_count: int = 2, limit: int = 50) -> dict:
            index = defaultdict(set)
            frequency = defaultdict(int)
            for doc_id, text in documents.items():
                for word in tokens(text):
                    index[word].add(doc_id)
                    frequency[word] += 1
            keywords = [w for w, n in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_count]
            return {
                "keywords": keywords[:limit],
                "index": {w: sorted(index[w]) for w in keywords[:limit]},
                "vocabulary": len(frequency),
            }
        """#,
        #"""
        """Render a table of records as aligned plain text."""


        def width(column, rows):
            return max([len(str(column))] + [len(str(row.get(column, ""))) for row in rows])


        async def run(rows: list, columns: list = None, align: str = "left", separator: str = " | ") -> dict:
            if not rows:
                return {"text": "", "lines": 0}
            columns = columns or sorted({key for row in rows for key in row})
            widths = {c: width(c, rows) for c in columns}
            pad = str.ljust if align == "left" else str.rjust
            header = separator.join(pad(str(c), widths[c]) for c in columns)
            rule = "-+-".join("-" * widths[c] for c in columns)
            body = [separator.join(pad(str(row.get(c, "")), widths[c]) for c in columns) for row in rows]
            lines = [header, rule, *body]
            return {"text": "\n".join(lines), "lines": len(lines), "widths": widths}
        """#,
        #"""
        """Extract action items from meeting notes."""

        import re
        from datetime import date

        ACTION = re.compile(r"^\s*(?:-|\*)\s*\[( |x)\]\s*(.+?)(?:\s+@(\w+))?(?:\s+due:(\d{4}-\d{2}-\d{2}))?\s*$")


        class Item:
            __slots__ = ("text", "owner", "due", "done")

            def __init__(self, text, owner=None, due=None, done=False):
                self.text, self.owner, self.due, self.done = text, owner, due, done

            @property
            def overdue(self):
                return not self.done and self.due is not None and self.due < date.today()

            def as_dict(self):
                return {name: getattr(self, name) for name in self.__slots__} | {"overdue": self.overdue}


        async def run(notes: str, owner: str = None, open_only: bool = True) -> dict:
            items = []
            for line in notes.splitlines():
                found = ACTION.match(line)
                if not found:
                    continue
                mark, text, who, due = found.groups()
                item = Item(text, who, date.fromisoformat(due) if due else None, mark == "x")
                if open_only and item.done or owner and item.owner != owner:
                    continue
                items.append(item)
            items.sort(key=lambda i: (i.due is None, i.due or date.max))
            return {"items": [i.as_dict() for i in items], "overdue": sum(1 for i in items if i.overdue)}
        """#,
        #"""
        """Translate simple template placeholders with per-locale dictionaries."""

        import string

        MESSAGES = {
            "en": {"greeting": "Hello, $name!", "farewell": "Goodbye, $name."},
            "de": {"greeting": "Hallo, $name!", "farewell": "Auf Wiedersehen, $name."},
            "fr": {"greeting": "Bonjour, $name !", "farewell": "Au revoir, $name."},
        }


        async def run(key: str, locale: str = "en", fallback: str = "en", **values) -> dict:
            catalogue = MESSAGES.get(locale) or MESSAGES[fallback]
            template = catalogue.get(key, MESSAGES[fallback].get(key))
            if template is None:
                return {"ok": False, "error": f"no message {key!r} for {locale}/{fallback}"}
            try:
                text = string.Template(template).substitute(values)
            except KeyError as missing:
                text = string.Template(template).safe_substitute(values)
                return {"ok": False, "text": text, "missing": missing.args[0]}
            return {"ok": True, "text": text, "locale": locale if locale in MESSAGES else fallback}
        """#,
        #"""
        """Diff two versions of a text and summarise the changes."""

        import difflib


        async def run(before: str, after: str, context: int = 2, max_lines: int = 200) -> dict:
            old, new = before.splitlines(), after.splitlines()
            diff = list(difflib.unified_diff(old, new, "before", "after", n=context, lineterm=""))
            added = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
            removed = sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))
            ratio = difflib.SequenceMatcher(None, before, after).ratio()
            del old, new
            return {
                "diff": diff[:max_lines],
                "added": added,
                "removed": removed,
                "similarity": f"{ratio:.1%}",
                "identical": not diff,
            }
        """#,
        #"""
        """Classify support tickets by keyword rules and route them to queues."""

        from typing import Dict, List

        RULES: Dict[str, List[str]] = {
            "billing": ["invoice", "refund", "charge", "payment"],
            "outage": ["down", "unavailable", "error 500", "timeout"],
            "account": ["password", "login", "2fa", "locked"],
        }


        def classify(text: str) -> str:
            lowered = text.lower()
            scores = {queue: sum(word in lowered for word in words) for queue, words in RULES.items()}
            best = max(scores, key=scores.get)
            return best if scores[best] > 0 else "general"


        async def run(tickets: list, default_priority: int = 3) -> dict:
            routed: Dict[str, list] = {queue: [] for queue in [*RULES, "general"]}
            for ticket in tickets:
                queue = classify(ticket.get("subject", "") + " " + ticket.get("body", ""))
                priority = ticket.get("priority", default_priority)
                if queue == "outage":
                    priority = min(priority, 1)
                routed[queue].append({"id": ticket["id"], "priority": priority})
            for queue in routed:
                routed[queue].sort(key=lambda t: t["priority"])
            return {"queues": routed, "counts": {q: len(t) for q, t in routed.items()}}
        """#,
    ]
}
