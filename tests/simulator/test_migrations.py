"""The record's schema comes from the Alembic migrations, on SQLite and PostgreSQL alike: they
build exactly the models' tables (a model changed without a migration fails here), migrate once
when several processes start together, and adopt databases made before migrations existed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel

from simulator.storage.database import make_engine
from simulator.storage.migrate import alembic_config, current, head, ours, upgrade
from simulator.storage.models import Learner
from tests.processes import BIN, REPO, rehearse_env

NEW_IN_0002 = ("accounts", "sign_ins")
# Tables added after migrations began (0003 on): no database made without migrations has them.
NEW_IN_0003 = ("sign_in_throttles",)
NEW_IN_0004 = ("enrolments",)
NEW_IN_0005 = ("turn_leases",)
MODEL_CHANGED = (
    "the models in simulator/storage/models.py differ from what the migrations build: write a "
    "migration with `rehearse db revision 'what changed'`, review it, and commit it"
)


def differences(engine) -> list:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
        return compare_metadata(context, SQLModel.metadata)


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rehearse.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return request.getfixturevalue("postgres_database")


def test_the_migrations_build_exactly_the_models_schema(database_url):
    engine = make_engine(database_url)
    report = upgrade(engine)
    assert report.before is None and report.after == head() and report.changed
    assert differences(engine) == [], MODEL_CHANGED
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    again = upgrade(engine)
    assert not again.changed and current(engine) == head()
    engine.dispose()


def test_every_migration_can_be_undone_and_done_again(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert differences(engine) == []
    engine.dispose()


@pytest.mark.parametrize("made_with, stamped", [("every table but accounts", "0001"), ("every table", "0002")])
def test_a_database_made_before_migrations_is_stamped_then_upgraded_keeping_its_rows(database_url, made_with, stamped):
    engine = make_engine(database_url)
    tables = [
        table
        for name, table in SQLModel.metadata.tables.items()
        if name not in NEW_IN_0003 + NEW_IN_0004 + NEW_IN_0005
        and (made_with == "every table" or name not in NEW_IN_0002)
    ]
    SQLModel.metadata.create_all(engine, tables=tables)  # as SessionStore did before migrations
    with Session(engine) as db:
        db.add(Learner(id="ana"))
        db.commit()
    report = upgrade(engine)
    assert report.before is None and report.stamped == stamped and report.after == head()
    assert differences(engine) == []
    with Session(engine) as db:
        assert db.get(Learner, "ana") is not None
    engine.dispose()


def test_several_processes_starting_at_once_migrate_the_database_once(database_url, tmp_path):
    env = rehearse_env(tmp_path / "data", tmp_path / "cache", REHEARSE_DATABASE_URL=database_url)
    processes = [
        subprocess.Popen(
            [str(BIN / "rehearse"), "db", "upgrade"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    assert sum("upgraded" in output for output in outputs) == 1, outputs
    assert sum("is at the newest revision" in output for output in outputs) == 2, outputs
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
    assert differences(engine) == []
    engine.dispose()
    shown = db_current(env)
    assert f"revision {head()} (newest: {head()})" in shown.stdout


def db_current(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`rehearse db current` as an operator runs it."""
    return subprocess.run(
        [str(BIN / "rehearse"), "db", "current"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_db_current_says_how_to_migrate_an_empty_database(tmp_path):
    env = rehearse_env(tmp_path / "data", tmp_path / "cache")
    shown = db_current(env)
    assert f"revision none (newest: {head()})" in shown.stdout
    assert "rehearse db upgrade" in shown.stderr


def test_an_unreachable_database_is_named_without_its_password():
    from tests.processes import free_port

    env = rehearse_env(
        Path("/tmp/unused"),
        Path("/tmp/unused"),
        REHEARSE_DATABASE_URL=f"postgresql://rehearse:s3cret@127.0.0.1:{free_port()}/rehearse",
    )
    shown = subprocess.run(
        [str(BIN / "rehearse"), "db", "upgrade"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 2
    assert "cannot reach the database at postgresql://rehearse:***@127.0.0.1" in shown.stderr
    assert "s3cret" not in shown.stderr and "Traceback" not in shown.stderr
