"""The relevance bench measures a catalogue reshaped toward the unseen directory (no
schedules, agency text first), so a ranking that leans on what it lacks shows."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from navigator.bench.catalogue_variants import AGENCY_FIRST, NO_SCHEDULES, UNSEEN, reshape
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.domain.needs import default_lexicon

DEMO_SET = Path(__file__).resolve().parent / "relevance" / "demo.toml"


def test_a_coordinator_measures_the_demo_with_no_schedules_beside_the_demo_as_read() -> None:
    # Given the demo's judged set
    # When the bench runs it as read and with every schedule stripped
    result = CliRunner().invoke(
        main, ["bench", "relevance", "--json", "--set", str(DEMO_SET), "--variant", NO_SCHEDULES]
    )
    # Then both are reported, the stripped one named, with the same figures
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["variant"] for row in rows] == [None, NO_SCHEDULES]
    for row in rows:
        assert set(row["systems"]["Navigator"]["tuning"]) == {
            "p_at_5",
            "mrr",
            "ndcg_at_5",
            "hit_at_3",
        }


def test_the_printed_table_names_the_variant() -> None:
    result = CliRunner().invoke(
        main, ["bench", "relevance", "--set", str(DEMO_SET), "--variant", UNSEEN, "--only-variants"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Millbrook demo [unseen]" in result.stdout
    assert "Millbrook demo -" not in result.stdout


def test_variants_only_remove_or_move_a_records_own_text() -> None:
    # Given the demo catalogue as read
    lexicon = default_lexicon()
    listings = read_catalogue(demo_catalogue_path()).catalogue.listings()
    assert any(item.service.schedules for item in listings)
    # When it is stripped of hours and its agencies' text is put first
    reshaped = reshape(listings, UNSEEN, lexicon)
    # Then the same services remain, with no hours, and every description still holds
    # the service's own words and needs
    assert [item.service.id for item in reshaped] == [item.service.id for item in listings]
    for before, after in zip(listings, reshaped, strict=True):
        assert after.service.schedules == ()
        assert after.service.hours_text is None
        assert (before.service.description or "") in (after.service.description or "")
        assert set(before.service.needs) <= set(after.service.needs)
        assert after.service.name == before.service.name
    agency = reshape(listings, AGENCY_FIRST, lexicon)
    assert any(
        a.service.description != b.service.description
        for a, b in zip(agency, listings, strict=True)
    )
