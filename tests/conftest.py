"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, the demo catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from navigator.config import Settings
from navigator.desk.context import Desk, open_desk

# Tuesday 24 November 2026, 10:30 in Millbrook (America/New_York): the 4th Tuesday.
FIXED_NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


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
    for name in ("NAVIGATOR_SITE_ID", "NAVIGATOR_TIMEZONE", "NAVIGATOR_SITE_NAME"):
        monkeypatch.delenv(name, raising=False)


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
