"""A judged set held out whole (tests/relevance/fresh/): every query is held out, nobody
tunes on it, the default bench run leaves it out, and run by name it shows held-out rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.bench import judged_pool
from navigator.bench.cli_relevance import SETS as DEFAULT_SETS
from navigator.bench.judged_sets import load_judged_set
from navigator.bench.measure_relevance import load_rankers
from navigator.bench.places import km_from
from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.errors import ProblemAt

SETS = Path(__file__).resolve().parent / "relevance"
FRESH = SETS / "fresh" / "miami_fresh.toml"
HEADER = 'name = "x"\ncatalogue = "demo"\nnow = 2026-11-24T10:30:00\nsite = [42.3, -71.8]\n'


def held_out(text: str, relevant: str) -> str:
    return f'\n[[query]]\ntext = "{text}"\nholdout = true\nrelevant = ["{relevant}"]\n'


def demo_set_held_out_whole(tmp_path: Path) -> Path:
    """Two demo queries, each with the service Navigator puts first counted relevant."""
    rankers = load_rankers(SETS / "demo.toml")
    site = rankers.judged.site
    hungry = rankers.navigator("hungry", site, 1)[0]
    shelter = rankers.navigator("shelter", site, 1)[0]
    rankers.close()
    path = tmp_path / "fresh.toml"
    path.write_text(
        HEADER + "holdout_every = 1\n" + held_out("hungry", hungry) + held_out("shelter", shelter),
        "utf-8",
    )
    return path


def test_a_set_held_out_whole_has_no_tuning_queries(tmp_path: Path) -> None:
    # Given a set that says every query is held out, and marks each one,
    path = demo_set_held_out_whole(tmp_path)
    # when it is loaded, then every query is held out and none is left to tune on.
    judged = load_judged_set(path)
    assert len(judged.split(held_out=True)) == 2
    assert judged.split(held_out=False) == ()


def test_a_query_not_marked_held_out_in_a_set_held_out_whole_is_refused(tmp_path: Path) -> None:
    # Given a set held out whole whose second query forgot `holdout = true`,
    broken = tmp_path / "broken.toml"
    broken.write_text(
        HEADER
        + "holdout_every = 1\n"
        + held_out("hungry", "a")
        + '\n[[query]]\ntext = "shelter"\nrelevant = ["b"]\n',
        "utf-8",
    )
    # when it is loaded, then the message names the file, the query and the rule.
    with pytest.raises(ProblemAt) as caught:
        load_judged_set(broken)
    assert "broken.toml" in caught.value.message
    assert "query 2 ('shelter')" in caught.value.message
    assert "holdout must be true on every query" in caught.value.message


def test_the_bench_shows_only_held_out_rows_for_a_set_held_out_whole(tmp_path: Path) -> None:
    # Given a demo set held out whole,
    path = str(demo_set_held_out_whole(tmp_path))
    # when the lead runs the relevance bench on it by name,
    result = CliRunner().invoke(main, ["bench", "relevance", "--set", path])
    assert result.exit_code == 0, result.output
    # then every system has a held-out row and no empty tuning row,
    for system in ("Navigator", "FTS5 bm25", "FTS5 by distance"):
        assert f"{system} held-out" in result.stdout
        assert f"{system} tuning" not in result.stdout
    assert "(0 tuning, 2 held out)" in result.stdout
    # and the JSON gives no figures for tuning rather than zeros.
    result = CliRunner().invoke(main, ["bench", "relevance", "--json", "--set", path])
    navigator = json.loads(result.stdout)[0]["systems"]["Navigator"]
    assert navigator["tuning"] is None
    assert navigator["held_out"]["p_at_5"] == 1.0 / 5


def test_the_judging_pool_reads_a_set_held_out_whole(tmp_path: Path) -> None:
    # Given a demo set held out whole, when its pool is printed,
    path = str(demo_set_held_out_whole(tmp_path))
    result = CliRunner().invoke(judged_pool.main, [path])
    # then each query's pool is listed with what nobody has judged yet.
    assert result.exit_code == 0, result.output
    assert "=== #1 'hungry'" in result.output
    assert "=== #2 'shelter'" in result.output


def test_the_fresh_miami_set_is_held_out_whole_and_not_in_the_default_run() -> None:
    # The default `bench relevance` run reads only the top folder's sets,
    assert FRESH not in set(DEFAULT_SETS.glob("*.toml"))
    # and every query of the fresh set is held out.
    judged = load_judged_set(FRESH)
    assert len(judged.queries) >= 60
    assert judged.split(held_out=False) == ()


def test_every_fresh_judged_id_is_in_its_catalogue_and_far_means_far() -> None:
    # Given the fresh set and the Miami catalogue it was judged on,
    judged = load_judged_set(FRESH)
    source = judged.catalogue_path(FRESH)
    if source is None or not source.exists():
        pytest.skip(f"the Miami catalogue is not at {source}")
    listings = {item.id: item for item in read_catalogue(source).catalogue.listings()}
    # then every judged id is a real service,
    unknown = {sid for q in judged.queries for sid in q.judged if sid not in listings}
    assert unknown == set()
    # and `far` lists exactly the relevant services beyond near_km of the site.
    assert judged.site is not None
    assert judged.near_km is not None
    wrong = []
    for q in judged.queries:
        for sid in q.relevant:
            km = km_from(judged.site, listings[sid])
            if (km is None or km > judged.near_km) != (sid in q.far):
                wrong.append((q.text, sid, km))
    assert wrong == []
