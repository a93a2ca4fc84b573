"""Load test of `factlint serve`: lint requests of one draft against 5 cached sources from 8
concurrent clients for 60 s, on loopback only; stops by itself.

    python benchmarks/serve_load.py [--workers 2] [--clients 8] [--seconds 60] [--revise]

Starts `factlint serve` on 127.0.0.1 (a free port, its own parse cache in a temporary
directory), warms it (the sources and the draft are parsed and cached, every worker has
answered), then runs the clients and prints the p50/p95 latency, requests per second, errors
(any answer but 200, or none), and the resident memory of each worker at the start and the end
of the load. The story is ECB+ topic 12 in tests/data/ecbplus (its first article the draft, the
next five the sources). --revise adds a different sentence to the draft in each request, so
the draft is parsed every time (an editor revising it) and only the sources come from the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "tests" / "data" / "ecbplus" / "12_ecb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def story_records() -> tuple[dict, list[dict]]:
    sys.path.insert(0, str(ROOT / "src"))
    from factlint.ingest import load_articles

    articles = load_articles([STORY])[:6]
    records = [{"id": a.id, "text": a.text, "title": a.title, "published": a.published} for a in articles]
    return records[0], records[1:]


def workers_rss(server: psutil.Process) -> dict[int, int]:
    """Resident memory (bytes) of each worker: uvicorn's children, or the server itself with one worker."""
    children = [p for p in server.children(recursive=True) if "multiprocessing.resource_tracker" not in
                " ".join(p.cmdline())]
    return {p.pid: p.memory_info().rss for p in (children or [server])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--revise", action="store_true", help="a different draft in each request")
    args = parser.parse_args()

    draft, sources = story_records()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="factlint-serve-load-") as tmp:
        server = subprocess.Popen([sys.executable, "-m", "factlint.cli", "serve", "--isolated", "--host", "127.0.0.1",
                                   "--port", str(port), "--workers", str(args.workers), "--cache-dir", tmp,
                                   "--log-level", "warning"],
                                  env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, cwd=tmp)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    print("serve_load: the service did not start", file=sys.stderr)
                    return 1
                time.sleep(0.5)
            counter = iter(range(10**9))
            lock = threading.Lock()

            def body() -> bytes:
                text = draft["text"]
                if args.revise:
                    with lock:
                        n = next(counter)
                    text += f"\nThe editor revised this story, version {n}."
                return json.dumps({"draft": {**draft, "text": text}, "sources": sources}).encode()

            with httpx.Client(timeout=60) as warm:  # every worker parses once and caches the sources
                for _ in range(args.workers * 4):
                    answer = warm.post(f"{base}/v1/lint", content=body(), headers={"Content-Type": "application/json"})
                    answer.raise_for_status()
                findings = len(answer.json()["findings"])
            proc = psutil.Process(server.pid)
            rss_start = workers_rss(proc)

            latencies: list[float] = []
            errors: list[str] = []
            stop = time.monotonic() + args.seconds

            def client():
                with httpx.Client(timeout=60) as http:
                    while time.monotonic() < stop:
                        start = time.perf_counter()
                        try:
                            answer = http.post(f"{base}/v1/lint", content=body(),
                                               headers={"Content-Type": "application/json"})
                            ok = answer.status_code == 200
                            problem = None if ok else f"HTTP {answer.status_code}"
                        except httpx.HTTPError as err:
                            problem = type(err).__name__
                        elapsed = time.perf_counter() - start
                        with lock:
                            (errors.append(problem) if problem else latencies.append(elapsed))

            began = time.monotonic()
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            took = time.monotonic() - began
            rss_end = workers_rss(proc)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    done = len(latencies)
    q = statistics.quantiles(latencies, n=100) if done > 1 else [float("nan")] * 99
    print(f"factlint serve: {args.workers} workers, {args.clients} clients, {took:.0f} s, {os.cpu_count()} CPUs; "
          f"draft {draft['id']} against {len(sources)} cached sources ({findings} findings)"
          f"{', revised each request' if args.revise else ''}")
    print(f"requests: {done} ok, {len(errors)} errors{' ' + str(sorted(set(errors))) if errors else ''}; "
          f"{done / took:.1f} requests/s")
    print(f"latency: p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    for pid in sorted(set(rss_start) | set(rss_end)):
        start_mb = rss_start.get(pid, 0) / 2**20
        end_mb = rss_end.get(pid, 0) / 2**20
        print(f"worker {pid}: RSS {start_mb:.0f} MiB at start, {end_mb:.0f} MiB at end")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
