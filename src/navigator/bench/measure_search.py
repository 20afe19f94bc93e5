"""Measuring search speed keystroke by keystroke on synthetic catalogues, with baselines."""

from __future__ import annotations

import gc
import resource
import statistics
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from time import perf_counter

from rapidfuzz import fuzz, process

from navigator.bench.fts_baseline import FtsBaseline
from navigator.bench.synthetic import synthetic_catalogue
from navigator.desk.context import Desk
from navigator.domain.needs import NeedLexicon, default_lexicon
from navigator.domain.text import fold
from navigator.search.building import IndexedCatalogue
from navigator.search.index import ListingsInMemory, SearchIndex, SearchResult
from navigator.search.index_file import open_index_file, save_index_file
from navigator.search.listing_text import listing_text

# What volunteers type, slips included, one keystroke at a time.
QUERIES = (
    "food bank",
    "shleter tonight",
    "bus pass",
    "evicted by landlord",
    "comida para mis hijos",
    "fod pantry",
    "ride to dialysis",
    "mental health counseling",
    "winter coat for kids",
    "eviciton notice",
    "detox",
    "help with electric bill",
    "english class",
    "job training",
    "free clinic no insurance",
)
# Finished queries with a typo, and the need that must still be in the top three.
TYPO_CHECKS = (
    ("fod bank", "food"),
    ("shleter", "housing"),
    ("eviciton", "housing"),
    ("transportaton", "transport"),
    ("councelling", "mental_health"),
)
BENCH_NOW = datetime(2026, 11, 24, 10, 30)  # a Tuesday morning at the demo site
BENCH_SITE = (42.300, -71.800)


@dataclass(frozen=True)
class Latency:
    """Milliseconds per keystroke."""

    samples: int
    p50: float
    p95: float
    p99: float
    worst: float

    @classmethod
    def of(cls, millis: Sequence[float]) -> Latency:
        if len(millis) == 1:  # quantiles needs two samples; one is its own percentiles
            return cls(1, millis[0], millis[0], millis[0], millis[0])
        cuts = statistics.quantiles(millis, n=100, method="inclusive")
        return cls(len(millis), cuts[49], cuts[94], cuts[98], max(millis))


@dataclass(frozen=True)
class SpeedReport:
    services: int
    vocabulary: int
    build_seconds: float
    index_rss_mb: float  # resident memory the index added
    peak_rss_mb: float  # the whole process's high-water mark so far
    navigator: Latency
    fts5: Latency
    rapidfuzz: Latency
    typos_ok: int
    typos_total: int


def keystrokes(queries: Sequence[str] = QUERIES) -> list[str]:
    """Every prefix of every query, as the search box sees it while typing."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def _rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * resource.getpagesize() / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _time(run: Callable[[str], object], typed: Sequence[str]) -> Latency:
    millis = []
    for text in typed:
        started = perf_counter()
        run(text)
        millis.append((perf_counter() - started) * 1000)
    return Latency.of(millis)


def _sample(typed: list[str], at_most: int) -> list[str]:
    if len(typed) <= at_most:
        return typed
    step = len(typed) / at_most
    return [typed[int(i * step)] for i in range(at_most)]


def measure_search_speed(
    count: int, *, baseline_keystrokes: int = 60, lexicon: NeedLexicon | None = None
) -> SpeedReport:
    """Build a synthetic catalogue of `count` services and time every keystroke."""
    lexicon = lexicon or default_lexicon()
    listings = synthetic_catalogue(count).listings()
    gc.collect()
    before = _rss_mb()
    started = perf_counter()
    index = SearchIndex(listings, lexicon)
    build = perf_counter() - started
    index_rss = _rss_mb() - before
    # Searched as a process that opens the catalogue does: memory-mapped from its file.
    scratch = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
    saved = Path(scratch.name) / "index"
    save_index_file(saved, index.data.columns(), {})
    columns = open_index_file(saved, {})
    assert columns is not None
    index = SearchIndex.over(
        IndexedCatalogue.from_columns(columns, lexicon), ListingsInMemory(listings)
    )
    typed = keystrokes()

    def ours(text: str) -> list[SearchResult]:
        return index.search(text, now=BENCH_NOW, site=BENCH_SITE, limit=50)

    navigator = _time(ours, typed)
    fts = FtsBaseline(listings, lexicon)
    try:
        fts5 = _time(lambda text: fts.search(text, limit=50, prefix_last=True), typed)
    finally:
        fts.close()
    texts = [fold(listing_text(item, lexicon)) for item in listings]
    # A full scan costs seconds a keystroke at 100k: time fewer keystrokes there.
    scanned = baseline_keystrokes if count <= 10_000 else max(12, baseline_keystrokes // 4)
    scan = _time(
        lambda text: process.extract(fold(text), texts, scorer=fuzz.WRatio, limit=50),
        _sample(typed, scanned),
    )
    typos_ok = sum(
        1
        for text, need in TYPO_CHECKS
        if any(need in r.listing.service.needs for r in ours(text + " ")[:3])
    )
    scratch.cleanup()
    return SpeedReport(
        services=count,
        vocabulary=len(index.vocabulary.words),
        build_seconds=build,
        index_rss_mb=index_rss,
        peak_rss_mb=_peak_rss_mb(),
        navigator=navigator,
        fts5=fts5,
        rapidfuzz=scan,
        typos_ok=typos_ok,
        typos_total=len(TYPO_CHECKS),
    )


def install_synthetic_catalogue(desk: Desk, count: int) -> int:
    """Replace the desk's catalogue with a synthetic one (for trying the app at scale)."""
    from navigator.catalogue.reader import catalogue_hash
    from navigator.store.catalogue_store import replace_catalogue

    catalogue = synthetic_catalogue(count)
    with desk.session() as session, session.begin():
        replace_catalogue(
            session, catalogue, content_hash=catalogue_hash(catalogue), imported_at=desk.clock()
        )
    desk.rebuild_index()
    return len(catalogue.services)
