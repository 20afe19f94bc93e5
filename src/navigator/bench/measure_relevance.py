"""Measuring ranking against a judged set, next to the FTS5 bm25 baseline, in one run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from navigator.bench.fts_baseline import FtsBaseline
from navigator.bench.judged_sets import JudgedSet, Scores, evaluate, load_judged_set
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.domain.needs import NeedLexicon, default_lexicon
from navigator.search.index import SearchIndex

RANKED = 50  # as deep as the app's result list; the measures look at the top few


@dataclass(frozen=True)
class RelevanceReport:
    judged: JudgedSet
    services: int
    navigator: Scores
    baseline: Scores
    unknown_ids: tuple[str, ...]  # judged ids the catalogue does not have (a stale set)


def measure_relevance(set_file: Path, lexicon: NeedLexicon | None = None) -> RelevanceReport:
    """Rank every judged query with Navigator and with FTS5 over the same catalogue.

    Raises CatalogueFormatError when the set's catalogue cannot be read by the
    importers this build has.
    """
    lexicon = lexicon or default_lexicon()
    judged = load_judged_set(set_file)
    source = judged.catalogue_path(set_file) or demo_catalogue_path()
    listings = read_catalogue(source).catalogue.listings()
    index = SearchIndex(listings, lexicon)
    baseline = FtsBaseline(listings, lexicon)
    try:
        ours = evaluate(
            judged.queries,
            lambda text: [
                r.listing.id
                for r in index.search(text + " ", now=judged.now, site=judged.site, limit=RANKED)
            ],
        )
        theirs = evaluate(judged.queries, lambda text: baseline.search(text, limit=RANKED))
    finally:
        baseline.close()
    known = {item.id for item in listings}
    unknown = tuple(sorted({sid for q in judged.queries for sid in q.relevant if sid not in known}))
    return RelevanceReport(judged, len(listings), ours, theirs, unknown)
