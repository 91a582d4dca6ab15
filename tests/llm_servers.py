"""Real language-model endpoints for tests: the packaged SmolLM2 model, converted once into an
HF folder and served by `transformers serve` (OpenAI-compatible), plus misbehaving servers."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import httpx

from feedback.llm.local_models import bundled_gguf, convert_gguf_to_folder
from tests.processes import BIN, REPO, free_port

MODEL_CACHE = REPO / "test-artifacts" / "models"


def smollm2_folder() -> Path:
    """The packaged GGUF as an HF folder (converted on first use, ~1 minute, then reused)."""
    MODEL_CACHE.mkdir(parents=True, exist_ok=True)
    return convert_gguf_to_folder(bundled_gguf(), MODEL_CACHE / "smollm2-135m-instruct")


@contextmanager
def transformers_server(model_dir: Path, log: Path, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """`transformers serve MODEL_DIR` on a free loopback port; yields the /v1 base URL."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    handle = log.open("ab")
    process = subprocess.Popen(
        [
            str(BIN / "transformers"),
            "serve",
            str(model_dir),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            *extra,
        ],
        cwd=REPO,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"transformers serve exited:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        else:
            raise TimeoutError(f"transformers serve did not start:\n{log.read_text()[-3000:]}")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)


@contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers: a server that is up but too slow."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        listener.close()


class FakeOpenAIServer:
    """A tiny OpenAI-compatible server (stdlib http.server in a thread) that answers after
    `delay_s`: the partner's reply streamed as server-sent events, or the llm rater's JSON
    (every skill the prompt asks for, rated strong). Set `delay_s` to make it slow, 0 to recover."""

    PARTNER_REPLY = "Fine. I hear you about the dishes. I'll see what I can do tonight."

    def __init__(self, port: int = 0, delay_s: float = 0.0):
        import http.server
        import json
        import re

        self.delay_s = delay_s
        self.requests = 0
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_GET(self) -> None:
                time.sleep(fake.delay_s)
                self._json({"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "tests"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests += 1
                time.sleep(fake.delay_s)
                prompt = body.get("messages", [{}])[-1].get("content", "")
                asked = re.search(r"Rate these skills: (.*)\.", prompt)
                if asked:
                    ratings = [
                        {
                            "skill": skill.strip(),
                            "reasoning": "States it.",
                            "level": "strong",
                            "confidence": 0.9,
                            "evidence": "",
                            "reason": "Names the facts plainly.",
                            "rewrite": "As said.",
                        }
                        for skill in asked.group(1).split(",")
                    ]
                    text = json.dumps({"ratings": ratings})
                else:
                    text = fake.PARTNER_REPLY
                if body.get("stream"):
                    self._stream(text)
                else:
                    self._json(
                        {
                            "id": "c1",
                            "object": "chat.completion",
                            "created": 0,
                            "model": "fake",
                            "choices": [
                                {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
                            ],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                        }
                    )

            def _json(self, payload: dict) -> None:  # type: ignore[type-arg]
                data = json.dumps(payload).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up waiting (a timeout): what a slow server sees

            def _stream(self, text: str) -> None:
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for word in re.findall(r"\S+\s*", text):
                        chunk = {
                            "id": "c1",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": "fake",
                            "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}],
                        }
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                except OSError:
                    pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()
