"""A real HTTP server for webhook tests: keeps every POST it receives (stdlib, in a thread)."""

from __future__ import annotations

import http.server
import json
import threading
from typing import Any, Self


class WebhookServer:
    def __init__(self, status: int = 204):
        self.status = status
        self.bodies: list[bytes] = []
        self.received = threading.Event()
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_POST(self) -> None:
                hook.bodies.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                hook.received.set()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/rehearse"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def wait_for(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        """The first `count` bodies, parsed, waiting for them to arrive."""
        while len(self.bodies) < count:
            self.received.clear()
            if len(self.bodies) < count and not self.received.wait(timeout):
                raise TimeoutError(f"the webhook received {len(self.bodies)} of {count} POSTs")
        return [json.loads(body) for body in self.bodies[:count]]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()
