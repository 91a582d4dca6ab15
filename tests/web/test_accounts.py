"""Accounts: Argon2 password hashes, roles, sign-ins that expire, and lock-out after wrong passwords."""

from __future__ import annotations

import time

import pytest
from sqlmodel import Session

from simulator.storage.models import Account, SignIn
from simulator.storage.store import SessionStore, make_engine
from simulator.web.accounts import AccountError, Accounts, Capability, Role, token_digest

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path):
    return SessionStore(make_engine(f"sqlite:///{tmp_path / 'accounts.sqlite'}")).engine


def test_passwords_are_stored_only_as_argon2id_hashes(engine):
    Accounts(engine).create("ana", Role.instructor, PASSWORD)
    with Session(engine) as db:
        stored = db.get(Account, "ana").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


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


def test_five_wrong_passwords_lock_the_username_for_a_while(engine):
    accounts = Accounts(engine)
    accounts.create("ana", Role.learner, PASSWORD)
    for _ in range(5):
        assert accounts.check_password("ana", "wrong password") is None
    with pytest.raises(AccountError, match="wait 15 minutes"):
        accounts.check_password("ana", PASSWORD)


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
