"""Resident memory of one app replica: starts `rehearse serve` on a free port with a fresh data
folder, waits until it answers, reads VmRSS, then plays sessions through the app's own Gradio
API (scripted partner, knn rater, the defaults; signed in through REHEARSE_TRUSTED_HEADER) and
reads VmRSS and VmHWM (peak) again, and the server's CPU time per learner turn (the client's
own CPU is not counted).

    .venv/bin/python deploy/measure_memory.py [--sessions 40] [--turns 8] [--clients 4] [--cache-dir DIR]

--cache-dir points at a folder holding the exported ONNX encoder (as the container image does,
see deploy/Dockerfile); without it the first start exports the model (about 25 s more, and a
higher peak that a warm start never sees). Linux only (/proc). Talks to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TRUSTED_HEADER = "X-Measure-User"  # the app signs requests in by this header (loopback only)
SCENARIOS = ("roommate-dishes", "sister-loan", "friend-concert-money", "manager-finish-time")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_ready(url: str, process: subprocess.Popen, limit_s: float = 180) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        if process.poll() is not None:
            raise RuntimeError(f"rehearse serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {limit_s} s")


def play(url: str, number: int, turns: int, lines: list[str]) -> int:
    """One session through the app's own API, signed in through the trusted header."""
    from gradio_client import Client

    client = Client(url, verbose=False, headers={TRUSTED_HEADER: f"measure-{number}"})
    start = client.view_api(print_info=False, return_format="dict")["named_endpoints"]["/start"]["parameters"]
    args = [
        SCENARIOS[number % len(SCENARIOS)]
        if p["parameter_name"] == "scenario_id"
        else f"measure-{number}"
        if p["parameter_name"] == "learner"
        else None
        for p in start
    ]
    outputs = client.predict(*args, api_name="/start")
    session_id = next(o for o in outputs if isinstance(o, str) and re.fullmatch(r"[0-9a-f]{32}", o))
    for turn in range(turns):
        client.predict(session_id, lines[(number * turns + turn) % len(lines)], api_name="/send")
    return turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--clients", type=int, default=4, help="sessions played at the same time")
    parser.add_argument("--cache-dir", type=Path, help="REHEARSE_CACHE_DIR with the exported encoder")
    args = parser.parse_args()

    from feedback.labelled_data import load_labelled
    from feedback.training import training_files

    lines = [row.utterance for path in training_files() for row in load_labelled(path)]
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "REHEARSE_DATA_DIR": data, "REHEARSE_TRUSTED_HEADER": TRUSTED_HEADER}
        if args.cache_dir:
            env["REHEARSE_CACHE_DIR"] = str(args.cache_dir)
        rehearse = Path(sys.executable).with_name("rehearse")
        with open(Path(data) / "serve.log", "w+") as log:
            process = subprocess.Popen(
                [str(rehearse), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                ready_s = wait_ready(url, process)
                time.sleep(2)
                idle = memory_kib(process.pid)
                cpu_before = cpu_seconds(process.pid)
                start = time.monotonic()
                with ThreadPoolExecutor(args.clients) as pool:
                    played = sum(pool.map(lambda n: play(url, n, args.turns, lines), range(args.sessions)))
                busy = memory_kib(process.pid)
                cpu_used = cpu_seconds(process.pid) - cpu_before
                result = {
                    "ready_s": round(ready_s, 1),
                    "idle_rss_mib": round(idle["VmRSS"] / 1024),
                    "after_rss_mib": round(busy["VmRSS"] / 1024),
                    "peak_rss_mib": round(busy["VmHWM"] / 1024),
                    "sessions": args.sessions,
                    "turns": played,
                    "clients": args.clients,
                    "turns_per_s": round(played / (time.monotonic() - start), 1),
                    "server_cpu_ms_per_turn": round(cpu_used / played * 1000),
                }
            except Exception:
                log.seek(0)
                print(log.read()[-4000:], file=sys.stderr)  # what the server said before it failed
                raise
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
