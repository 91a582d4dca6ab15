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
    process = subprocess.Popen([str(BIN / "transformers"), "serve", str(model_dir), "--host", "127.0.0.1",
                                "--port", str(port), "--log-level", "warning", *extra],
                               cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
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
