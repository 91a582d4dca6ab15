"""Attacks from outside, tried over HTTP against a running app: pages of other origins, sign-in
forms from other sites, sign-out links, uploads, other people's exports, guessed passwords,
re-identification by researchers, and what answers without a sign-in."""

from __future__ import annotations

import stat
import zipfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from simulator.research.export import pseudonymizer
from simulator.web.accounts import Role
from simulator.web.api_client import CallFailed, sign_in_form
from simulator.web.server import FORM_COOKIE, SIGN_IN_COOKIE
from tests.app.conftest import EXPORT_KEY
from tests.processes import PASSWORD, signed_in

pytestmark = pytest.mark.slow
UNANSWERED = [None] * 8
TURN = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"
DRAFT = b"id: uploaded-draft\ntitle: An uploaded draft\n"


def own_origin(url: str) -> str:
    return url.rstrip("/")


def other_port(url: str) -> str:
    parts = urlsplit(url)
    return f"http://{parts.hostname}:{parts.port + 1}"


def account_names(instructor) -> list[str]:  # type: ignore[no-untyped-def]
    return [row[0] for row in instructor.call("console_accounts")[0]["data"]]


def add_account_request(name: str) -> dict:
    return {"data": [name, "instructor", "", "a fine long password"]}


# origins ---------------------------------------------------------------------------------------
def test_a_page_on_another_port_cannot_create_an_account_with_an_instructors_sign_in(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    for headers in (
        {"Origin": other_port(web_app.url)},
        {"Referer": other_port(web_app.url) + "/attack.html"},
        {"Origin": "null"},
    ):
        refused = instructor.http.post(
            "/gradio_api/call/console_add_account", json=add_account_request("mallory-1"), headers=headers
        )
        assert refused.status_code == 403, headers
        joined = instructor.http.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0}, headers=headers)
        assert joined.status_code == 403, headers
    assert "mallory-1" not in account_names(instructor)
    allowed = instructor.http.post(
        "/gradio_api/call/console_accounts", json={"data": []}, headers={"Origin": own_origin(web_app.url)}
    )
    assert allowed.status_code == 200  # the app's own pages still work


def test_a_sibling_subdomain_cannot_act_for_a_signed_in_user(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    learner = signed_in(web_app.url, web_app.account())
    sibling = {"Host": "rehearse.uni.example", "Origin": "https://students.uni.example"}
    assert (
        instructor.http.post(
            "/gradio_api/call/console_add_account", json=add_account_request("mallory-2"), headers=sibling
        ).status_code
        == 403
    )
    assert (
        learner.http.post(
            "/gradio_api/call/start", json={"data": ["roommate-dishes", "", *UNANSWERED]}, headers=sibling
        ).status_code
        == 403
    )
    assert "mallory-2" not in account_names(instructor)


def test_foreign_origins_get_no_credentialed_cors_answer(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    for origin in (other_port(web_app.url), "https://students.uni.example"):
        preflight = instructor.http.options(
            "/gradio_api/call/console_add_account",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert "access-control-allow-origin" not in preflight.headers
        simple = instructor.http.get("/gradio_api/info", headers={"Origin": origin})
        assert simple.headers.get("access-control-allow-origin") not in (origin, "*")


# sign-in and sign-out ---------------------------------------------------------------------------
def test_a_sign_in_form_posted_from_another_site_is_refused(web_app):
    name = web_app.account()
    forged = httpx.post(f"{web_app.url}login", data={"username": name, "password": PASSWORD, "next": "/"})
    assert forged.status_code == 403 and "did not come from this site" in forged.text
    assert SIGN_IN_COOKIE not in forged.cookies
    with httpx.Client(base_url=own_origin(web_app.url)) as browser:
        form = sign_in_form(browser.get("/login"), name, PASSWORD)
        foreign = browser.post("/login", data=form, headers={"Origin": "https://attacker.example"})
        assert foreign.status_code == 403 and SIGN_IN_COOKIE not in browser.cookies
        wrong_token = browser.post("/login", data={**form, "form_token": "guessed"})
        assert wrong_token.status_code == 403 and SIGN_IN_COOKIE not in browser.cookies
        signed = browser.post("/login", data=form, headers={"Origin": own_origin(web_app.url)})
        assert signed.status_code == 303 and SIGN_IN_COOKIE in browser.cookies


def test_the_sign_in_form_token_is_a_cookie_for_the_sign_in_page_only(web_app):
    page = httpx.get(f"{web_app.url}login")
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{FORM_COOKIE}=") and "Path=/login" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_link_to_logout_does_not_sign_anyone_out_only_the_pages_button_does(web_app):
    client = signed_in(web_app.url, web_app.account())
    assert client.http.get("/logout").status_code == 405
    assert client.call("progress")  # still signed in
    page = client.http.get("/")
    assert page.status_code == 200
    signed_out = client.http.post("/logout", headers={"Origin": own_origin(web_app.url)})
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/login"
    assert client.http.post("/gradio_api/call/progress", json={"data": []}).status_code == 401


# what answers without a sign-in --------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "openapi.json",
        "docs",
        "redoc",
        "gradio_api/openapi.json",
        "gradio_api/info",
        "config",
        "gradio_api/config",
        "gradio_api/upload_progress",
        "theme.css",
    ],
)
def test_nothing_but_sign_in_health_and_metrics_answers_without_a_sign_in(web_app, path):
    assert httpx.get(f"{web_app.url}{path}").status_code == 401
    for open_path in ("login", "healthz", "metrics"):
        assert httpx.get(f"{web_app.url}{open_path}").status_code == 200


def test_an_unforeseen_failure_reaches_the_user_as_a_plain_message_and_the_log_in_full(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    missing = web_app.data_dir.resolve() / "uploads" / "gone" / "draft.yaml"
    with pytest.raises(CallFailed) as caught:
        instructor.call("console_upload", {"path": str(missing), "meta": {"_type": "gradio.FileData"}})
    assert str(web_app.data_dir.resolve()) not in caught.value.message and "Errno" not in caught.value.message
    assert str(missing) in web_app.process.log.read_text()


# uploads ----------------------------------------------------------------------------------------
def test_only_instructors_upload_and_no_more_than_256_kib(web_app):
    for role in (Role.learner, Role.researcher):
        client = signed_in(web_app.url, web_app.account(role))
        assert client.http.post("/gradio_api/upload", files={"files": ("d.yaml", DRAFT)}).status_code == 403
    assert httpx.post(f"{web_app.url}gradio_api/upload", files={"files": ("d.yaml", DRAFT)}).status_code == 401
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    too_big = instructor.http.post("/gradio_api/upload", files={"files": ("big.yaml", b"#" * (300 * 1024))})
    assert too_big.status_code == 413
    chunked = instructor.http.post(
        "/gradio_api/upload",
        content=iter([b"--x\r\n", b"#" * (400 * 1024)]),
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert chunked.status_code == 413  # no Content-Length: counted as it arrives


def test_an_upload_is_private_fetchable_by_nobody_and_gone_once_read(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    uploaded = instructor.http.post("/gradio_api/upload", files={"files": ("draft.yaml", DRAFT)})
    assert uploaded.status_code == 200
    path = Path(uploaded.json()[0])
    uploads = (web_app.data_dir / "uploads").resolve()
    assert path.resolve().is_relative_to(uploads)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(uploads.stat().st_mode) == 0o700
    others = [signed_in(web_app.url, web_app.account(role)) for role in (Role.learner, Role.instructor)]
    for client in [instructor, *others]:
        dodge = f"{path.parent.parent}/%2e%2e/{path.parent.name}/../{path.parent.name}/{path.name}"
        for route in (f"/gradio_api/file={path}", f"/gradio_api/file/{path}", f"/gradio_api/file={dodge}"):
            fetched = client.http.get(route)
            assert fetched.status_code in (403, 404) and b"uploaded-draft" not in fetched.content, route
    text, file_name, *_ = instructor.call(
        "console_upload", {"path": str(path), "meta": {"_type": "gradio.FileData"}, "orig_name": "draft.yaml"}
    )
    assert text.strip() == DRAFT.decode().strip() and file_name == "draft.yaml"
    assert not path.exists() and not path.parent.exists()


# exports ----------------------------------------------------------------------------------------
def test_an_export_is_private_and_served_once_only_to_whoever_prepared_it(exporting_app):
    learner_name = exporting_app.account()
    learner = signed_in(exporting_app.url, learner_name)
    learner.call("send", learner.call("start", "roommate-dishes", "", *UNANSWERED)[0], TURN)
    researcher = signed_in(exporting_app.url, exporting_app.account(Role.researcher))
    other_researcher = signed_in(exporting_app.url, exporting_app.account(Role.researcher))
    link, note = researcher.call("console_export", "csv", False)
    assert "Exported" in note and "href='exports/" in link
    export_id = link.split("href='exports/")[1].split("'")[0]
    archive = exporting_app.data_dir / "exports" / researcher_name(researcher) / export_id / "rehearse-export.zip"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700
    assert [p.name for p in archive.parent.iterdir()] == [archive.name]  # the tables went once zipped
    for client in (learner, other_researcher):
        assert client.http.get(f"/exports/{export_id}").status_code == 404
    assert httpx.get(f"{exporting_app.url}exports/{export_id}").status_code == 401
    download = researcher.http.get(f"/exports/{export_id}")
    assert download.status_code == 200 and download.headers["cache-control"] == "no-store"
    bundle = zipfile.ZipFile(BytesIO(download.content))
    assert "sessions.csv" in bundle.namelist()
    assert not any(learner_name in bundle.read(member).decode() for member in bundle.namelist())
    assert researcher.http.get(f"/exports/{export_id}").status_code == 404  # once
    assert not archive.parent.exists()


def researcher_name(client) -> str:  # type: ignore[no-untyped-def]
    return client.http.get("/whoami").json()["username"]


# guessed passwords ------------------------------------------------------------------------------
def test_eight_concurrent_wrong_passwords_get_five_tries_and_the_rightful_user_still_signs_in(web_app):
    name = web_app.account(Role.instructor)
    attacker = {"X-Forwarded-For": "203.0.113.77"}

    def guess(_: int) -> int:
        with httpx.Client(base_url=own_origin(web_app.url), headers=attacker) as browser:
            form = sign_in_form(browser.get("/login"), name, "not the password")
            return browser.post("/login", data=form).status_code

    with ThreadPoolExecutor(8) as pool:
        answers = sorted(pool.map(guess, range(8)))
    assert answers == [401] * 5 + [429] * 3
    with httpx.Client(base_url=own_origin(web_app.url), headers={"X-Forwarded-For": "198.51.100.5"}) as rightful:
        form = sign_in_form(rightful.get("/login"), name, PASSWORD)
        assert rightful.post("/login", data=form).status_code == 303
    with httpx.Client(base_url=own_origin(web_app.url), headers=attacker) as browser:
        refused = browser.post("/login", data=sign_in_form(browser.get("/login"), name, PASSWORD))
        assert refused.status_code == 429 and "ask an instructor to unlock it" in refused.text
        instructor = signed_in(web_app.url, web_app.account(Role.instructor))
        assert "can try their password again now" in instructor.call("console_unlock", name)[0]
        assert browser.post("/login", data=sign_in_form(browser.get("/login"), name, PASSWORD)).status_code == 303


# pseudonyms -------------------------------------------------------------------------------------
def test_researchers_see_the_exports_pseudonyms_and_no_times_in_the_cohort(web_app):
    learner_name = web_app.account(prefix="cohort-learner")
    signed_in(web_app.url, learner_name).call("start", "sister-loan", "", *UNANSWERED)
    researcher = signed_in(web_app.url, web_app.account(Role.researcher))
    cohort = researcher.call("console_cohort")[0]
    assert cohort["headers"][0] == "participant" and "last active" not in cohort["headers"]
    shown = [row[0] for row in cohort["data"]]
    assert pseudonymizer(EXPORT_KEY)(learner_name) in shown
    assert not any(name.startswith(("learner-", "cohort-learner", "warm-up")) for name in shown)
    assert shown == sorted(shown)  # not in the order of the usernames
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    named = instructor.call("console_cohort")[0]
    assert named["headers"][0] == "learner" and learner_name in [row[0] for row in named["data"]]
