"""Accounts: Argon2 password hashes, roles, sign-ins that expire, and lock-out after wrong passwords."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, select

from simulator.storage.models import Account, SignIn, SignInThrottle, utc_now
from simulator.storage.store import SessionStore, make_engine
from simulator.web.accounts import (
    PASSWORD_LANES,
    PASSWORD_MEMORY_KIB,
    PASSWORD_TIME_COST,
    AccountError,
    Accounts,
    Capability,
    Role,
    token_digest,
)

PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        return SessionStore(make_engine(f"sqlite:///{tmp_path / 'accounts.sqlite'}")).engine
    return SessionStore(make_engine(request.getfixturevalue("postgres_database"))).engine


def test_passwords_are_stored_only_as_argon2id_hashes(engine):
    Accounts(engine).create("ana", Role.instructor, PASSWORD)
    with Session(engine) as db:
        stored = db.get(Account, "ana").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_hash_made_with_older_settings_still_signs_in_and_is_rehashed_with_the_lighter_ones(engine):
    accounts = Accounts(engine)
    accounts.create("old", Role.learner, None)
    with Session(engine) as db:  # argon2-cffi's default: 64 MiB, 3 passes, 4 lanes
        account = db.get(Account, "old")
        account.password_hash = PasswordHasher().hash(PASSWORD)
        db.add(account)
        db.commit()
    assert accounts.check_password("old", PASSWORD) is not None
    with Session(engine) as db:
        rehashed = db.get(Account, "old").password_hash
    assert rehashed.startswith(f"$argon2id$v=19$m={PASSWORD_MEMORY_KIB},t={PASSWORD_TIME_COST},p={PASSWORD_LANES}$")
    assert accounts.check_password("old", PASSWORD) is not None


def test_the_right_password_signs_in_and_a_wrong_one_does_not(engine):
    accounts = Accounts(engine)
    accounts.create("Ben", Role.learner, PASSWORD)
    assert accounts.check_password("ben", "wrong password!") is None
    assert accounts.check_password("nobody", PASSWORD) is None
    viewer = accounts.check_password("BEN ", PASSWORD)
    assert viewer is not None and viewer.username == "ben" and viewer.role is Role.learner


def test_roles_grant_what_the_brief_says(engine):
    accounts = Accounts(engine)
    learner = accounts.create("l1", Role.learner, PASSWORD)
    instructor = accounts.create("i1", Role.instructor, PASSWORD)
    researcher = accounts.create("r1", Role.researcher, PASSWORD)
    assert [c for c in Capability if learner.can(c)] == [Capability.practise]
    assert all(instructor.can(c) for c in Capability)
    assert researcher.can(Capability.export_data) and researcher.can(Capability.view_cohort)
    assert not researcher.can(Capability.author_scenarios)


@pytest.mark.parametrize("username", ["a", "has space", "-leading", "x" * 65, "semi;colon"])
def test_usernames_must_be_plain(engine, username):
    with pytest.raises(AccountError, match="2-64 characters"):
        Accounts(engine).create(username, Role.learner, PASSWORD)


def test_short_passwords_and_taken_names_are_refused_with_what_to_do(engine):
    accounts = Accounts(engine)
    with pytest.raises(AccountError, match="at least 10 characters"):
        accounts.create("ana", Role.learner, "short")
    accounts.create("ana", Role.learner, PASSWORD)
    with pytest.raises(AccountError, match="taken"):
        accounts.create("ANA", Role.learner, PASSWORD)


def test_the_cookie_token_is_never_stored_only_its_hash(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.learner, PASSWORD)
    token = accounts.open_sign_in("ana")
    with Session(engine) as db:
        assert db.get(SignIn, token) is None
        assert db.get(SignIn, token_digest(token)) is not None
    assert accounts.viewer_for_token(token).username == "ana"
    assert accounts.viewer_for_token(token + "x") is None


def test_a_sign_in_ends_after_its_lifetime(engine):
    accounts = Accounts(engine, sign_in_hours=1 / 3600)  # one second
    accounts.create("ana", Role.learner, PASSWORD)
    token = accounts.open_sign_in("ana")
    assert accounts.viewer_for_token(token) is not None
    time.sleep(1.2)
    assert accounts.viewer_for_token(token) is None


def test_a_sign_in_ends_when_left_unused(engine):
    accounts = Accounts(engine, sign_in_hours=12, idle_minutes=1 / 60)  # one idle second
    accounts.create("ana", Role.learner, PASSWORD)
    token = accounts.open_sign_in("ana")
    time.sleep(1.2)
    assert accounts.viewer_for_token(token) is None


def test_signing_out_a_changed_password_or_a_disabled_account_end_sign_ins(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.learner, PASSWORD)
    first, second, third = (accounts.open_sign_in("ana") for _ in range(3))
    accounts.close_sign_in(first)
    assert accounts.viewer_for_token(first) is None
    accounts.set_password("ana", "another long password")
    assert accounts.viewer_for_token(second) is None
    assert accounts.check_password("ana", PASSWORD) is None
    assert accounts.check_password("ana", "another long password") is not None
    accounts.set_disabled("ana", True)
    assert accounts.viewer_for_token(third) is None
    assert accounts.check_password("ana", "another long password") is None


def wrong_tries(accounts: Accounts, name: str, client: str, times: int) -> list[str]:
    """What each try answered: "wrong" (the password was checked) or "wait" (it was not)."""
    answers = []
    for _ in range(times):
        try:
            answers.append("wrong" if accounts.check_password(name, "wrong password", client) is None else "in")
        except AccountError:
            answers.append("wait")
    return answers


def let_the_wait_pass(engine) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        for row in db.exec(select(SignInThrottle)).all():
            row.next_try_at = utc_now() - timedelta(seconds=1)
            db.add(row)
        db.commit()


def test_after_five_wrong_passwords_each_try_waits_and_the_wait_grows(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.learner, PASSWORD)
    assert wrong_tries(accounts, "ana", "10.0.0.9", 6) == ["wrong"] * 5 + ["wait"]
    with pytest.raises(AccountError, match="try again in 1 minute, or ask an instructor to unlock it"):
        accounts.check_password("ana", PASSWORD, "10.0.0.9")  # not even the right password is checked now
    let_the_wait_pass(engine)
    assert wrong_tries(accounts, "ana", "10.0.0.9", 2) == ["wrong", "wait"]
    with pytest.raises(AccountError, match="try again in 2 minutes"):
        accounts.check_password("ana", PASSWORD, "10.0.0.9")
    let_the_wait_pass(engine)
    assert accounts.check_password("ana", PASSWORD, "10.0.0.9") is not None  # and the count starts again
    assert wrong_tries(accounts, "ana", "10.0.0.9", 5) == ["wrong"] * 5


def test_eight_concurrent_wrong_passwords_get_no_more_than_five_tries(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.instructor, PASSWORD)
    start = threading.Barrier(8)

    def attempt(_: int) -> str:
        start.wait()
        return wrong_tries(accounts, "ana", "203.0.113.7", 1)[0]

    with ThreadPoolExecutor(8) as pool:
        answers = sorted(pool.map(attempt, range(8)))
    assert answers == ["wait"] * 3 + ["wrong"] * 5


def test_someone_guessing_elsewhere_cannot_lock_out_the_rightful_user(engine):
    accounts = Accounts(engine)
    accounts.create("ina", Role.instructor, PASSWORD)
    assert wrong_tries(accounts, "ina", "203.0.113.7", 8).count("wrong") == 5
    assert accounts.check_password("ina", PASSWORD, "198.51.100.20") is not None
    with pytest.raises(AccountError):
        accounts.check_password("ina", PASSWORD, "203.0.113.7")


def test_the_count_holds_across_replicas_and_restarts(engine):
    first, second = Accounts(engine), Accounts(engine)
    first.create("ana", Role.researcher, PASSWORD)
    assert wrong_tries(first, "ana", "203.0.113.7", 3) == ["wrong"] * 3
    assert wrong_tries(second, "ana", "203.0.113.7", 3) == ["wrong", "wrong", "wait"]
    restarted = Accounts(engine)
    assert wrong_tries(restarted, "ana", "203.0.113.7", 1) == ["wait"]


def test_an_unlock_or_a_new_password_lets_them_try_again_at_once(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.learner, PASSWORD)
    wrong_tries(accounts, "ana", "203.0.113.7", 6)
    accounts.unlock("ana")
    assert accounts.check_password("ana", PASSWORD, "203.0.113.7") is not None
    wrong_tries(accounts, "ana", "203.0.113.7", 6)
    accounts.set_password("ana", "another long password")
    assert accounts.check_password("ana", "another long password", "203.0.113.7") is not None


def test_a_trusted_proxy_name_signs_in_known_accounts_and_makes_new_ones_learners(engine):
    accounts = Accounts(engine)
    accounts.create("ina", Role.instructor, None)
    assert accounts.viewer_for_trusted_name("ina").role is Role.instructor
    newcomer = accounts.viewer_for_trusted_name("New.Person@clinic.org")
    assert newcomer.username == "new.person@clinic.org" and newcomer.role is Role.learner
    assert accounts.check_password("ina", "") is None  # no password: no password sign-in
    accounts.set_disabled("ina", True)
    assert accounts.viewer_for_trusted_name("ina") is None
    assert accounts.viewer_for_trusted_name("bad name;") is None


def test_an_administrator_unlocks_an_account_from_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from simulator.cli import app
    from simulator.web.accounts import accounts_on

    monkeypatch.setenv("REHEARSE_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    accounts = accounts_on(f"sqlite:///{(tmp_path / 'data' / 'rehearse.sqlite').resolve()}")
    accounts.create("ana", Role.instructor, PASSWORD)
    assert wrong_tries(accounts, "ana", "203.0.113.7", 6)[-1] == "wait"
    result = CliRunner().invoke(app, ["users", "unlock", "ana"])
    assert result.exit_code == 0 and "can try their password again now" in result.output
    assert accounts.check_password("ana", PASSWORD, "203.0.113.7") is not None
    assert CliRunner().invoke(app, ["users", "unlock", "nobody"]).exit_code != 0
