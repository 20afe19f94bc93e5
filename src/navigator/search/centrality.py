"""How central each of its needs is to a service: what it is for, or only mentions.

A general rule rather than anything one directory's listings fit: a need named in the
service's name counts most, then in its organization's name, its keywords and the start
of its description; mentions further into a long description count less and saturate,
so a long iCarol-style description that lists everything does not look central to all.
What the description is mostly about counts too, wherever it says it: long directory
records often open with the agency's history, not with what this service does.
"""

from __future__ import annotations

import math

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import words
from navigator.search.listing_text import own_names

IN_NAME = 3.0
IN_ORGANIZATION = 1.2
IN_KEYWORDS = 1.0
IN_OPENING = 1.0  # the first words of the description say what the service is
IN_REST = 0.35  # each further mention, saturating
# What a description is mostly about: the need's share of all the need words it uses
# (its focus). A pantry's record that opens with its parish still speaks mostly of food;
# a programme listing food among ten referrals in its first line does not. Mentions of a
# need the description is not about keep only 1 - FOCUS_BLEND of their worth, and the
# focus itself is worth IN_FOCUS (less than the name: an office whose text is all about
# immigration is not "Citizenship Classes").
IN_FOCUS = 1.0
FOCUS_BLEND = 0.7
OPENING_WORDS = 25
SCALE = 3.0  # evidence of SCALE makes a need about two-thirds central


class NeedPhrases:
    """The lexicon's client words per need, prepared for matching field by field."""

    def __init__(self, lexicon: NeedLexicon) -> None:
        self.single: dict[str, frozenset[str]] = {}
        self.multi: dict[str, tuple[str, ...]] = {}
        for need in lexicon.needs:
            self.single[need.code] = frozenset(p[0] for p in need.phrases if len(p) == 1)
            self.multi[need.code] = tuple(
                " " + " ".join(p) + " " for p in need.phrases if len(p) > 1
            )
            # The need's own name is the plainest word for it ("Mental health").
            named = words(need.name)
            if len(named) == 1:
                self.single[need.code] |= {named[0]}
            elif named:
                self.multi[need.code] += (" " + " ".join(named) + " ",)
        others = [words(w) for w in lexicon.serves_others]
        self.others_single = frozenset(w[0] for w in others if len(w) == 1)
        self.others_multi = tuple(" " + " ".join(w) + " " for w in others if len(w) > 1)

    def hits(self, code: str, tokens: list[str], joined: str) -> int:
        """How many of the need's words and phrases occur in a field (each counted once)."""
        single = self.single.get(code, frozenset())
        found = len(single.intersection(tokens))
        found += sum(1 for phrase in self.multi.get(code, ()) if phrase in joined)
        return found


def _field(text: str | None) -> tuple[list[str], str]:
    tokens = words(text or "")
    return tokens, " " + " ".join(tokens) + " "


def _joined(tokens: list[str]) -> tuple[list[str], str]:
    return tokens, " " + " ".join(tokens) + " "


def centrality(
    listing: Listing,
    phrases: NeedPhrases,
    *,
    names: list[str] | None = None,
    organization_words: list[str] | None = None,
    description: list[str] | None = None,
    opening: int = OPENING_WORDS,
) -> dict[str, float]:
    """0..1 per need of the service: 0 for a need only guessed, near 1 for its purpose.

    `names`, `organization_words` and `description` are the words of `own_names`, the
    organization's name and the description, when the caller has them already; `opening`,
    how many of the description's first words say what the service is (fewer when the
    service's own text is short and its agency's follows, see listing_text.agency_apart)."""
    service = listing.service
    if not service.needs:
        return {}
    name = _field(own_names(listing)) if names is None else _joined(names)
    organization = (
        _field(listing.organization_name)
        if organization_words is None
        else _joined(organization_words)
    )
    keywords = _field(" ".join(service.keywords))
    if description is None:
        description = words(service.description or "")
    first = _field(" ".join(description[:opening]))
    rest = _field(" ".join(description[opening:]))
    found: dict[str, float] = {}
    said = {code: (phrases.hits(code, *first), phrases.hits(code, *rest)) for code in service.needs}
    # Needs found only in the organization's text have no mentions: their focus is 0.
    mentions = sum(a + b for a, b in said.values())
    for code in service.needs:
        in_opening, in_rest = said[code]
        focus = (in_opening + in_rest) / mentions if mentions else 0.0
        said_here = IN_OPENING * min(2, in_opening) + IN_REST * math.sqrt(in_rest)
        evidence = (
            IN_NAME * min(1, phrases.hits(code, *name))
            + IN_ORGANIZATION * min(1, phrases.hits(code, *organization))
            + IN_KEYWORDS * min(1, phrases.hits(code, *keywords))
            + said_here * (1 - FOCUS_BLEND * (1 - focus))
            + IN_FOCUS * focus
        )
        found[code] = 1.0 - math.exp(-evidence / SCALE)
    return found


def serves_others(
    listing: Listing, phrases: NeedPhrases, *, description: list[str] | None = None
) -> bool:
    """Whether the listing's name or opening says it serves others than a client in need
    (`description`: the description's words, when the caller has them already)."""
    service = listing.service
    if description is None:
        description = words(service.description or "")
    tokens = words(service.name) + description[:OPENING_WORDS]
    if phrases.others_single.intersection(tokens):
        return True
    joined = " " + " ".join(tokens) + " "
    return any(phrase in joined for phrase in phrases.others_multi)
