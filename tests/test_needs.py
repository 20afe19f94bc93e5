"""The need lexicon: every category the architecture lists, with the words clients use."""

from __future__ import annotations

import pytest

from navigator.domain.needs import default_lexicon, parse_lexicon

REQUIRED = [
    "food", "housing", "transport", "health", "mental_health", "substance_use", "legal",
    "money", "work", "education", "childcare", "goods", "utilities", "safety", "immigration",
    "disability", "older_adults",
]  # fmt: skip


def test_lexicon_has_every_need_category_with_client_words() -> None:
    lexicon = default_lexicon()
    assert list(lexicon.codes()) == REQUIRED
    for need in lexicon.needs:
        assert len(need.words) >= 15, f"{need.code} has too few client words"


@pytest.mark.parametrize(
    ("said", "need"),
    [
        ("the kids haven't eaten since yesterday", "food"),
        ("I got an eviction notice", "housing"),
        ("I can't get to my dialysis", "transport"),
        ("my boyfriend hit me", "safety"),
        ("necesito comida", "food"),
        ("busco trabajo", "work"),
    ],
)
def test_client_phrasing_points_at_the_need(said: str, need: str) -> None:
    assert need in default_lexicon().needs_in_text(said)


def test_a_listing_without_need_words_gets_no_need() -> None:
    assert default_lexicon().needs_in_text("Open Tuesday mornings at the town hall") == frozenset()


def test_malformed_lexicon_is_refused() -> None:
    with pytest.raises(ValueError, match="code"):
        parse_lexicon('[[need]]\ncode = "Food Bank!"\nname = "x"\nwords = ["a"]\n')
