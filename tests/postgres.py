"""PostgreSQL for tests: fresh databases on the test server, and a private throwaway cluster for
tests that stop and start the server itself (Debian's binaries; run as `postgres` under root)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from tests.processes import free_port


def database_url(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def create_database(server_url: str, name: str) -> str:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return database_url(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    """A server of our own in a temp folder, on a free loopback port, trusting local users."""

    def __init__(self, bin_dir: Path, root: Path):
        self.bin, self.root, self.port = bin_dir, root, free_port()
        self.data = root / "data"
        self._as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8")

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            [*self._as_owner, str(self.bin / tool), *args], check=False, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            raise RuntimeError(
                f"{tool} failed: {result.stderr or result.stdout}\n{log.read_text()[-2000:] if log.exists() else ''}"
            )


@contextmanager
def private_cluster() -> Iterator[PostgresCluster]:
    """Raises LookupError (the caller skips) when PostgreSQL is not installed."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise LookupError("PostgreSQL binaries not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="rehearse-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    cluster = PostgresCluster(bin_dir, root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop("immediate")
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(root, ignore_errors=True)
