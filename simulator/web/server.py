"""The HTTP server: sign-in pages, health and metrics, and the Gradio pages mounted at "/".

Every Gradio request passes `signed_in_username`: without a valid sign-in the pages redirect to
/login and the API answers 401. Handlers then look the viewer up again and check the role.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlsplit

import gradio as gr
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from simulator.health import health_report
from simulator.metrics import metrics_payload
from simulator.runtime import Rehearsal
from simulator.settings import Settings
from simulator.web.accounts import AccountError, Accounts, Viewer

SIGN_IN_COOKIE = "rehearse_sign_in"
FIRST_RUN = ("There are no accounts yet. Create the first instructor in a terminal with "
             "`rehearse users add NAME --role instructor` (from a checkout: .venv/bin/rehearse), then sign in here; "
             "instructors add learners in the Console.")
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


def login_page(message: str = "", next_path: str = "/", username: str = "", status_code: int = 200) -> HTMLResponse:
    shown = f"<p class='problem' role='alert'>{escape(message)}</p>" if message else ""
    return HTMLResponse(LOGIN_PAGE.format(message=shown, next=escape(next_path), username=escape(username)),
                        status_code=status_code)


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


class SignInRedirect:
    """Plain ASGI (no response buffering, so streamed replies pass straight through): a page
    request without a sign-in goes to /login, remembering where it wanted to go."""

    def __init__(self, app: ASGIApp, gate: SignInGate):
        self.app, self.gate = app, gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in PAGE_PATHS:
            request = Request(scope)
            if self.gate.viewer(request) is None:
                query = scope.get("query_string", b"").decode()
                target = scope["path"] + (f"?{query}" if query else "")
                await RedirectResponse(f"/login?next={quote(target)}", status_code=303)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def build_server(rehearsal: Rehearsal, blocks: gr.Blocks, accounts: Accounts, *, css: str = "",
                 theme: gr.themes.Base | None = None) -> FastAPI:
    settings = rehearsal.settings
    gate = SignInGate(accounts, settings)
    server = FastAPI(title="Rehearse", docs_url=None, redoc_url=None, openapi_url=None)
    server.state.accounts = accounts

    server.add_middleware(SignInRedirect, gate=gate)

    @server.get("/login", response_class=HTMLResponse)
    def show_login(request: Request, next: str = "/") -> Response:
        if gate.viewer(request) is not None:
            return RedirectResponse(safe_next(next), status_code=303)
        if not accounts.any_exist():
            return login_page(FIRST_RUN, safe_next(next))
        return login_page(next_path=safe_next(next))

    @server.post("/login")
    def sign_in(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")) -> Response:
        target = safe_next(next)
        if settings.trusted_header:
            return login_page("Sign-in is handled by your organisation's sign-on here.", target, status_code=400)
        try:
            viewer = accounts.check_password(username, password)
        except AccountError as error:
            return login_page(str(error), target, username, status_code=429)
        if viewer is None:
            return login_page("That username and password do not match an account. Check both and try again.",
                              target, username, status_code=401)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(SIGN_IN_COOKIE, accounts.open_sign_in(viewer.username), httponly=True, samesite="lax",
                            secure=settings.cookie_secure or request.url.scheme == "https",
                            max_age=int(accounts.lifetime.total_seconds()), path="/")
        return response

    @server.api_route("/logout", methods=["GET", "POST"])
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

    add_operations_routes(server, rehearsal)
    blocks.queue(default_concurrency_limit=8)
    return gr.mount_gradio_app(server, blocks, path="/", auth_dependency=gate.username, css=css, theme=theme,
                               footer_links=[], show_error=True)


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
