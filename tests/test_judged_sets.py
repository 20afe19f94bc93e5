"""Judged relevance sets: a broken set is refused by name, every judged id is real, and the
bench prints every measure for every system in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.bench import judged_pool
from navigator.bench.judged_sets import load_judged_set
from navigator.bench.measure_relevance import load_rankers
from navigator.bench.places import km_from
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.errors import ProblemAt

SETS = Path(__file__).resolve().parent / "relevance"
HEADER = 'name = "x"\ncatalogue = "demo"\nnow = 2026-11-24T10:30:00\nsite = [42.3, -71.8]\n'


def query(text: str, relevant: str = '["a"]', extra: str = "") -> str:
    return f'\n[[query]]\ntext = "{text}"\nrelevant = {relevant}\n{extra}'


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (query("hungry", relevant="[]"), "query.0.relevant", "at least 1"),
        (query("hungry", relevant='"a"'), "query.0.relevant", "tuple"),
        (query("a") + query("b") + query("c"), "query", "holdout"),
        (query("a", extra='far = ["b"]'), "query.0", "far ids must also be relevant"),
        (query("a", extra='far = ["a"]'), "query", "need near_km"),
        (query("a", relevant='["x", "x"]'), "query.0", "judged twice"),
        (query("a", extra='not_relevant = ["b", "b"]'), "query.0", "judged twice"),
        (query("food", extra='not_relevant = ["a"]'), "query.0", "'food': ids both relevant"),
        (query("a", extra="colour = 1"), "query.0.colour", "not permitted"),
    ],
)
def test_a_malformed_set_is_refused_naming_its_file_and_field(
    tmp_path: Path, body: str, field: str, words: str
) -> None:
    # Given a set file with one mistake in it,
    broken = tmp_path / "broken.toml"
    broken.write_text(HEADER + body, "utf-8")
    # when it is loaded, then the message names the file, the field and what is wrong.
    with pytest.raises(ProblemAt) as caught:
        load_judged_set(broken)
    assert "broken.toml" in caught.value.message
    assert f"field '{field}'" in caught.value.message
    assert words in caught.value.message


def test_a_set_that_is_not_toml_is_refused_with_its_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", "utf-8")
    with pytest.raises(ProblemAt, match=r"broken\.toml"):
        load_judged_set(broken)


@pytest.mark.parametrize("set_name", ["demo.toml", "miami.toml"])
def test_every_judged_id_is_in_its_catalogue_and_far_means_far(set_name: str) -> None:
    # Given a shipped set and the catalogue it was judged on,
    set_file = SETS / set_name
    judged = load_judged_set(set_file)
    source = judged.catalogue_path(set_file) or demo_catalogue_path()
    if not source.exists():
        pytest.skip(f"the catalogue of {set_name} is not at {source}")
    listings = {item.id: item for item in read_catalogue(source).catalogue.listings()}
    # then every judged id is a real service,
    unknown = {sid for q in judged.queries for sid in q.judged if sid not in listings}
    assert unknown == set()
    # there are enough client queries, a held-out third,
    assert len(judged.queries) >= 80
    assert len(judged.split(held_out=True)) == len(judged.queries) // 3
    # and, where the judgments are location-aware, `far` lists exactly the relevant
    # services beyond near_km of the site.
    if judged.near_km is None:
        assert not any(q.far for q in judged.queries)
        return
    assert judged.site is not None
    wrong = []
    for q in judged.queries:
        for sid in q.relevant:
            km = km_from(judged.site, listings[sid])
            is_far = km is None or km > judged.near_km
            if is_far != (sid in q.far):
                wrong.append((q.text, sid, km))
    assert wrong == []


def test_the_relevance_bench_prints_every_measure_for_every_system_on_the_demo() -> None:
    # When a coordinator runs the relevance bench on the demo set,
    result = CliRunner().invoke(main, ["bench", "relevance", "--set", str(SETS / "demo.toml")])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # then one run prints P@5, MRR, nDCG@5 and top-3 hits,
    for measure in ("P@5", "MRR", "nDCG@5", "top-3"):
        assert measure in out
    # for Navigator, FTS5 bm25 and FTS5 sorted by distance, tuning and held out apart.
    for system in ("Navigator", "FTS5 bm25", "FTS5 by distance"):
        assert f"{system} tuning" in out
        assert f"{system} held-out" in out
    assert "30 held out" in out


def test_the_bench_says_how_much_of_each_top_five_nobody_judged() -> None:
    # When a coordinator runs the relevance bench on the demo set,
    demo_set = str(SETS / "demo.toml")
    result = CliRunner().invoke(main, ["bench", "relevance", "--set", demo_set])
    assert result.exit_code == 0, result.stderr
    # then each system's row ends with the share of its top five nobody judged,
    assert "unjudged@5" in result.stdout
    # and the JSON gives it per system and split.
    result = CliRunner().invoke(main, ["bench", "relevance", "--json", "--set", demo_set])
    row = json.loads(result.stdout)[0]
    shares = row["unjudged_in_top_5"]["Navigator"]
    assert set(shares) == {"tuning", "held_out"}
    assert all(0.0 <= share <= 1.0 for share in shares.values())


def test_the_judging_pool_shows_only_what_nobody_has_judged(tmp_path: Path) -> None:
    # Given a set on the demo where the first two services Navigator shows for "hungry"
    # are judged, one relevant and one not,
    rankers = load_rankers(SETS / "demo.toml")
    first, second, *_ = rankers.navigator("hungry", rankers.judged.site, 10)
    rankers.close()
    judged = tmp_path / "judged.toml"
    judged.write_text(
        HEADER + f'\n[[query]]\ntext = "hungry"\nneed = "food"\nrelevant = ["{first}"]\n'
        f'not_relevant = ["{second}"]\n',
        "utf-8",
    )
    # when the pool is printed, then neither judged service is shown, the others are,
    # with their name, needs, address and distance,
    result = CliRunner().invoke(judged_pool.main, [str(judged)])
    assert result.exit_code == 0, result.output
    assert first not in result.output
    assert second not in result.output
    assert "needs:" in result.output
    assert " km" in result.output
    assert "unjudged" in result.output
    # and asked for all, it shows them too, marked relevant (R) and not relevant (x).
    result = CliRunner().invoke(judged_pool.main, [str(judged), "--all"])
    assert f"R {first} [" in result.output
    assert f"x {second} [" in result.output
