extension RealisticSkills {
    static let dataSkills: [String] = [
        #"""
        """Aggregate sales rows by region and return the top regions."""

        import json
        from collections import defaultdict
        from typing import Optional


        async def run(path: str, top: int = 5, currency: str = "EUR", verbose: bool = False) -> dict:
            """Read the CSV at `path` and sum amounts per region."""
            totals = defaultdict(float)
            rows = 0
            with open(path, encoding="utf-8") as handle:
                header = handle.readline().strip().split(",")
                for line in handle:
                    fields = dict(zip(header, line.rstrip("\n").split(",")))
                    try:
                        totals[fields["region"]] += float(fields["amount"])
                    except (KeyError, ValueError) as error:
                        if verbose:
                            print(f"skipping row {rows}: {error!r}")
                        continue
                    rows += 1
            ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)[:top]
            return {
                "rows": rows,
                "currency": currency,
                "top": [{"region": name, "total": round(value, 2)} for name, value in ranked],
            }
        """#,
        #"""
        """Deduplicate a list of contact records by normalised e-mail address."""

        import re
        from dataclasses import dataclass, field

        EMAIL = re.compile(r"^[\w.+-]+@[\w-]+\.[\w.]+$")


        @dataclass
        class Contact:
            name: str
            email: str
            tags: list = field(default_factory=list)

            def key(self) -> str:
                return self.email.strip().lower()


        def _merge(first: Contact, second: Contact) -> Contact:
            tags = sorted(set(first.tags) | set(second.tags))
            return Contact(first.name or second.name, first.email, tags)


        async def run(contacts: list, strict: bool = True) -> dict:
            """Return unique contacts and the number of duplicates removed."""
            seen: dict = {}
            invalid = []
            for raw in contacts:
                contact = Contact(**raw)
                if strict and not EMAIL.match(contact.email):
                    invalid.append(contact.email)
                    continue
                key = contact.key()
                seen[key] = _merge(seen[key], contact) if key in seen else contact
            return {
                "unique": [vars(c) for c in seen.values()],
                "removed": len(contacts) - len(seen) - len(invalid),
                "invalid": invalid,
            }
        """#,
        #"""
        """Compute simple statistics over a numeric series."""

        import math
        import statistics as stats


        def percentile(values, fraction):
            if not values:
                raise ValueError("empty series")
            ordered = sorted(values)
            position = (len(ordered) - 1) * fraction
            lower, upper = math.floor(position), math.ceil(position)
            if lower == upper:
                return ordered[int(position)]
            return ordered[lower] * (upper - position) + ordered[upper] * (position - lower)


        async def run(series: list, precision: int = 3, percentiles: tuple = (0.5, 0.9, 0.99)) -> dict:
            values = [float(v) for v in series if v is not None and v == v]
            if len(values) < 2:
                return {"error": "need at least two values", "count": len(values)}
            mean = stats.fmean(values)
            result = {
                "count": len(values),
                "mean": round(mean, precision),
                "stdev": round(stats.stdev(values), precision),
                "min": min(values),
                "max": max(values),
            }
            for p in percentiles:
                result[f"p{int(p * 100)}"] = round(percentile(values, p), precision)
            result["outliers"] = [v for v in values if abs(v - mean) > 3 * result["stdev"]]
            return result
        """#,
        #"""
        """Convert a nested JSON document into flat dotted keys."""

        import json
        from typing import Any, Dict


        def flatten(value: Any, prefix: str = "", out: Dict[str, Any] = None) -> Dict[str, Any]:
            out = {} if out is None else out
            if isinstance(value, dict):
                for key, child in value.items():
                    flatten(child, f"{prefix}.{key}" if prefix else str(key), out)
            elif isinstance(value, (list, tuple)):
                for index, child in enumerate(value):
                    flatten(child, f"{prefix}[{index}]", out)
            else:
                out[prefix] = value
            return out


        async def run(document: str, separator: str = ".", max_keys: int = 1000) -> dict:
            try:
                data = json.loads(document)
            except json.JSONDecodeError as error:
                return {"ok": False, "error": str(error), "line": error.lineno}
            flat = flatten(data)
            if separator != ".":
                flat = {key.replace(".", separator): value for key, value in flat.items()}
            keys = list(flat)[:max_keys]
            return {"ok": True, "keys": keys, "values": {k: flat[k] for k in keys}, "truncated": len(flat) > max_keys}
        """#,
        #"""
        """Group log lines by severity and count the most frequent messages."""

        from collections import Counter

        LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


        def parse(line):
            parts = line.split(" ", 3)
            if len(parts) < 4 or parts[2] not in LEVELS:
                return None
            date, time, level, message = parts
            return {"at": f"{date}T{time}", "level": level, "message": message.strip()}


        async def run(lines: list, minimum: str = "WARNING", top: int = 10) -> dict:
            """Summarise log lines at or above `minimum`."""
            threshold = LEVELS.index(minimum.upper())
            counts = Counter()
            by_level = {level: 0 for level in LEVELS}
            unparsed = 0
            for line in lines:
                entry = parse(line)
                if entry is None:
                    unparsed += 1
                    continue
                by_level[entry["level"]] += 1
                if LEVELS.index(entry["level"]) >= threshold:
                    counts[entry["message"][:80]] += 1
            return {
                "levels": by_level,
                "unparsed": unparsed,
                "frequent": [{"message": m, "count": c} for m, c in counts.most_common(top)],
            }
        """#,
        #"""
        """Validate an order payload against a small schema."""

        SCHEMA = {
            "id": int,
            "customer": str,
            "items": list,
            "express": bool,
        }


        class ValidationError(Exception):
            def __init__(self, field, problem):
                super().__init__(f"{field}: {problem}")
                self.field = field
                self.problem = problem


        def check_item(index, item):
            if not isinstance(item, dict):
                raise ValidationError(f"items[{index}]", "must be an object")
            quantity = item.get("quantity", 0)
            assert quantity >= 0, "negative quantity"
            if quantity > 100:
                raise ValidationError(f"items[{index}].quantity", f"{quantity} exceeds 100")


        async def run(order: dict, allow_extra: bool = False) -> dict:
            errors = []
            for name, expected in SCHEMA.items():
                if name not in order:
                    errors.append({"field": name, "problem": "missing"})
                elif not isinstance(order[name], expected):
                    errors.append({"field": name, "problem": f"expected {expected.__name__}"})
            if not allow_extra:
                errors += [{"field": k, "problem": "unexpected"} for k in order if k not in SCHEMA]
            for index, item in enumerate(order.get("items") or []):
                try:
                    check_item(index, item)
                except ValidationError as error:
                    errors.append({"field": error.field, "problem": error.problem})
            return {"valid": not errors, "errors": errors}
        """#,
        #"""
        """Resample a time series to fixed buckets."""

        from datetime import datetime, timedelta


        def bucket_start(moment: datetime, width: timedelta) -> datetime:
            epoch = datetime(1970, 1, 1, tzinfo=moment.tzinfo)
            buckets = (moment - epoch) // width
            return epoch + buckets * width


        async def run(points: list, minutes: int = 15, method: str = "mean") -> dict:
            width = timedelta(minutes=minutes)
            grouped = {}
            for point in points:
                moment = datetime.fromisoformat(point["at"])
                grouped.setdefault(bucket_start(moment, width), []).append(point["value"])
            reducers = {
                "mean": lambda xs: sum(xs) / len(xs),
                "max": max,
                "min": min,
                "sum": sum,
                "last": lambda xs: xs[-1],
            }
            if method not in reducers:
                raise ValueError(f"unknown method {method!r}; choose one of {sorted(reducers)}")
            reduce = reducers[method]
            series = [
                {"at": start.isoformat(), "value": reduce(values), "n": len(values)}
                for start, values in sorted(grouped.items())
            ]
            return {"buckets": len(series), "series": series, "width_s": width.total_seconds()}
        """#,
        #"""
        """Merge two inventories, preferring the newer record for each SKU."""

        import itertools
        from operator import itemgetter


        def newest(records):
            records = sorted(records, key=itemgetter("updated"))
            return records[-1] if records else None


        async def run(left: list, right: list, *, keep_deleted: bool = False, **options) -> dict:
            combined = sorted(itertools.chain(left, right), key=itemgetter("sku"))
            merged, conflicts = [], 0
            for sku, group in itertools.groupby(combined, key=itemgetter("sku")):
                records = list(group)
                if len(records) > 1 and len({r["quantity"] for r in records}) > 1:
                    conflicts += 1
                record = newest(records)
                if record.get("deleted") and not keep_deleted:
                    continue
                merged.append({**record, "sources": len(records)})
            limit = options.get("limit")
            return {
                "items": merged[:limit] if limit else merged,
                "conflicts": conflicts,
                "total": sum(item["quantity"] for item in merged),
            }
        """#,
    ]
}
