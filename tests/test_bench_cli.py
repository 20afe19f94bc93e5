"""The benchmark commands print figures a coordinator can paste, for every catalogue size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bench_relevance_compares_navigator_with_fts5_in_one_run() -> None:
    demo_set = Path(__file__).resolve().parent / "relevance" / "demo.toml"
    code, out, err = run("bench", "relevance", "--json", "--set", str(demo_set))
    assert code == 0, err
    rows = {row["set"]: row for row in json.loads(out)}
    demo = rows["Millbrook demo"]
    assert demo["queries"] >= 80
    ours, fts = demo["systems"]["Navigator"], demo["systems"]["FTS5 bm25"]
    for split in ("tuning", "held_out"):
        assert set(ours[split]) == {"p_at_5", "mrr", "ndcg_at_5", "hit_at_3"}
        assert ours[split]["mrr"] > fts[split]["mrr"]
        assert ours[split]["p_at_5"] > fts[split]["p_at_5"]
    assert "FTS5 by distance" in demo["systems"]


def test_bench_relevance_refuses_a_broken_set_with_its_file_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\ncatalogue = "demo"\nnow = 2026-11-24T10:30:00\n')
    code, _, err = run("bench", "relevance", "--set", str(broken))
    assert code == 1
    assert "broken.toml" in err
    assert "query" in err
    assert "Traceback" not in err


def test_bench_search_times_every_keystroke_against_both_baselines() -> None:
    code, out, err = run(
        "bench", "search", "--services", "300", "--baseline-keystrokes", "5", "--json"
    )
    assert code == 0, err
    (report,) = json.loads(out)
    assert report["services"] == 300
    assert report["navigator"]["samples"] == report["fts5"]["samples"] > 100
    assert report["rapidfuzz"]["samples"] == 5
    for timing in ("navigator", "fts5", "rapidfuzz"):
        assert 0 < report[timing]["p50"] <= report[timing]["p95"] <= report[timing]["p99"]
    assert report["typos_ok"] == report["typos_total"]
    assert report["peak_rss_mb"] > 0


def test_bench_search_times_a_single_baseline_keystroke() -> None:
    # The option allows 1; the percentiles of one sample are that sample.
    code, out, err = run(
        "bench", "search", "--services", "300", "--baseline-keystrokes", "1", "--json"
    )
    assert code == 0, err
    (report,) = json.loads(out)
    rapidfuzz = report["rapidfuzz"]
    assert rapidfuzz["samples"] == 1
    assert rapidfuzz["p50"] == rapidfuzz["p95"] == rapidfuzz["p99"] == rapidfuzz["worst"]


def test_bench_search_can_leave_a_database_to_open_the_app_on(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    code, _, err = run(
        "bench",
        "search",
        "--services",
        "400",
        "--baseline-keystrokes",
        "2",
        "--save-db",
        str(db),
        "--json",
    )
    assert code == 0, err
    code, out, _ = run("catalogue", "stats", "--json", "--db", str(db))
    assert code == 0
    assert json.loads(out)["services"] == 400


@pytest.mark.slow
def test_bench_screen_drives_the_app_and_every_keystroke_gets_results(tmp_path: Path) -> None:
    code, out, err = run(
        "bench", "screen", "--queries", "1", "--json", "--db", str(tmp_path / "n.db")
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["keystrokes"] == len("food bank")
    assert report["timeouts"] == 0
    assert report["echo"]["p50"] <= report["drawn"]["p50"] <= report["detail"]["p50"]


def test_bench_relevance_misses_names_tuning_queries_only(tmp_path: Path) -> None:
    # Given a judged set whose every query misses: food queries judged by a legal service
    legal = "3282c721-9210-5ca1-a441-1ffc36eec877"  # Groceries to Your Door, never top three
    queries = "".join(
        f'[[query]]\ntext = "{text}"\nneed = "food"\nrelevant = ["{legal}"]\n{held}\n'
        for text, held in (("hungry", ""), ("food pantry", ""), ("comida", "holdout = true\n"))
    )
    judged = tmp_path / "set.toml"
    judged.write_text(
        'name = "Misses"\ncatalogue = "demo"\nnow = 2026-11-24T10:30:00\n'
        "holdout_every = 3\n\n" + queries,
        encoding="utf-8",
    )
    # When the misses are listed
    code, out, err = run("bench", "relevance", "--misses", "--set", str(judged))
    assert code == 0, err
    # Then the tuning misses are named, and the held-out one ("comida", every third) is only
    # counted: reading held-out queries while tuning would make them tuning queries.
    assert "miss: 'hungry'" in out
    assert "miss: 'food pantry'" in out
    assert "comida" not in out
    assert "held-out misses: 1 (not named)" in out
