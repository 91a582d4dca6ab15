"""One turn at a time per session, whichever replica a request reaches: a lease row in the
record (`turn_leases`) names who runs a turn of the session now. The holder renews it while the
turn runs and deletes it when done; if the holder dies, the lease runs out and the next request
takes it over. Nothing is kept per session in process memory."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from simulator.storage.database import DATABASE_ERRORS
from simulator.storage.models import TurnLease, utc_now

log = logging.getLogger(__name__)
LEASE_S = 10.0  # how long a lease outlives a holder that stopped renewing it (a crashed process)
POLL_S = 0.05


class TurnBusy(RuntimeError):
    """Another request (another tab, or another replica) is running a turn of this session."""

    def __init__(self) -> None:
        super().__init__(
            "A turn of this session is still running, perhaps in another tab or window. Wait for "
            "its reply, then reload this page to carry on."
        )


class TurnLocks:
    """Leases on sessions' turns. Construction does no I/O; the renewing thread starts with the
    first lease taken and stops at `close()`."""

    def __init__(self, engine: Engine, lease_s: float = LEASE_S):
        self.engine = engine
        self.lease_s = lease_s
        self._held: dict[str, str] = {}  # session id -> holder, while this process runs its turn
        self._orphans: dict[str, str] = {}  # leases this process could not remove (database down)
        self._mutex = threading.Lock()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    @contextmanager
    def hold(self, session_id: str, wait_s: float = 0.0) -> Iterator[None]:
        """Run the block as the only turn of `session_id`; TurnBusy if it stays taken for `wait_s`."""
        holder = self._acquire(session_id, wait_s)
        try:
            yield
        finally:
            self._release(session_id, holder)

    def held(self, session_id: str) -> bool:
        """Whether any live lease names the session (for tests and health checks)."""
        with Session(self.engine) as db:
            lease = db.get(TurnLease, session_id)
            return lease is not None and _aware(lease.expires_at) > utc_now()

    def close(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)

    def _acquire(self, session_id: str, wait_s: float) -> str:
        self._drop_orphans()
        holder = uuid.uuid4().hex
        deadline = time.monotonic() + wait_s
        while not self._take(session_id, holder):
            if time.monotonic() >= deadline:
                raise TurnBusy()
            time.sleep(POLL_S)
        with self._mutex:
            self._held[session_id] = holder
        self._start_renewing()
        return holder

    def _take(self, session_id: str, holder: str) -> bool:
        now = utc_now()
        until = now + timedelta(seconds=self.lease_s)
        with Session(self.engine) as db:
            expired = db.exec(
                update(TurnLease)
                .where(TurnLease.session_id == session_id, TurnLease.expires_at < now)  # type: ignore[arg-type]
                .values(holder=holder, expires_at=until)
            )
            if expired.rowcount == 1:
                db.commit()
                return True
            db.add(TurnLease(session_id=session_id, holder=holder, expires_at=until))
            try:
                db.commit()
            except IntegrityError:
                db.rollback()
                return False
            return True

    def _release(self, session_id: str, holder: str) -> None:
        with self._mutex:
            if self._held.get(session_id) == holder:
                del self._held[session_id]
        try:
            self._delete(session_id, holder)
        except DATABASE_ERRORS:  # removed with the next lease this process takes, or it runs out
            with self._mutex:
                self._orphans[session_id] = holder
            log.warning("could not remove the turn lease of session %s yet", session_id, exc_info=True)

    def _delete(self, session_id: str, holder: str) -> None:
        with Session(self.engine) as db:
            db.exec(delete(TurnLease).where(TurnLease.session_id == session_id, TurnLease.holder == holder))  # type: ignore[arg-type]
            db.commit()

    def _drop_orphans(self) -> None:
        with self._mutex:
            orphans, self._orphans = self._orphans, {}
        for session_id, holder in orphans.items():
            try:
                self._delete(session_id, holder)
            except DATABASE_ERRORS:
                with self._mutex:
                    self._orphans.setdefault(session_id, holder)

    def _start_renewing(self) -> None:
        with self._mutex:
            if self._renewer is None:
                self._renewer = threading.Thread(target=self._renew_forever, name="turn-leases", daemon=True)
                self._renewer.start()

    def _renew_forever(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            with self._mutex:
                held = dict(self._held)
            if held:
                try:
                    self._renew(held)
                except DATABASE_ERRORS:
                    log.warning("could not renew %d turn lease(s)", len(held), exc_info=True)

    def _renew(self, held: dict[str, str]) -> None:
        until = utc_now() + timedelta(seconds=self.lease_s)
        with Session(self.engine) as db:
            for session_id, holder in held.items():
                db.exec(
                    update(TurnLease)
                    .where(TurnLease.session_id == session_id, TurnLease.holder == holder)  # type: ignore[arg-type]
                    .values(expires_at=until)
                )
            db.commit()


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes for what was stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
