"""The HTTP server: sign-in pages, health and metrics, and the Gradio pages mounted at "/".

Layers, outermost first: CORS answers only the allowed origins (never a foreign one with
credentials); `SameOriginChanges` refuses a change (POST, PUT, PATCH, DELETE) sent by a page of
another origin; `SignedInOnly` lets nothing but sign-in, /healthz and /metrics through without a
sign-in (pages redirect to /login, the rest answers 401); `UploadGuard` lets only instructors
upload, caps the size, and serves uploads back to nobody. Handlers then check the role again.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import gradio as gr
from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.health import health_report
from simulator.metrics import metrics_payload
from simulator.runtime import Rehearsal
from simulator.settings import Settings
from simulator.web.accounts import AccountError, Accounts, Capability, Viewer
from simulator.web.private_files import ARCHIVE_NAME, ExportShelf, private_dir, sweep

SIGN_IN_COOKIE = "rehearse_sign_in"
FORM_COOKIE = "rehearse_form_token"  # the sign-in form's token, compared with the form's hidden field
FORM_TOKEN_S = 2 * 60 * 60
MAX_UPLOAD_BYTES = 256 * 1024
UPLOAD_OVERHEAD_BYTES = 16 * 1024  # multipart headers around one file
OPEN_PATHS = frozenset({"/login", "/logout", "/healthz", "/metrics"})
# Study participants have no account: their enrolment code admits them (simulator.web.study
# checks it, and the researcher's sign-in for the dashboard, on every request).
OPEN_PREFIXES = ("/study/",)
CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
EXPORT_GONE = (
    "This export is not available: an export can be downloaded once, within an hour, by the person "
    "who prepared it. Prepare it again in the Console."
)
FIRST_RUN = (
    "There are no accounts yet. Create the first instructor in a terminal with "
    "`rehearse users add NAME --role instructor` (from a checkout: .venv/bin/rehearse), then sign in here; "
    "instructors add learners in the Console."
)
PAGE_PATHS = ("/", "/index.html")

LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Rehearse</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #111; }}
 main {{ max-width: 24rem; margin: 8vh auto; padding: 1.5rem; background: #fff; border: 1px solid #c9ced6; border-radius: 8px; }}
 h1 {{ font-size: 1.5rem; margin-top: 0; }}
 label {{ display: block; font-weight: 600; margin: 1rem 0 0.25rem; }}
 input {{ width: 100%; box-sizing: border-box; padding: 0.6rem; font-size: 1rem; border: 1px solid #5b6470; border-radius: 4px; }}
 button {{ margin-top: 1.25rem; width: 100%; padding: 0.7rem; font-size: 1rem; background: #1f4e8c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }}
 input:focus, button:focus {{ outline: 3px solid #f2a900; outline-offset: 2px; }}
 .problem {{ color: #8a1c1c; font-weight: 600; }}
 .hint {{ color: #333; font-size: 0.9rem; }}
</style></head>
<body><main>
<h1>Rehearse</h1>
<p class="hint">Practise hard conversations and see how each skill came across.</p>
{message}
<form method="post" action="login">
 <input type="hidden" name="next" value="{next}">
 <input type="hidden" name="form_token" value="{form_token}">
 <label for="username">Username</label>
 <input id="username" name="username" autocomplete="username" required autofocus value="{username}">
 <label for="password">Password</label>
 <input id="password" name="password" type="password" autocomplete="current-password" required>
 <button type="submit">Sign in</button>
</form>
<p class="hint">No account yet? Ask your instructor for one.</p>
</main></body></html>"""


def safe_next(target: str | None) -> str:
    """Only paths on this site: a sign-in link cannot send people elsewhere."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def login_page(
    message: str = "", next_path: str = "/", username: str = "", status_code: int = 200, form_token: str = ""
) -> HTMLResponse:
    shown = f"<p class='problem' role='alert'>{escape(message)}</p>" if message else ""
    page = LOGIN_PAGE.format(
        message=shown, next=escape(next_path), username=escape(username), form_token=escape(form_token)
    )
    return HTMLResponse(page, status_code=status_code, headers={"Cache-Control": "no-store"})


class SignInGate:
    """Who a request comes from: the sign-in cookie, or the trusted proxy header when configured."""

    def __init__(self, accounts: Accounts, settings: Settings):
        self.accounts = accounts
        self.trusted_header = settings.trusted_header

    def viewer(self, request: Request) -> Viewer | None:
        if self.trusted_header:
            name = request.headers.get(self.trusted_header)
            return self.accounts.viewer_for_trusted_name(name) if name else None
        return self.accounts.viewer_for_token(request.cookies.get(SIGN_IN_COOKIE))

    def username(self, request: Request) -> str | None:
        viewer = self.viewer(request)
        return viewer.username if viewer else None


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of a URL, lower case, without a default port; None if it has none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


class SameOriginChanges:
    """A change (POST, PUT, PATCH, DELETE, and opening a websocket) is refused when its Origin, or
    failing that its Referer, names a site that is not allowed. Allowed: the `allowed` origins
    when set, else the app's own origin as this request reached it (Host header and scheme).
    Requests with neither header come from programs, not pages, and carry no one's cookies by
    accident."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]):
        self.app, self.allowed = app, frozenset(filter(None, (origin_of(o) for o in allowed)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        changes = scope["type"] == "websocket" or (scope["type"] == "http" and scope["method"] in CHANGES)
        if changes and not self.permitted(scope):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await PlainTextResponse("Refused: this request came from a page of another site.", status_code=403)(
                scope, receive, send
            )
            return
        await self.app(scope, receive, send)

    def permitted(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        sent = headers.get("origin") or headers.get("referer")
        if sent is None:
            return True
        source = origin_of(sent)
        if source is None:  # "null" (sandboxed frames, privacy redirects) or something unreadable
            return False
        if self.allowed:
            return source in self.allowed
        scheme = {"ws": "http", "wss": "https"}.get(scope["scheme"], scope["scheme"])
        return source == origin_of(f"{scheme}://{headers.get('host', '')}")


class SignedInOnly:
    """Plain ASGI (no response buffering, so streamed replies pass straight through): without a
    sign-in, only the sign-in page, /healthz and /metrics answer. A page request goes to /login,
    remembering where it wanted to go; anything else (Gradio's API, its config, its files) gets 401."""

    def __init__(self, app: ASGIApp, gate: SignInGate):
        self.app, self.gate = app, gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] not in ("http", "websocket")
            or scope["path"] in OPEN_PATHS
            or scope["path"].startswith(OPEN_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        if await run_in_threadpool(self.gate.viewer, Request(scope)) is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        elif scope["method"] in ("GET", "HEAD") and scope["path"] in PAGE_PATHS:
            query = scope.get("query_string", b"").decode()
            target = scope["path"] + (f"?{query}" if query else "")
            await RedirectResponse(f"/login?next={quote(target)}", status_code=303)(scope, receive, send)
        else:
            await JSONResponse(
                {"detail": "Sign in first: open the app's address to reach the sign-in page."}, status_code=401
            )(scope, receive, send)


class UploadGuard:
    """Uploads (POST /gradio_api/upload) only from accounts that author scenarios, at most
    MAX_UPLOAD_BYTES a request; Gradio's file route never serves an upload back."""

    UPLOAD_PATHS = ("/gradio_api/upload", "/upload")
    FILE_PREFIXES = ("/gradio_api/file=", "/gradio_api/file/", "/file=", "/file/")

    def __init__(self, app: ASGIApp, gate: SignInGate, uploads_dir: Path):
        self.app, self.gate, self.uploads_dir = app, gate, uploads_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path.rstrip("/") in self.UPLOAD_PATHS:
            await self.upload(scope, receive, send)
            return
        prefix = next((p for p in self.FILE_PREFIXES if path.startswith(p)), None)
        if prefix is not None and self.is_upload(path[len(prefix) :]):
            await PlainTextResponse("Not found.", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def is_upload(self, target: str) -> bool:
        """Whether `target` (already decoded once by the server) names something in the uploads,
        read as it is or decoded once more: refuse if either reading lands there."""
        root = self.uploads_dir.resolve()
        for text in {target, unquote(target)}:
            for candidate in (Path(os.path.abspath(text)), Path(text).resolve()):
                if candidate.is_relative_to(root):
                    return True
        return False

    async def upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        viewer = await run_in_threadpool(self.gate.viewer, Request(scope))
        if viewer is None or not viewer.can(Capability.author_scenarios):
            await PlainTextResponse("Only instructors upload files (scenario drafts).", status_code=403)(
                scope, receive, send
            )
            return
        limit = MAX_UPLOAD_BYTES + UPLOAD_OVERHEAD_BYTES
        too_big = PlainTextResponse(f"A file may be at most {MAX_UPLOAD_BYTES // 1024} KiB.", status_code=413)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await too_big(scope, receive, send)
            return
        body: list[bytes] = []
        size = 0
        while True:  # read the whole (small) body first, so an undeclared length is capped too
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await too_big(scope, receive, send)
                return
            body.append(chunk)
            if not message.get("more_body", False):
                break
        await run_in_threadpool(sweep, self.uploads_dir)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def build_server(
    rehearsal: Rehearsal,
    blocks: gr.Blocks,
    accounts: Accounts,
    *,
    css: str = "",
    theme: gr.themes.Base | None = None,
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """`routers`: pages of their own (the study pages), served before the Gradio pages."""
    settings = rehearsal.settings
    gate = SignInGate(accounts, settings)
    shelf = ExportShelf(settings.exports_dir)
    server = FastAPI(title="Rehearse", docs_url=None, redoc_url=None, openapi_url=None)
    server.state.accounts = accounts

    server.add_middleware(UploadGuard, gate=gate, uploads_dir=settings.uploads_dir)
    server.add_middleware(SignedInOnly, gate=gate)
    server.add_middleware(SameOriginChanges, allowed=settings.allowed_origin_set)
    # Listed here, Starlette's CORS replaces Gradio's, which echoes any origin with credentials.
    server.add_middleware(
        CORSMiddleware,
        allow_origins=sorted(settings.allowed_origin_set),
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
    )
    add_sign_in_routes(server, gate, accounts, settings)
    add_sign_out_routes(server, gate, accounts)
    add_export_route(server, gate, shelf)
    add_operations_routes(server, rehearsal)
    for router in routers:
        server.include_router(router)
    blocks.queue(default_concurrency_limit=8)
    sweep(settings.uploads_dir)
    shelf.sweep()
    # show_error=False: a failure the handlers did not foresee reaches the page as a plain "Error",
    # its details only in the server log; the messages handlers raise (gr.Error) still show.
    return gr.mount_gradio_app(
        server,
        blocks,
        path="/",
        auth_dependency=gate.username,
        css=css,
        theme=theme,
        footer_links=[],
        show_error=False,
        max_file_size=MAX_UPLOAD_BYTES,
        app_kwargs={"docs_url": None, "redoc_url": None, "openapi_url": None},
    )


def _secure(settings: Settings, request: Request) -> bool:
    return settings.cookie_secure or request.url.scheme == "https"


def _form_page(
    settings: Settings,
    request: Request,
    message: str = "",
    next_path: str = "/",
    username: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    """The sign-in page with its form token, also set as a cookie only this site can read back."""
    token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(32)
    response = login_page(message, next_path, username, status_code, form_token=token)
    response.set_cookie(
        FORM_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(settings, request),
        max_age=FORM_TOKEN_S,
        path="/login",
    )
    return response


def add_sign_in_routes(server: FastAPI, gate: SignInGate, accounts: Accounts, settings: Settings) -> None:
    """/login: the form, and signing in."""

    def form_page(request: Request, *args: Any, **kwargs: Any) -> HTMLResponse:
        return _form_page(settings, request, *args, **kwargs)

    def secure(request: Request) -> bool:
        return _secure(settings, request)

    @server.get("/login", response_class=HTMLResponse)
    def show_login(request: Request, next: str = "/") -> Response:
        if gate.viewer(request) is not None:
            return RedirectResponse(safe_next(next), status_code=303)
        if not accounts.any_exist():
            return form_page(request, FIRST_RUN, safe_next(next))
        return form_page(request, next_path=safe_next(next))

    @server.post("/login")
    def sign_in(
        request: Request,
        username: str = Form(""),
        password: str = Form(""),
        next: str = Form("/"),
        form_token: str = Form(""),
    ) -> Response:
        target = safe_next(next)
        if settings.trusted_header:
            return login_page("Sign-in is handled by your organisation's sign-on here.", target, status_code=400)
        expected = request.cookies.get(FORM_COOKIE, "")
        if not expected or not hmac.compare_digest(expected.encode(), form_token.encode()):
            return form_page(
                request,
                "This sign-in form has expired or did not come from this site. Sign in again here.",
                target,
                status_code=403,
            )
        try:
            viewer = accounts.check_password(username, password, client_of(request))
        except AccountError as error:
            return form_page(request, f"{str(error)[:1].upper()}{str(error)[1:]}.", target, username, status_code=429)
        if viewer is None:
            return form_page(
                request,
                "That username and password do not match an account. Check both and try again.",
                target,
                username,
                status_code=401,
            )
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SIGN_IN_COOKIE,
            accounts.open_sign_in(viewer.username),
            httponly=True,
            samesite="lax",
            secure=secure(request),
            max_age=int(accounts.lifetime.total_seconds()),
            path="/",
        )
        response.delete_cookie(FORM_COOKIE, path="/login")
        return response


def add_sign_out_routes(server: FastAPI, gate: SignInGate, accounts: Accounts) -> None:
    """/logout (by POST only) and /whoami."""

    @server.get("/logout")
    def no_sign_out_by_link() -> Response:
        """A link or an image on any page could sign people out; only the page's button (a POST) does."""
        return PlainTextResponse(
            "Sign out with the button at the top of the page.", status_code=405, headers={"Allow": "POST"}
        )

    @server.post("/logout")
    def sign_out(request: Request) -> Response:
        accounts.close_sign_in(request.cookies.get(SIGN_IN_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SIGN_IN_COOKIE, path="/")
        return response

    @server.get("/whoami")
    def whoami(request: Request) -> JSONResponse:
        viewer = gate.viewer(request)
        if viewer is None:
            return JSONResponse({"detail": "not signed in"}, status_code=401)
        return JSONResponse({"username": viewer.username, "role": viewer.role.value})


def add_export_route(server: FastAPI, gate: SignInGate, shelf: ExportShelf) -> None:
    @server.get("/exports/{export_id}")
    def export_archive(export_id: str, request: Request) -> Response:
        """A prepared export, for the person who prepared it, once."""
        viewer = gate.viewer(request)
        path = shelf.claim(viewer.username, export_id) if viewer and viewer.can(Capability.export_data) else None
        if viewer is None or path is None:
            return PlainTextResponse(EXPORT_GONE, status_code=404)
        return FileResponse(
            path,
            media_type="application/zip",
            filename=ARCHIVE_NAME,
            headers={"Cache-Control": "no-store"},
            background=BackgroundTask(shelf.discard, viewer.username, export_id),
        )


def use_private_uploads(settings: Settings) -> Path:
    """Gradio keeps uploads in GRADIO_TEMP_DIR: the data folder's uploads/, for the app's user only.
    Call before the Blocks are built (Gradio reads it then)."""
    folder = private_dir(settings.uploads_dir).resolve()
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


def client_of(request: Request) -> str:
    """Where a request comes from; behind a proxy the server trusts (FORWARDED_ALLOW_IPS), the
    address the proxy names in X-Forwarded-For."""
    return request.client.host if request.client else "unknown"


def add_operations_routes(server: FastAPI, rehearsal: Rehearsal) -> None:
    """/healthz and /metrics, open to the cluster (they carry no personal data)."""

    @server.get("/healthz")
    def health() -> JSONResponse:
        report = health_report(rehearsal)
        return JSONResponse(report, status_code=int(report.get("http_status", 200)))

    @server.get("/metrics")
    def metrics() -> Response:
        body, content_type = metrics_payload()
        return Response(body, media_type=content_type)
