"""Relevance: client words find the right services, measured on judged sets against FTS5."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from navigator.bench.judged_sets import load_judged_set
from navigator.bench.measure_relevance import FTS5, NAVIGATOR, measure_relevance
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.domain.needs import default_lexicon
from navigator.errors import CatalogueFormatError
from navigator.search.filters import SearchFilters
from navigator.search.index import SearchIndex
from navigator.search.vocabulary import stem

SETS = Path(__file__).resolve().parent / "relevance"
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 30)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    listings = read_catalogue(demo_catalogue_path()).catalogue.listings()
    return SearchIndex(listings, default_lexicon())


def top_needs(index: SearchIndex, text: str, k: int) -> list[set[str]]:
    return [set(r.listing.service.needs) for r in index.search(text, now=TUESDAY_MORNING)[:k]]


def test_the_demo_set_is_large_enough_and_judges_only_real_services() -> None:
    report = measure_relevance(SETS / "demo.toml")
    assert len(report.judged.queries) >= 80
    assert report.unknown_ids == ()


def test_navigator_beats_plain_fts5_on_the_demo_set() -> None:
    # Given the judged demo set, when both rankings answer every query in one run,
    report = measure_relevance(SETS / "demo.toml")
    for held_out in (False, True):
        ours = report.scores(0, NAVIGATOR, held_out)
        fts = report.scores(0, FTS5, held_out)
        # then Navigator is well ahead of FTS5 bm25 on both measures,
        assert ours.precision_at_5 > 1.5 * fts.precision_at_5
        assert ours.mrr > 1.3 * fts.mrr
        # and the right service is in the top three for nearly every client phrasing.
        assert ours.hit_at_3 >= 0.85, [o.query.text for o in ours.misses()]


def test_the_miami_set_when_the_miami_package_can_be_loaded() -> None:
    set_file = SETS / "miami.toml"
    judged = load_judged_set(set_file)
    source = judged.catalogue_path(set_file)
    assert source is not None
    if not source.exists():
        pytest.skip(f"the Miami package is not at {source}")
    try:
        report = measure_relevance(set_file)
    except CatalogueFormatError as error:
        pytest.skip(f"this build cannot import the Miami HSDS 1.1 package yet: {error.message}")
    assert report.unknown_ids == ()
    assert report.scores(1, NAVIGATOR).mrr > report.scores(1, FTS5).mrr


def test_every_client_word_in_the_lexicon_finds_a_service_for_its_need(
    index: SearchIndex,
) -> None:
    lexicon = default_lexicon()
    wrong = []
    for need in lexicon.needs:
        for word in need.words:
            codes = {n.code for n in lexicon.needs if word in n.words}
            first = top_needs(index, word + " ", 1)
            if not first or first[0].isdisjoint(codes):
                wrong.append((need.code, word))
    assert wrong == []


def test_a_typo_in_any_long_client_word_still_finds_its_need(index: SearchIndex) -> None:
    # A dropped third letter is the commonest slip at speed ("shleter" -> "sheter").
    lexicon = default_lexicon()
    wrong = []
    for need in lexicon.needs:
        for word in need.words:
            if " " in word or len(word) < 6:
                continue
            typo = word[:2] + word[3:]
            codes = {n.code for n in lexicon.needs if word in n.words}
            if all(found.isdisjoint(codes) for found in top_needs(index, typo + " ", 3)):
                wrong.append(typo)
    assert wrong == []


@pytest.mark.parametrize(
    ("said", "need"),
    [
        ("comida", "food"),
        ("vivienda", "housing"),
        ("trabajo", "work"),
        ("transporte", "transport"),
        ("abogado", "legal"),
        ("médico", "health"),
        ("medico", "health"),
    ],
)
def test_common_needs_answer_in_spanish(index: SearchIndex, said: str, need: str) -> None:
    assert all(need in found for found in top_needs(index, said + " ", 3))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fod bank", "Food"),
        ("shleter", "Shelter"),
        ("eviciton", "Eviction Defense Project"),
    ],
)
def test_typos_are_corrected_against_the_catalogue(
    index: SearchIndex, typed: str, expected: str
) -> None:
    names = [r.listing.service.name for r in index.search(typed + " ", now=TUESDAY_MORNING)]
    assert any(expected in name for name in names[:3]), names[:3]


def test_two_needs_in_one_query_both_show_near_the_top(index: SearchIndex) -> None:
    found = top_needs(index, "food and bus fare ", 4)
    assert any("food" in needs for needs in found)
    assert any("transport" in needs for needs in found)


def test_a_recently_verified_listing_outranks_an_equal_stale_one(index: SearchIndex) -> None:
    # Given two community fridges/pantries equal on text, the one verified last month ranks first.
    results = index.search("pantry ", now=TUESDAY_MORNING)
    scores = {r.listing.service.name: r for r in results}
    fresh, stale = scores["Saturday Pantry"], scores["Halal Food Pantry"]
    assert not fresh.stale
    assert stale.stale or fresh.score > stale.score


@pytest.mark.parametrize(
    ("word", "root"),
    [("taxes", "tax"), ("meals", "meal"), ("evicted", "evict"), ("families", "family")],
)
def test_plural_and_past_forms_share_a_stem(word: str, root: str) -> None:
    assert stem(word) == stem(root)


@pytest.mark.parametrize(
    ("typing", "need"),
    [
        ("shlet", "housing"),
        ("trasnp", "transport"),
        ("cuonsel", "mental_health"),
        ("evici", "legal"),
    ],
)
def test_a_slip_in_a_half_typed_word_does_not_empty_the_list(
    index: SearchIndex, typing: str, need: str
) -> None:
    # Given a volunteer mid-word with a slip and no known word starting that way,
    assert not index.vocabulary.with_prefix(typing, limit=1)
    # the list still shows services for the word they were typing.
    assert any(need in found for found in top_needs(index, typing, 3))


def test_seniors_only_services_follow_open_to_all_ones_unless_the_client_is_older(
    index: SearchIndex,
) -> None:
    def rank_of(name: str, text: str, filters: SearchFilters | None = None) -> int:
        found = index.search(text, now=TUESDAY_MORNING, filters=filters)
        return [r.listing.service.name for r in found].index(name)

    # "hungry" from a client whose age is not known: an open-to-all pantry comes first,
    assert rank_of("Hearth Meals", "hungry ") > rank_of("Elm Street Pantry", "hungry ")
    # but the 60+ home-delivered meals move up once the volunteer says the client is 70,
    aged = SearchFilters(age=70)
    assert rank_of("Hearth Meals", "hungry ", aged) < rank_of("Hearth Meals", "hungry ")
    # and when the query is about older adults.
    assert rank_of("Hearth Meals", "senior meals ") < 3
