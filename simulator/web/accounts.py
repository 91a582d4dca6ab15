"""Accounts, roles and browser sign-ins.

Passwords are hashed with Argon2id (argon2-cffi). A sign-in is a random token kept in an
HttpOnly cookie; the database holds only its SHA-256, so a copy of the database cannot be used to
sign in. Sign-ins end after `sign_in_hours`, or sooner after `sign_in_idle_minutes` unused.

Wrong passwords are counted per account and client in the database (every replica and restart
sees the same count). After FREE_TRIES, each further try must wait, the wait doubling up to
LONGEST_WAIT; the rightful user on another device is never held back, and an instructor can
clear the count (`rehearse users unlock NAME`, or a new password).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from simulator.storage.models import Account, SignIn, SignInThrottle, utc_now

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
MIN_PASSWORD_CHARS = 10
FREE_TRIES = 5  # wrong passwords per account and client before each try must wait ...
FIRST_WAIT = timedelta(minutes=1)  # ... this long, doubling with every further wrong password ...
LONGEST_WAIT = timedelta(minutes=15)  # ... up to this
FORGET_AFTER = timedelta(hours=1)  # a count with no wrong password for this long starts again
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 25 ms of one core a
# sign-in. argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took 175 ms of CPU and 64 MiB a
# sign-in, so a class signing in at once filled both cores of a small server for half a minute.
# Older hashes are rehashed to these settings at their next sign-in.
PASSWORD_TIME_COST, PASSWORD_MEMORY_KIB, PASSWORD_LANES = 2, 19 * 1024, 1
RECHECK_S = 5.0  # a sign-in is looked up again after this; signing out here takes effect at once


class Role(StrEnum):
    learner = "learner"
    instructor = "instructor"
    researcher = "researcher"


class Capability(StrEnum):
    practise = "practise"
    author_scenarios = "author_scenarios"
    view_cohort = "view_cohort"
    run_studies = "run_studies"
    export_data = "export_data"
    manage_accounts = "manage_accounts"


ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.learner: frozenset({Capability.practise}),
    Role.instructor: frozenset(Capability),
    Role.researcher: frozenset(
        {Capability.practise, Capability.view_cohort, Capability.run_studies, Capability.export_data}
    ),
}


class AccountError(ValueError):
    """A request about accounts that cannot be met; the message says what to do instead."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person a request comes from."""

    username: str
    role: Role
    display_name: str = ""

    def can(self, capability: Capability) -> bool:
        return capability in ROLE_CAPABILITIES[self.role]

    @property
    def is_staff(self) -> bool:
        return self.role is not Role.learner


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise AccountError(
            "a username is 2-64 characters: letters, digits and . _ @ - (starting with a letter or digit)"
        )
    return name


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(self, engine: Engine, *, sign_in_hours: float = 12, idle_minutes: float = 120):
        self.engine = engine
        self.hasher = PasswordHasher(
            time_cost=PASSWORD_TIME_COST, memory_cost=PASSWORD_MEMORY_KIB, parallelism=PASSWORD_LANES
        )
        self.lifetime = timedelta(hours=sign_in_hours)
        self.idle = timedelta(minutes=idle_minutes)
        # "token digest" or "user:name" -> (good until, in monotonic seconds; viewer)
        self._recent: dict[str, tuple[float, Viewer]] = {}

    # accounts ------------------------------------------------------------------------------
    def create(self, username: str, role: Role | str, password: str | None, display_name: str = "") -> Viewer:
        name = normalise_username(username)
        role = Role(role)
        if password is not None and len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
        with Session(self.engine) as db:
            if db.get(Account, name) is not None:
                raise AccountError(f"the username '{name}' is taken; choose another or change its password")
            db.add(
                Account(
                    username=name,
                    role=role.value,
                    display_name=display_name.strip(),
                    password_hash=self.hasher.hash(password) if password is not None else None,
                )
            )
            db.commit()
        return Viewer(name, role, display_name.strip())

    def set_password(self, username: str, password: str) -> None:
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
        with Session(self.engine) as db:
            account = self._account(db, username)
            account.password_hash = self.hasher.hash(password)
            db.add(account)
            db.commit()
            db.exec(delete(SignIn).where(SignIn.username == account.username))  # type: ignore[arg-type]
            db.exec(delete(SignInThrottle).where(SignInThrottle.username == account.username))  # type: ignore[arg-type]
            db.commit()
        self._recent.clear()

    def set_role(self, username: str, role: Role | str) -> None:
        with Session(self.engine) as db:
            account = self._account(db, username)
            account.role = Role(role).value
            db.add(account)
            db.commit()
        self._recent.clear()

    def set_disabled(self, username: str, disabled: bool) -> None:
        with Session(self.engine) as db:
            account = self._account(db, username)
            account.disabled = disabled
            db.add(account)
            if disabled:
                db.exec(delete(SignIn).where(SignIn.username == account.username))  # type: ignore[arg-type]
            db.commit()
        self._recent.clear()

    def any_exist(self) -> bool:
        with Session(self.engine) as db:
            return db.exec(select(Account.username).limit(1)).first() is not None

    def get(self, username: str) -> Viewer | None:
        """The enabled account `username`, re-read at most every RECHECK_S per process."""
        name = username.strip().lower()
        recent = self._recent.get(f"user:{name}")
        if recent is not None and time.monotonic() < recent[0]:
            return recent[1]
        with Session(self.engine) as db:
            account = db.get(Account, name)
        if account is None or account.disabled:
            return None
        viewer = Viewer(account.username, Role(account.role), account.display_name)
        self._recent[f"user:{name}"] = (time.monotonic() + RECHECK_S, viewer)
        return viewer

    def list(self, role: Role | None = None) -> list[Account]:
        with Session(self.engine) as db:
            query = select(Account).order_by(Account.username)
            if role is not None:
                query = query.where(Account.role == role.value)
            return list(db.exec(query).all())

    def _account(self, db: Session, username: str) -> Account:
        account = db.get(Account, username.strip().lower())
        if account is None:
            raise AccountError(f"there is no account '{username}'; `rehearse users list` shows them")
        return account

    # passwords -----------------------------------------------------------------------------
    def check_password(self, username: str, password: str, client: str = "") -> Viewer | None:
        """The account if the password is right; None otherwise, without saying which part was wrong.
        `client` is where the attempt comes from (the browser's address)."""
        name = username.strip().lower()
        client = client[:100]
        wait = self._claim_attempt(name, client)
        if wait is not None:
            minutes = max(1, round(wait.total_seconds() / 60))
            raise AccountError(
                f"too many wrong passwords for this username from here; try again in {minutes} "
                f"minute{'s' if minutes > 1 else ''}, or ask an instructor to unlock it"
            )
        with Session(self.engine) as db:
            account = db.get(Account, name)
            stored = account.password_hash if account is not None and not account.disabled else None
            try:
                if stored is None:
                    self.hasher.hash(password)  # same work either way: timing does not reveal unknown names
                    raise VerificationError()
                self.hasher.verify(stored, password)
            except (VerificationError, InvalidHashError):
                return None
            if self.hasher.check_needs_rehash(stored):
                account.password_hash = self.hasher.hash(password)  # type: ignore[union-attr]
            account.last_sign_in_at = utc_now()  # type: ignore[union-attr]
            db.add(account)
            db.exec(
                delete(SignInThrottle).where(
                    SignInThrottle.username == name,  # type: ignore[arg-type]
                    SignInThrottle.client == client,  # type: ignore[arg-type]
                )
            )
            db.commit()
            return Viewer(account.username, Role(account.role), account.display_name)  # type: ignore[union-attr]

    def unlock(self, username: str) -> None:
        """Forget the wrong passwords for `username` from every client."""
        with Session(self.engine) as db:
            account = self._account(db, username)
            db.exec(delete(SignInThrottle).where(SignInThrottle.username == account.username))  # type: ignore[arg-type]
            db.commit()

    def _claim_attempt(self, name: str, client: str) -> timedelta | None:
        """Count this attempt as a wrong password before the password is checked (a right one
        clears the count), in one transaction that holds the row: concurrent attempts line up, so
        no more than FREE_TRIES get through. Returns how long to wait if this attempt may not run."""
        now = utc_now()
        key = (SignInThrottle.username == name, SignInThrottle.client == client)
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        with self.engine.begin() as connection:
            # A write first: on SQLite it takes the database's write lock, so what is read next cannot change.
            connection.execute(
                dialect.insert(SignInThrottle)
                .values(username=name, client=client, failures=0, last_failure_at=now)
                .on_conflict_do_nothing()
            )
            row = connection.execute(
                select(SignInThrottle.failures, SignInThrottle.last_failure_at, SignInThrottle.next_try_at)
                .where(*key)
                .with_for_update()
            ).one()
            failures = 0 if now - aware(row.last_failure_at) > FORGET_AFTER else row.failures
            next_try = aware(row.next_try_at) if row.next_try_at is not None and failures else None
            if failures >= FREE_TRIES and next_try is not None and now < next_try:
                return next_try - now
            failures += 1
            wait = min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT) if failures >= FREE_TRIES else None
            connection.execute(
                update(SignInThrottle)
                .where(*key)  # type: ignore[arg-type]
                .values(failures=failures, last_failure_at=now, next_try_at=now + wait if wait else None)
            )
        return None

    # sign-ins ------------------------------------------------------------------------------
    def open_sign_in(self, username: str) -> str:
        """A new sign-in for `username`; returns the token for the cookie."""
        token = secrets.token_urlsafe(32)
        now = utc_now()
        with Session(self.engine) as db:
            db.add(
                SignIn(
                    token_hash=token_digest(token),
                    username=username,
                    created_at=now,
                    expires_at=now + self.lifetime,
                    last_seen_at=now,
                )
            )
            db.exec(delete(SignIn).where(SignIn.expires_at < now))  # type: ignore[arg-type]
            db.exec(delete(SignInThrottle).where(SignInThrottle.last_failure_at < now - FORGET_AFTER))  # type: ignore[arg-type]
            db.commit()
        return token

    def viewer_for_token(self, token: str | None) -> Viewer | None:
        """The signed-in viewer, re-read from the database at most every RECHECK_S per process:
        every request asks (the page and each of its API calls)."""
        if not token:
            return None
        digest = token_digest(token)
        recent = self._recent.get(digest)
        if recent is not None and time.monotonic() < recent[0]:
            return recent[1]
        found = self._lookup_sign_in(token)
        if found is None:
            self._recent.pop(digest, None)
            return None
        viewer, valid_s = found
        if len(self._recent) > 10_000:
            self._recent.clear()
        self._recent[digest] = (time.monotonic() + min(RECHECK_S, valid_s), viewer)
        return viewer

    def _lookup_sign_in(self, token: str) -> tuple[Viewer, float] | None:
        """The viewer and how many seconds the sign-in stays valid if left unused."""
        now = utc_now()
        with Session(self.engine) as db:
            sign_in = db.get(SignIn, token_digest(token))
            if sign_in is None:
                return None
            if aware(sign_in.expires_at) <= now or aware(sign_in.last_seen_at) + self.idle <= now:
                db.delete(sign_in)
                db.commit()
                return None
            account = db.get(Account, sign_in.username)
            if account is None or account.disabled:
                return None
            if now - aware(sign_in.last_seen_at) >= LAST_SEEN_RESOLUTION:
                sign_in.last_seen_at = now
                db.add(sign_in)
                db.commit()
            ends = min(aware(sign_in.expires_at), aware(sign_in.last_seen_at) + self.idle)
            return Viewer(account.username, Role(account.role), account.display_name), (ends - now).total_seconds()

    def close_sign_in(self, token: str | None) -> None:
        if not token:
            return
        self._recent.pop(token_digest(token), None)
        with Session(self.engine) as db:
            db.exec(delete(SignIn).where(SignIn.token_hash == token_digest(token)))  # type: ignore[arg-type]
            db.commit()

    def viewer_for_trusted_name(self, name: str) -> Viewer | None:
        """A user named by the company proxy: known accounts as they are, new names as learners."""
        try:
            username = normalise_username(name)
        except AccountError:
            return None
        viewer = self.get(username)
        if viewer is not None:
            return viewer
        with Session(self.engine) as db:
            if db.get(Account, username) is not None:  # exists but disabled
                return None
        try:
            return self.create(username, Role.learner, None)
        except AccountError:  # created by a parallel request a moment ago
            return self.get(username)


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for values stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def accounts_on(database_url: str, **options: float) -> Accounts:
    """The accounts of the database at `database_url`, its schema migrated first."""
    from simulator.storage.store import SessionStore, make_engine

    return Accounts(SessionStore(make_engine(database_url)).engine, **options)
