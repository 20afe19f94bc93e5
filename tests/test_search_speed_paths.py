"""The fast paths of the index (early stop, caches) rank exactly as a full evaluation would."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.bench.synthetic import synthetic_catalogue
from navigator.domain.needs import default_lexicon
from navigator.search import choosing as index_module
from navigator.search.filters import SearchFilters
from navigator.search.index import SearchIndex

TUESDAY_MORNING = datetime(2026, 11, 24, 10, 30)
SITE = (42.3, -71.8)
WORDS = [
    *sorted({w for need in default_lexicon().needs for w in need.words if " " not in w}),
    "pantry",
    "shleter",
    "fod",
    "clinic",
    "free",
    "tonight",
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(synthetic_catalogue(1500).listings(), default_lexicon())


def ranked(found: list[index_module.SearchResult]) -> list[tuple[str, float]]:
    return [(r.listing.id, r.score) for r in found]


typed = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).flatmap(
    lambda ws: st.integers(min_value=1, max_value=len(" ".join(ws))).map(
        lambda cut: " ".join(ws)[:cut]
    )
)
filters = st.builds(
    SearchFilters,
    open_now=st.booleans(),
    open_today=st.booleans(),
    free_only=st.booleans(),
    age=st.none() | st.integers(0, 90),
    within_km=st.none() | st.floats(1, 40),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=typed, chosen=filters, minutes=st.integers(0, 60 * 24 * 7))
def test_early_stopping_returns_what_scoring_everything_returns(
    index: SearchIndex,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    chosen: SearchFilters,
    minutes: int,
) -> None:
    # Given any partly typed query, filters and moment in the week,
    now = TUESDAY_MORNING + timedelta(minutes=minutes)
    fast = index.search(text, now=now, filters=chosen, site=SITE, limit=20)
    # when every candidate is given the full treatment instead (one huge first batch),
    with monkeypatch.context() as patch:
        patch.setattr(index_module, "FIRST_BATCH", 10**9)
        index.scorer.term_cache.clear()
        full = index.search(text, now=now, filters=chosen, site=SITE, limit=20)
    # then the ranking is the same, scores and order.
    assert ranked(fast) == ranked(full)
    assert [r.score for r in fast] == sorted((r.score for r in fast), reverse=True) or len(
        {tuple(sorted(r.matched_needs)) for r in fast}
    ) > 1  # several needs in one query are interleaved on purpose


def test_a_cancelled_search_returns_nothing(index: SearchIndex) -> None:
    assert index.search("food", now=TUESDAY_MORNING, cancelled=lambda: True) == []


@pytest.mark.parametrize("text", ["", "pantry", "fod"])
def test_filters_cut_the_candidates(index: SearchIndex, text: str) -> None:
    chosen = SearchFilters(needs=("food",), free_only=True, within_km=30, open_today=True)
    found = index.search(text, now=TUESDAY_MORNING, filters=chosen, site=SITE)
    assert found
    for result in found:
        assert "food" in result.listing.service.needs
        assert result.listing.service.is_free is True
        assert result.distance_km is not None
        assert result.distance_km <= 30
        assert result.availability.open_today
