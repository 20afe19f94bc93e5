"""Issue 10, the kind a client names while the word that names it is still being typed.

A volunteer types "i was raped" and stops, with no space after the last word: that word
is both the need (safety) and the kind (sexual assault). The app showed the county's
domestic violence division and a trafficking unit before the Rape Treatment Center; the
command line, whose query is always finished, had the centre first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app_search import shown_after_typing
from conftest import MIAMI_SITE, needs_miami
from navigator.config import Settings
from navigator.desk.context import open_desk
from navigator.desk.search_services import search_services

MORNING = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 10:30 am on a Tuesday in Miami


def miami_settings() -> Settings:
    return Settings(
        site_name="Downtown Miami",
        site_id="site-miami",
        timezone="America/New_York",
        site_latitude=float(MIAMI_SITE[0]),
        site_longitude=float(MIAMI_SITE[1]),
    )


async def typed_in_the_app(db: Path, keys: str) -> list[str]:
    """The names the app shows once the volunteer has typed `keys` and stopped."""
    desk = open_desk(db, settings=miami_settings(), clock=lambda: MORNING, load_demo=False)
    try:
        return [r.listing.service.name.lower() for r in await shown_after_typing(desk, keys)]
    finally:
        desk.close()


def typed(db: Path, text: str) -> list[str]:
    """The names a desk search gives for `text` as typed, its last word unfinished."""
    desk = open_desk(db, settings=miami_settings(), clock=lambda: MORNING, load_demo=False)
    try:
        return [r.listing.service.name.lower() for r in search_services(desk, text)]
    finally:
        desk.close()


@needs_miami
async def test_typed_i_was_raped_shows_the_rape_treatment_centre_before_the_space(
    miami_db: Path,
) -> None:
    # Given Miami's desk, when the volunteer types "i was raped" and stops (no space),
    shown = await typed_in_the_app(miami_db, "i was raped")
    # then the rape treatment centre comes first, as it does once the word is finished,
    assert "rape" in shown[0], shown[:5]
    # and no trafficking unit is among the first three.
    assert not any("trafficking" in name for name in shown[:3]), shown[:5]


@needs_miami
def test_typed_rape_already_says_the_kind_but_rap_does_not_yet(miami_db: Path) -> None:
    # "rape" is a whole word that names the need and its kind: the centre comes first,
    # and the closest services of other kinds (a neighbourhood office, the medical
    # examiner) do not come before the ones that say they are for sexual assault.
    assert "rape" in typed(miami_db, "i was rape")[0]
    whole = typed(miami_db, "i was raped")
    assert "rape" in whole[0]
    assert not any(name in ("overtown", "miami-dade county medical examiner") for name in whole[:5])
