"""Measuring ranking against a judged set, next to FTS5 bm25 baselines, in one run.

Systems: Navigator (the product's SearchIndex), FTS5 bm25, and, when a site is set,
FTS5 bm25's top matches sorted by distance from the site. Each condition (a set with
its site, and without one when the set asks for it) is scored on the tuning queries
and on the held-out third separately.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from navigator.bench.catalogue_variants import reshape
from navigator.bench.fts_baseline import FtsBaseline
from navigator.bench.judged_sets import JudgedSet, Scores, evaluate, load_judged_set
from navigator.bench.places import km_from
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon, default_lexicon
from navigator.search.index import SearchIndex

RANKED = 50  # as deep as the app's result list; the measures look at the top few
NAVIGATOR = "Navigator"
FTS5 = "FTS5 bm25"
FTS5_BY_DISTANCE = "FTS5 by distance"

Site = tuple[float, float]


@dataclass(frozen=True)
class SystemScores:
    system: str
    tuning: Scores
    held_out: Scores


@dataclass(frozen=True)
class Condition:
    """One way of running the set: with its site, or with no site."""

    label: str
    site: Site | None
    queries: int  # judged queries that have a right answer under this condition
    systems: tuple[SystemScores, ...]


@dataclass(frozen=True)
class RelevanceReport:
    judged: JudgedSet
    variant: str | None  # the catalogue as a catalogue_variants variant shows it, or as read
    services: int
    conditions: tuple[Condition, ...]
    unknown_ids: tuple[str, ...]  # judged ids the catalogue does not have (a stale set)

    def scores(self, condition: int, system: str, held_out: bool = False) -> Scores:
        found = next(s for s in self.conditions[condition].systems if s.system == system)
        return found.held_out if held_out else found.tuning


class Rankers:
    """Every ranking the bench compares (and the judging pool draws from), over one catalogue."""

    def __init__(self, listings: Sequence[Listing], lexicon: NeedLexicon, judged: JudgedSet):
        self.listings = {item.id: item for item in listings}
        self.judged = judged
        self.index = SearchIndex(listings, lexicon)
        self.fts = FtsBaseline(listings, lexicon)
        self._km: dict[Site, dict[str, float | None]] = {}

    def close(self) -> None:
        self.fts.close()

    def km(self, site: Site) -> dict[str, float | None]:
        if site not in self._km:
            self._km[site] = {sid: km_from(site, item) for sid, item in self.listings.items()}
        return self._km[site]

    def navigator(self, text: str, site: Site | None, limit: int = RANKED) -> list[str]:
        # The trailing space is a finished word, as when the volunteer stops typing.
        found = self.index.search(text + " ", now=self.judged.now, site=site, limit=limit)
        return [r.listing.id for r in found]

    def fts5(self, text: str, limit: int = RANKED) -> list[str]:
        return self.fts.search(text, limit=limit)

    def fts5_by_distance(self, text: str, site: Site, limit: int = RANKED) -> list[str]:
        """FTS5's top matches, nearest first (listings with no known place last)."""
        return self._nearest_first(self.fts.search(text, limit=RANKED), site)[:limit]

    def need_filter(self, need: str | None, site: Site | None, limit: int = RANKED) -> list[str]:
        """Every service carrying the need, nearest first with a site, else by name."""
        if need is None:
            return []
        carrying = sorted(
            (sid for sid, item in self.listings.items() if need in item.service.needs),
            key=lambda sid: (self.listings[sid].service.name.casefold(), sid),
        )
        return (self._nearest_first(carrying, site) if site else carrying)[:limit]

    def _nearest_first(self, ids: list[str], site: Site) -> list[str]:
        km = self.km(site)
        return sorted(ids, key=lambda sid: (km[sid] is None, km[sid] or 0.0))


def load_rankers(
    set_file: Path, lexicon: NeedLexicon | None = None, variant: str | None = None
) -> Rankers:
    """Read the set and its catalogue (reshaped as `variant`, one of catalogue_variants'
    VARIANTS, when given). Raises CatalogueFormatError when it cannot be read."""
    judged = load_judged_set(set_file)
    source = judged.catalogue_path(set_file) or demo_catalogue_path()
    lexicon = lexicon or default_lexicon()
    listings = read_catalogue(source).catalogue.listings()
    if variant is not None:
        listings = reshape(listings, variant, lexicon)
    return Rankers(listings, lexicon, judged)


def measure_relevance(
    set_file: Path, lexicon: NeedLexicon | None = None, variant: str | None = None
) -> RelevanceReport:
    """Rank every judged query with each system, per condition and split."""
    rankers = load_rankers(set_file, lexicon, variant)
    judged = rankers.judged
    try:
        sites: list[Site | None] = [judged.site]
        if judged.site is not None and judged.also_without_site:
            sites.append(None)
        conditions = tuple(_condition(rankers, site) for site in sites)
    finally:
        rankers.close()
    unknown = tuple(
        sorted({sid for q in judged.queries for sid in q.judged if sid not in rankers.listings})
    )
    return RelevanceReport(judged, variant, len(rankers.listings), conditions, unknown)


def _condition(rankers: Rankers, site: Site | None) -> Condition:
    systems: list[tuple[str, Callable[[str], Sequence[str]]]] = [
        (NAVIGATOR, lambda text: rankers.navigator(text, site)),
        (FTS5, rankers.fts5),
    ]
    if site is not None:
        systems.append((FTS5_BY_DISTANCE, lambda text: rankers.fts5_by_distance(text, site)))
    judged = rankers.judged
    tuning, held_out = judged.split(held_out=False), judged.split(held_out=True)
    scored = tuple(
        SystemScores(name, evaluate(tuning, rank, site), evaluate(held_out, rank, site))
        for name, rank in systems
    )
    counted = sum(1 for q in judged.queries if q.relevant_for(site))
    label = f"site {site[0]:.3f},{site[1]:.3f}" if site else "no site"
    if site and judged.near_km is not None:
        label += f", relevant within {judged.near_km:g} km"
    return Condition(label, site, counted, scored)
