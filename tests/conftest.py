"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, the demo catalogue."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.translation import set_desk_language

# Tuesday 24 November 2026, 10:30 in Millbrook (America/New_York): the 4th Tuesday.
FIXED_NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MIAMI = SHARED_DATA / "miami-211-hsds-1.1"
MIAMI_SITE = ("25.787", "-80.200")  # downtown Miami

needs_miami = pytest.mark.skipif(not MIAMI.exists(), reason=f"the Miami package is not at {MIAMI}")


@pytest.fixture(scope="session")
def miami_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Miami imported once per test process, through the CLI; the tests given it only search.
    Without the package beside the repo, every test given it skips, saying why."""
    if not MIAMI.exists():
        pytest.skip(f"the Miami package is not at {MIAMI}")
    from click.testing import CliRunner

    from navigator.cli import main

    db = tmp_path_factory.mktemp("miami") / "miami.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(MIAMI), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


# 7:30 pm on Tuesday 24 November 2026 in Miami: an evening pop-up site. Ranking weighs
# what is open now and, at night, who can help tonight, so a test through the command line
# that read the wall clock passed or failed by the hour it ran at.
MIAMI_EVENING = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)


@pytest.fixture
def in_miami(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's site is downtown Miami, on Miami's clock, on a Tuesday evening."""
    monkeypatch.setenv("NAVIGATOR_SITE_LATITUDE", MIAMI_SITE[0])
    monkeypatch.setenv("NAVIGATOR_SITE_LONGITUDE", MIAMI_SITE[1])
    monkeypatch.setenv("NAVIGATOR_TIMEZONE", "America/New_York")
    desks_open_at(monkeypatch, MIAMI_EVENING)


def desks_open_at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Desks the command line opens read `moment` as now (open_desk's default clock)."""
    from navigator.desk.context import open_desk

    defaults = open_desk.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "clock", lambda: moment)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read the developer's own config or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NAVIGATOR_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("NAVIGATOR_DB", str(home / "default.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    for name in (
        "NAVIGATOR_SITE_ID",
        "NAVIGATOR_TIMEZONE",
        "NAVIGATOR_SITE_NAME",
        "NAVIGATOR_HUB_URL",
        "NAVIGATOR_LANGUAGE",
    ):
        monkeypatch.delenv(name, raising=False)
    set_desk_language("en")  # an app opened in Spanish by an earlier test leaves it so


@pytest.fixture
def settings() -> Settings:
    return Settings(
        site_name="Millbrook Community Hub",
        site_id="site-test",
        timezone="America/New_York",
        site_latitude=42.300,
        site_longitude=-71.800,
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk" / "navigator.db"


@pytest.fixture
def desk(db_path: Path, settings: Settings) -> Iterator[Desk]:
    """A desk on a fresh database file with the demo catalogue loaded."""
    opened = open_desk(db_path, settings=settings, clock=fixed_clock)
    yield opened
    opened.close()


@pytest.fixture
def empty_desk(db_path: Path, settings: Settings) -> Iterator[Desk]:
    opened = open_desk(db_path, settings=settings, clock=fixed_clock, load_demo=False)
    yield opened
    opened.close()


# --- PostgreSQL hub for the sync tests -------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server: NAVIGATOR_TEST_PG_URL, or a throwaway cluster."""
    import os

    from pg_cluster import TEST_PG_ENV, find_pg_bin, throwaway_cluster

    given = os.environ.get(TEST_PG_ENV)
    if given:
        yield given.rstrip("/")
        return
    pg_bin = find_pg_bin()
    if pg_bin is None:
        pytest.skip(
            "no PostgreSQL: install Debian's postgresql package (initdb, pg_ctl) "
            f"or set {TEST_PG_ENV}"
        )
    with throwaway_cluster(pg_bin) as url:
        yield url


@pytest.fixture
def hub_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty hub database of its own for each test (schema made by `hub init`)."""
    from uuid import uuid4

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(pg_server).set(drivername="postgresql+psycopg")
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"hub_{uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            server.set(database=name)
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- Snapshots ---------------------------------------------------------------------------


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's comparison, with every text box's cursor held still.

    A blinking cursor is drawn or not by the half second at which the picture is
    taken; on a loaded machine that made the search snapshots pass or fail at random.
    """

    def compare(app: App[object], *args: Any, run_before: Any = None, **kwargs: Any) -> bool:
        async def steady(pilot: Pilot[object]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            for box in pilot.app.screen.query(Input):
                box.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, *args, run_before=steady, **kwargs)

    return compare
