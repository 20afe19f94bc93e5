"""Issue 10, what the client's words mean: which kind of a need's services they ask for.

Safety services are not interchangeable: a client whose partner hits them wants domestic
violence help, not a human trafficking line or a rape treatment centre. Someone looking
for work wants job openings and placement before sheltered work programmes; cash help in
a crisis is a fund, not a food pantry. Shown through the command line on Miami (with the
site in Miami) and the demo town.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app_search import shown_after_typing
from cli_search import Found, search
from conftest import MIAMI_SITE, desks_open_at, needs_miami
from navigator.config import Settings
from navigator.desk.context import open_desk
from navigator.domain.needs import NeedKind, default_lexicon
from navigator.domain.text import words
from navigator.search.spanish import is_spanish


def names(found: Found) -> list[str]:
    return [str(r["name"]).lower() for r in found]


# --- safety: domestic violence is not trafficking --------------------------------------------


@needs_miami
def test_miami_my_husband_beats_me_is_domestic_violence_not_trafficking(
    miami_db: Path, in_miami: None
) -> None:
    # Given a client who says her husband beats her,
    found = names(search(miami_db, "my husband beats me"))
    # then the first answer is a domestic violence service, and no trafficking line or
    # rape treatment centre is among the first five.
    assert "violence" in found[0]
    assert not any("trafficking" in name or "rape" in name for name in found[:5])


@needs_miami
def test_miami_he_hit_me_is_domestic_violence(miami_db: Path, in_miami: None) -> None:
    found = names(search(miami_db, "he hit me"))
    assert not any("trafficking" in name for name in found[:5])
    assert sum("violence" in name for name in found[:5]) >= 2


@needs_miami
def test_miami_spanish_husband_who_hits_is_domestic_violence(
    miami_db: Path, in_miami: None
) -> None:
    found = names(search(miami_db, "mi esposo me golpea"))
    assert "violence" in found[0]
    assert not any("trafficking" in name for name in found[:5])


@needs_miami
def test_miami_raped_is_the_rape_treatment_centre_first(miami_db: Path, in_miami: None) -> None:
    found = names(search(miami_db, "i was raped"))
    assert "rape" in found[0]


@needs_miami
def test_miami_raped_at_night_is_still_the_rape_treatment_centre_first(
    miami_db: Path, in_miami: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    desks_open_at(monkeypatch, datetime(2026, 11, 25, 3, 30, tzinfo=UTC))  # 10:30 pm in Miami
    found = names(search(miami_db, "i was raped"))
    assert "rape" in found[0]


# --- work: job openings before sheltered work ------------------------------------------------


@needs_miami
def test_miami_looking_for_work_is_not_sheltered_work_first(miami_db: Path, in_miami: None) -> None:
    # "Work Services" and "Work Activities Center" are sheltered programmes for people with
    # barriers to work; someone looking for work wants job search and placement first.
    found = names(search(miami_db, "looking for work"))
    assert "work services" not in found[:3]
    assert "work activities center" not in found[:3]


# --- money: cash help in a crisis ------------------------------------------------------------


@needs_miami
def test_miami_emergency_cash_assistance_is_a_crisis_fund(miami_db: Path, in_miami: None) -> None:
    # The emergency food and shelter fund pays a month's rent or bills in a crisis: it is
    # among the first three, whatever is open at the hour the test runs.
    found = names(search(miami_db, "emergency cash assistance"))
    assert "emergency food and shelter" in found[:3]


# --- the lexicon says kinds in both languages ------------------------------------------------


def test_every_kind_is_said_in_english_and_spanish() -> None:
    lexicon = default_lexicon()
    kinds = [kind for need in lexicon.needs for kind in need.kinds]
    assert {"domestic violence", "sexual assault", "human trafficking"} <= {k.name for k in kinds}
    for kind in kinds:
        said = [words(phrase) for phrase in kind.says]
        # Each kind has phrases only an English speaker would say, and Spanish ones.
        assert any(not any(is_spanish(w) for w in phrase) for phrase in said), kind.name
        assert any(all(len(w) < 4 or is_spanish(w) for w in phrase) for phrase in said), kind.name


def test_a_kind_may_be_listed_as_a_phrase_whose_words_are_kept_together() -> None:
    # "social security" is the directory's name for disability benefits; "security" alone
    # is also food security or a security deposit, so the phrase stays one entry.
    kind = NeedKind(name="x", says=("x",), listed_as=("SSI", "Social  Security"))
    assert kind.listing_words == ("ssi", "social security")


# --- a phrase two needs share names both ------------------------------------------------------


def test_an_eviction_notice_is_housing_and_legal_help(tmp_path: Path) -> None:
    # Given a tenant with an eviction notice: a volunteer thinks of tenant legal help and
    # of help keeping the home, so the services that give both come first.
    found = search(tmp_path / "demo.db", "got an eviction notice")
    first = [list(r["matched_needs"]) for r in found[:3]]  # type: ignore[call-overload]
    assert all(set(needs) == {"housing", "legal"} for needs in first)
    assert "Tenant Rights Hotline" in [r["name"] for r in found[:3]]


# --- health: no insurance is a clinic for the uninsured, not an insurer ----------------------


@needs_miami
def test_miami_free_clinic_no_insurance_is_not_insurance_help(
    miami_db: Path, in_miami: None
) -> None:
    # "no insurance" says the client has none: a free or community clinic, not an insurer
    # or a counsellor on Medicare plans.
    found = names(search(miami_db, "free clinic no insurance"))
    assert not any("insurance" in name for name in found[:5])
    assert any("clinic" in name or "health center" in name for name in found[:2])


@needs_miami
async def test_typed_he_hit_me_shows_domestic_violence_before_the_space(miami_db: Path) -> None:
    # Given Miami's desk, site downtown, on a weekday morning,
    settings = Settings(
        site_name="Downtown Miami",
        site_id="site-miami",
        timezone="America/New_York",
        site_latitude=float(MIAMI_SITE[0]),
        site_longitude=float(MIAMI_SITE[1]),
    )
    morning = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 10:30 am in Miami
    desk = open_desk(miami_db, settings=settings, clock=lambda: morning, load_demo=False)
    try:
        # when the volunteer types "he hit me" and stops, no space after the last word,
        shown = [
            r.listing.service.name.lower() for r in await shown_after_typing(desk, "he hit me")
        ]
    finally:
        desk.close()
    # then the phrase already says which safety services: domestic violence, not
    # trafficking (the kind was only read once a space followed "me")
    assert not any("trafficking" in name for name in shown[:5]), shown[:5]
    assert sum("violence" in name for name in shown[:5]) >= 2, shown[:5]
