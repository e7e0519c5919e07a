extension RealisticSkills {
    static let networkSkills: [String] = [
        #"""
        """Fetch several URLs concurrently and report their status codes."""

        import asyncio
        import time

        import aiohttp


        async def fetch(session, url: str, timeout: float) -> dict:
            started = time.monotonic()
            try:
                async with session.get(url, timeout=timeout) as response:
                    body = await response.text()
                    return {"url": url, "status": response.status, "bytes": len(body)}
            except asyncio.TimeoutError:
                return {"url": url, "status": None, "error": "timeout"}
            finally:
                elapsed = time.monotonic() - started
                print(f"{url} took {elapsed:.2f}s")


        async def run(urls: list, timeout: float = 10.0, concurrency: int = 4) -> dict:
            """Return one result per URL, in input order."""
            semaphore = asyncio.Semaphore(concurrency)

            async def bounded(session, url):
                async with semaphore:
                    return await fetch(session, url, timeout)

            async with aiohttp.ClientSession() as session:
                results = await asyncio.gather(*[bounded(session, u) for u in urls])
            failed = [r["url"] for r in results if r.get("status") != 200]
            return {"results": results, "failed": failed, "ok": not failed}
        """#,
        #"""
        """Page through a REST API until no next link remains."""

        import json
        from urllib.parse import urljoin

        import httpx

        DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "agent-skill/1.0"}


        async def run(base_url: str, token: str = "", page_size: int = 50, max_pages: int = 20) -> dict:
            headers = dict(DEFAULT_HEADERS)
            if token:
                headers["Authorization"] = f"Bearer {token}"
            items, pages = [], 0
            url = urljoin(base_url, f"items?limit={page_size}")
            async with httpx.AsyncClient(headers=headers) as client:
                while url and pages < max_pages:
                    response = await client.get(url)
                    response.raise_for_status()
                    payload = response.json()
                    items.extend(payload.get("items", []))
                    url = payload.get("next")
                    pages += 1
                else:
                    truncated = bool(url)
            return {"count": len(items), "pages": pages, "truncated": truncated, "items": items}
        """#,
        #"""
        """Send a templated notification to a chat webhook."""

        import json
        import urllib.request

        TEMPLATE = "*{title}*\n{body}\n_{footer}_"


        def render(title, body, footer="sent by agent"):
            return TEMPLATE.format(title=title.strip(), body=body.strip(), footer=footer)


        def post(url, payload, timeout=5):
            data = json.dumps(payload).encode("utf-8")
            request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status


        async def run(webhook: str, title: str, body: str, mention: list = None, dry_run: bool = False) -> dict:
            text = render(title, body)
            if mention:
                text += "\n" + " ".join(f"<@{user}>" for user in mention)
            payload = {"text": text, "mrkdwn": True}
            if dry_run:
                return {"sent": False, "payload": payload}
            try:
                status = post(webhook, payload)
            except OSError as error:
                raise RuntimeError(f"webhook failed: {error}") from error
            return {"sent": status == 200, "status": status, "length": len(text)}
        """#,
        #"""
        """Poll a job endpoint until the job finishes or a deadline passes."""

        import asyncio
        import random


        class JobFailed(Exception):
            pass


        async def poll_once(client, job_id):
            response = await client.get(f"/jobs/{job_id}")
            return response.json()


        async def run(client, job_id: str, interval: float = 2.0, deadline: float = 120.0, jitter: float = 0.1) -> dict:
            waited = 0.0
            attempts = 0
            while waited < deadline:
                attempts += 1
                if (state := await poll_once(client, job_id))["status"] == "done":
                    return {"job": job_id, "result": state.get("result"), "attempts": attempts}
                if state["status"] == "failed":
                    raise JobFailed(state.get("error", "unknown error"))
                delay = interval * (1 + random.uniform(-jitter, jitter))
                await asyncio.sleep(delay)
                waited += delay
            return {"job": job_id, "timeout": True, "attempts": attempts, "waited": round(waited, 1)}
        """#,
        #"""
        """Check TLS certificates of hosts and report the days left."""

        import socket
        import ssl
        from datetime import datetime, timezone


        def days_left(host: str, port: int = 443, timeout: float = 3.0) -> int:
            context = ssl.create_default_context()
            with socket.create_connection((host, port), timeout=timeout) as sock:
                with context.wrap_socket(sock, server_hostname=host) as tls:
                    not_after = tls.getpeercert()["notAfter"]
            expires = datetime.strptime(not_after, "%b %d %H:%M:%S %Y %Z").replace(tzinfo=timezone.utc)
            return (expires - datetime.now(timezone.utc)).days


        async def run(hosts: list, warn_days: int = 30) -> dict:
            report = {}
            for host in hosts:
                name, _, port = host.partition(":")
                try:
                    left = days_left(name, int(port) if port else 443)
                except (OSError, ssl.SSLError) as error:
                    report[host] = {"error": type(error).__name__}
                    continue
                report[host] = {"days": left, "warn": left < warn_days}
            warnings = sorted(h for h, r in report.items() if r.get("warn"))
            return {"hosts": report, "warnings": warnings, "checked": len(hosts)}
        """#,
        #"""
        """Download a file in chunks and verify its checksum."""

        import hashlib
        import os

        CHUNK = 64 * 1024


        async def run(session, url: str, destination: str, sha256: str = None, overwrite: bool = False) -> dict:
            if os.path.exists(destination) and not overwrite:
                return {"skipped": True, "path": destination}
            digest = hashlib.sha256()
            size = 0
            async with session.get(url) as response:
                if response.status != 200:
                    return {"ok": False, "status": response.status}
                with open(destination + ".part", "wb") as out:
                    async for chunk in response.content.iter_chunked(CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
            actual = digest.hexdigest()
            if sha256 is not None and actual != sha256.lower():
                os.remove(destination + ".part")
                return {"ok": False, "error": "checksum mismatch", "expected": sha256, "actual": actual}
            os.replace(destination + ".part", destination)
            return {"ok": True, "path": destination, "bytes": size, "sha256": actual}
        """#,
        #"""
        """Resolve DNS records for a domain and compare with expectations."""

        import asyncio
        import socket


        async def resolve(name: str, family=socket.AF_INET) -> list:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(name, None, family=family, type=socket.SOCK_STREAM)
            return sorted({info[4][0] for info in infos})


        async def run(domain: str, expected: list = [], include_v6: bool = False) -> dict:
            families = [socket.AF_INET] + ([socket.AF_INET6] if include_v6 else [])
            addresses = []
            for family in families:
                try:
                    addresses += await resolve(domain, family)
                except socket.gaierror as error:
                    return {"domain": domain, "error": error.strerror}
            missing = [a for a in expected if a not in addresses]
            unexpected = [a for a in addresses if expected and a not in expected]
            return {
                "domain": domain,
                "addresses": addresses,
                "missing": missing,
                "unexpected": unexpected,
                "match": not missing and not unexpected,
            }
        """#,
        #"""
        """Rate-limited batch upload of records to an HTTP API."""

        import asyncio
        import json
        import time


        class RateLimiter:
            """Allows `rate` calls per second."""

            def __init__(self, rate: float):
                self.interval = 1.0 / rate
                self.last = 0.0

            async def wait(self):
                now = time.monotonic()
                delay = self.last + self.interval - now
                if delay > 0:
                    await asyncio.sleep(delay)
                self.last = max(now, self.last + self.interval)


        def batches(items, size):
            for start in range(0, len(items), size):
                yield items[start:start + size]


        async def run(client, records: list, batch_size: int = 100, rate: float = 5.0) -> dict:
            limiter = RateLimiter(rate)
            sent = failed = 0
            for batch in batches(records, batch_size):
                await limiter.wait()
                response = await client.post("/bulk", content=json.dumps(batch))
                if response.status_code >= 400:
                    failed += len(batch)
                else:
                    sent += len(batch)
            return {"sent": sent, "failed": failed, "batches": -(-len(records) // batch_size)}
        """#,
    ]
}
