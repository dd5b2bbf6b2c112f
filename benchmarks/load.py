"""Loopback load test: mailcoach-server against a bare Flask endpoint, in the same run.

Both run under gunicorn with the same number of sync workers and preloading. The bare app
only computes textstat's Flesch reading ease on the posted text: the least any readability
service must do, so the ratio shows what mailcoach's full analysis costs on top. Every
request carries a different ~150-word draft (no cache hits on whole texts).

    .venv/bin/python benchmarks/load.py --requests 5000
    .venv/bin/python benchmarks/load.py --requests 50000     # the soak: watch worker memory

The requests are sent in --rounds rounds that alternate between the servers, so a burst of
other work on the machine hits both alike. Prints, per server, the median requests/s over the
rounds, p50 and p99 latency, error counts, worker RSS before and after, and the server's own CPU
time per request (gunicorn master and workers: unlike requests/s, it does not count the load
client, which shares the machine); then the median throughput ratio of the rounds. Bounded by
--requests and --max-seconds; loopback only.

Gunicorn's sync workers (both servers) close the connection after every answer
(`Connection: close`), so each request here opens a new TCP connection.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent

# --- the bare baseline app (gunicorn imports it as load:bare_app) -------------------------------


def _make_bare_app():
    import textstat
    from flask import Flask, jsonify, request

    app = Flask("bare")

    @app.post("/flesch")
    def flesch():
        text = request.get_json()["text"]
        return jsonify({"flesch_reading_ease": textstat.flesch_reading_ease(text)})

    return app


if os.environ.get("MAILCOACH_BENCH_BARE") == "1":
    bare_app = _make_bare_app()


# --- drafts --------------------------------------------------------------------------------

NAMES = ["Sam", "Priya", "Jordan", "Mei", "Alex", "Fatima", "Lucas", "Ana", "Tom", "Grace", "Omar", "Ines"]
PRODUCTS = ["blender", "laptop stand", "subscription", "headphones", "desk lamp", "coffee grinder",
            "backpack", "monitor", "keyboard", "gift card", "camera strap", "water filter"]
SENTENCES = [
    "Thank you for writing to us about your {product}.",
    "I am sorry that order {order} arrived late and that you had to chase us for an update.",
    "Per our policy we are unable to refund opened items, but I have asked for an exception.",
    "You must read the instructions before using the {product} again.",
    "I have sent a replacement {product} today and you should see it by {day}.",
    "We apologize for any inconvenience this may have caused.",
    "It's not our fault that the courier lost the parcel, but we will make it right.",
    "Could you tell me whether the {product} works now that you have reset it?",
    "Our team is looking into the problem and will get back to you shortly.",
    "To utilize the warranty, please facilitate the return of the item at your earliest convenience.",
    "I will call you on {day} at {hour} to check that everything is working.",
    "Your account {order} now shows a credit of {amount} dollars, which you can use at any time.",
    "Mistakes were made in how the request was handled, and errors may have occurred.",
    "As a valued customer you get an exclusive deal on our premium {product} this week only.",
    "If anything else comes up, just reply to this email and it will come straight to me.",
    "I know how frustrating it is to wait, and I appreciate your patience while we fixed it.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def draft(rng: random.Random, words: int = 150) -> str:
    """A varied customer email of about `words` words; the order number makes each unique."""
    name = rng.choice(NAMES)
    parts = [f"Hi {name},", ""]
    count = 2
    paragraph: list[str] = []
    while count < words:
        s = rng.choice(SENTENCES).format(product=rng.choice(PRODUCTS), order=rng.randrange(10**7, 10**8),
                                         day=rng.choice(DAYS), hour=f"{rng.randrange(8, 18)}:00",
                                         amount=rng.randrange(5, 500))
        paragraph.append(s)
        count += len(s.split())
        if len(paragraph) == 3:
            parts += [" ".join(paragraph), ""]
            paragraph = []
    if paragraph:
        parts += [" ".join(paragraph), ""]
    parts += ["Best,", rng.choice(NAMES)]
    return "\n".join(parts)


# --- servers ---------------------------------------------------------------------------------

@dataclass
class Server:
    name: str
    process: subprocess.Popen
    log: Path
    port: int = 0
    path: str = "/"

    def worker_pids(self) -> list[int]:
        return [c.pid for c in psutil.Process(self.process.pid).children(recursive=True)]

    def cpu_seconds(self) -> float:
        """User and system CPU time of the gunicorn master and its workers so far."""
        total = 0.0
        for pid in [self.process.pid, *self.worker_pids()]:
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def worker_rss_mb(self) -> list[float]:
        out = []
        for pid in self.worker_pids():
            try:
                out.append(psutil.Process(pid).memory_info().rss / 2**20)
            except psutil.NoSuchProcess:
                pass
        return sorted(out)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _wait_for_port(server: Server, pattern: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} exited:\n{server.log.read_text()}")
        m = re.search(pattern, server.log.read_text(errors="replace"))
        if m:
            server.port = int(m.group(1))
            return
        time.sleep(0.05)
    server.stop()
    raise SystemExit(f"{server.name} did not start:\n{server.log.read_text()}")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILCOACH_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), str(REPO / "benchmarks"), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def start_mailcoach(workers: int, tmp: Path) -> Server:
    script = Path(sys.executable).parent / "mailcoach-server"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "addin_server.cli"]
    log = tmp / "mailcoach.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd + ["serve", "--port", "0", "--workers", str(workers), "--no-access-log",
                                       "--log-level", "warning"],
                                stdout=out, stderr=subprocess.STDOUT, env=_env(MAILCOACH_RATELIMIT="off"))
    server = Server("mailcoach", proc, log, path="/api/v1/analyze")
    _wait_for_port(server, r"listening on http://127\.0\.0\.1:(\d+)")
    return server


def start_bare(workers: int, tmp: Path) -> Server:
    log = tmp / "bare.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(workers), "--preload",
                                 "--bind", "127.0.0.1:0", "--log-level", "info", "load:bare_app"],
                                stdout=out, stderr=subprocess.STDOUT, cwd=str(REPO / "benchmarks"),
                                env=_env(MAILCOACH_BENCH_BARE="1"))
    server = Server("bare textstat", proc, log, path="/flesch")
    _wait_for_port(server, r"Listening at: http://127\.0\.0\.1:(\d+)")
    return server


# --- load ------------------------------------------------------------------------------------

@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the server's, while this load ran

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        return self.cpu_seconds / len(self.latencies) * 1000 if self.latencies else float("nan")


def run_load(server: Server, bodies: list[bytes], connections: int, max_seconds: float) -> Result:
    """Send every body once, from `connections` threads each with a keep-alive connection."""
    result = Result()
    lock = threading.Lock()
    next_index = iter(range(len(bodies)))
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        latencies, errors = [], {}
        while time.monotonic() < deadline:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            start = time.perf_counter()
            try:
                conn.request("POST", server.path, body=bodies[i], headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[str(response.status)] = errors.get(str(response.status), 0) + 1
                    continue
            except (OSError, http.client.HTTPException) as e:
                errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                continue
            latencies.append(time.perf_counter() - start)
        conn.close()
        with lock:
            result.latencies.extend(latencies)
            for k, v in errors.items():
                result.errors[k] = result.errors.get(k, 0) + v

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    cpu_before = server.cpu_seconds()
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - began
    result.cpu_seconds = server.cpu_seconds() - cpu_before
    return result


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000, help="requests per server (default 5000)")
    parser.add_argument("--rounds", type=int, default=10,
                        help="split the requests into this many rounds, alternating servers (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--warmup", type=int, default=300, help="requests per server before measuring")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop each run after this long")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rounds = max(1, min(args.rounds, args.requests))

    rng = random.Random(args.seed)
    total = args.warmup + args.requests
    texts = [draft(rng, args.words) for _ in range(total)]
    bodies = [json.dumps({"text": t}).encode() for t in texts]
    mean_words = statistics.mean(len(t.split()) for t in texts[:500])
    print(f"{args.requests} requests per server (+{args.warmup} warm-up) in {rounds} alternating rounds, "
          f"{args.connections} connections, {args.workers} workers each, drafts of ~{mean_words:.0f} words, "
          f"all different\n")

    measured = bodies[args.warmup:]
    slices = [measured[i * len(measured) // rounds:(i + 1) * len(measured) // rounds] for i in range(rounds)]
    with tempfile.TemporaryDirectory() as tmp:
        servers = [start_bare(args.workers, Path(tmp)), start_mailcoach(args.workers, Path(tmp))]
        try:
            runs, rss = measure(servers, bodies[:args.warmup], slices, args.connections, args.max_seconds)
        finally:
            for server in servers:
                server.stop()
    return report(servers, runs, rss)


def measure(servers: list[Server], warmup: list[bytes], slices: list[list[bytes]], connections: int,
            max_seconds: float) -> tuple[dict[str, list[Result]], dict[str, tuple[list[float], list[float]]]]:
    """Warm every server up, then send each slice to every server in turn; results and RSS by name."""
    for server in servers:
        run_load(server, warmup, connections, max_seconds)
    before = {server.name: server.worker_rss_mb() for server in servers}
    runs: dict[str, list[Result]] = {}
    deadline = time.monotonic() + max_seconds
    for chunk in slices:
        for server in servers:
            left = deadline - time.monotonic()
            if left > 0:
                runs.setdefault(server.name, []).append(run_load(server, chunk, connections, left))
    return runs, {server.name: (before[server.name], server.worker_rss_mb()) for server in servers}


def report(servers: list[Server], runs: dict[str, list[Result]],
           rss: dict[str, tuple[list[float], list[float]]]) -> int:
    """Print the table and the ratio of the bare server (first) to mailcoach (second)."""
    print(f"{'server':<14} {'done':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8} {'CPU ms/req':>11}"
          f"  worker RSS MB before -> after")
    for server in servers:
        results = runs.get(server.name, [])
        latencies = [x for r in results for x in r.latencies]
        errors: dict[str, int] = {}
        for r in results:
            for k, v in r.errors.items():
                errors[k] = errors.get(k, 0) + v
        before, after = rss.get(server.name, ([], []))
        growth = (sum(after) - sum(before)) / sum(before) * 100 if before and sum(before) else float("nan")
        rps = statistics.median(r.rps for r in results) if results else 0.0
        cpu = statistics.median(r.cpu_ms_per_request for r in results) if results else float("nan")
        print(f"{server.name:<14} {len(latencies):>7} {rps:>8.0f} {percentile(latencies, 50) * 1000:>8.1f} "
              f"{percentile(latencies, 99) * 1000:>8.1f} {sum(errors.values()):>8} {cpu:>11.3f}  "
              f"{'/'.join(f'{m:.0f}' for m in before)} -> {'/'.join(f'{m:.0f}' for m in after)} ({growth:+.1f}%)"
              + (f"  {errors}" if errors else ""))
    bare, coach = (runs.get(server.name, []) for server in servers)
    ratios = [c.rps / b.rps for b, c in zip(bare, coach) if b.rps]
    if not ratios or not coach:
        print("\nno complete round within --max-seconds")
        return 1
    coach_latencies = [x for r in coach for x in r.latencies]
    print(f"\nmailcoach throughput = {statistics.median(ratios):.0%} of the bare textstat endpoint "
          f"(goal >= 70%; median of {len(ratios)} rounds: {', '.join(f'{x:.0%}' for x in ratios)}); "
          f"mailcoach p99 {percentile(coach_latencies, 99) * 1000:.1f} ms (goal < 25 ms)")
    print(f"server CPU per request: mailcoach {statistics.median(r.cpu_ms_per_request for r in coach):.3f} ms, "
          f"bare {statistics.median(r.cpu_ms_per_request for r in bare):.3f} ms (medians over rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
