"""Need-aware search on the demo catalogue: client words, typos, several needs, filters."""

from __future__ import annotations

import pytest

from navigator.desk.context import Desk
from navigator.desk.search_services import search_services
from navigator.errors import UnknownNeed
from navigator.search.filters import SearchFilters


def top_needs(desk: Desk, query: str, k: int = 3, **filters: object) -> list[tuple[str, ...]]:
    found = search_services(desk, query, filters=SearchFilters(**filters))  # type: ignore[arg-type]
    return [r.listing.service.needs for r in found[:k]]


@pytest.mark.parametrize(
    ("query", "need"),
    [
        ("hungry", "food"),
        ("fod bank", "food"),
        ("groceries", "food"),
        ("shleter", "housing"),
        ("somewhere to sleep tonight", "housing"),
        ("bus pass", "transport"),
        ("dialysis appointment", "transport"),
        ("evicted", "housing"),
        ("pills", "substance_use"),
        ("not safe at home", "safety"),
        ("comida", "food"),
        ("trabajo", "work"),
    ],
)
def test_client_words_find_the_need_in_the_top_three(desk: Desk, query: str, need: str) -> None:
    assert all(need in needs for needs in top_needs(desk, query)), query


def test_typing_re_ranks_on_every_prefix(desk: Desk) -> None:
    for prefix in ("h", "hu", "hun", "hung", "hungr", "hungry"):
        assert search_services(desk, prefix), prefix
    assert "food" in search_services(desk, "hun")[0].listing.service.needs


def test_several_needs_in_one_query_return_a_mix(desk: Desk) -> None:
    results = search_services(desk, "food and bus fare")[:6]
    needs = {n for r in results for n in r.matched_needs}
    assert {"food", "transport"} <= needs


def test_each_result_explains_itself(desk: Desk) -> None:
    top = search_services(desk, "bus pass")[0]
    assert top.explanation.startswith("transport")
    assert "km" in top.explanation  # the test site has coordinates


def test_filters_cut_the_candidates(desk: Desk) -> None:
    free = search_services(desk, "doctor", filters=SearchFilters(free_only=True))
    assert free
    assert all(r.listing.service.is_free for r in free)
    open_now = search_services(desk, "food", filters=SearchFilters(open_now=True))
    assert open_now
    assert all(r.availability.open_now for r in open_now)
    spanish = search_services(desk, "food", filters=SearchFilters(language="Spanish"))
    assert spanish
    assert all(any(lang.name == "Spanish" for lang in r.listing.service.languages) for r in spanish)
    seniors = search_services(desk, "", filters=SearchFilters(age=8, needs=("older_adults",)))
    for r in seniors:
        assert r.listing.service.minimum_age is None or r.listing.service.minimum_age <= 8


def test_inactive_services_are_never_offered(desk: Desk) -> None:
    names = {r.listing.service.name for r in search_services(desk, "", limit=1000)}
    assert "Eastside Community Fridge" not in names  # inactive in the demo


def test_unknown_need_filter_is_a_clear_error(desk: Desk) -> None:
    with pytest.raises(UnknownNeed, match="Known needs"):
        search_services(desk, "x", filters=SearchFilters(needs=("unicorns",)))
