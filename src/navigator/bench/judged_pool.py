"""Print the judging pool for queries: the union of the top ten of every ranking we compare.

    python -m navigator.bench.judged_pool tests/relevance/miami.toml
        [--all] [--only N ...] [--queries FILE] [--far] [--width 300] [--variant V]

By default only the pooled services nobody has judged yet for the query (in neither
`relevant` nor `not_relevant`) are shown, each once, with where each ranking put it
(N3: third for Navigator with the site, n without it, F FTS5 bm25, D FTS5 by distance,
E the need filter), its name, organization, needs, address, distance from the site and
the opening of its description: what a person needs to judge it from the listing.
`--all` shows the whole pool, marking `R` relevant and `x` not relevant. `--only` keeps
the queries with those 1-based numbers. `--queries` takes new queries, one `need | text`
per line. `--far` instead lists, per query, the judged relevant ids beyond the set's
near_km from its site (to fill `far`). `--variant` pools the rankings over the catalogue
reshaped toward the unseen directory (see catalogue_variants); listings are shown as read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from navigator.bench.catalogue_variants import VARIANTS
from navigator.bench.measure_relevance import Rankers, load_rankers
from navigator.bench.places import km_between, place_of
from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue

POOL_DEPTH = 10


@dataclass(frozen=True)
class Asked:
    number: int | None  # position in the set file, None for a new query
    text: str
    need: str | None
    relevant: frozenset[str] = frozenset()
    not_relevant: frozenset[str] = frozenset()


@click.command()
@click.argument("set_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--queries", "queries_file", type=click.Path(exists=True, path_type=Path))
@click.option("--far", "show_far", is_flag=True, help="List judged ids beyond near_km instead.")
@click.option("--all", "show_all", is_flag=True, help="Show judged pooled services too.")
@click.option("--only", multiple=True, type=int, help="Only the query with this number (1-based).")
@click.option("--width", default=300, help="Characters of description to show.")
@click.option("--variant", type=click.Choice(VARIANTS), help="Pool over a reshaped catalogue.")
def main(
    set_file: Path,
    queries_file: Path | None,
    show_far: bool,
    show_all: bool,
    only: tuple[int, ...],
    width: int,
    variant: str | None,
) -> None:
    rankers = load_rankers(set_file, variant=variant)
    if variant is not None:
        # Shown as read: the reshaped text is the bench's, not the directory's.
        source = rankers.judged.catalogue_path(set_file) or demo_catalogue_path()
        as_read = {item.id: item for item in read_catalogue(source).catalogue.listings()}
        rankers.listings = {sid: as_read.get(sid, item) for sid, item in rankers.listings.items()}
    if show_far:
        _print_far(rankers)
        return
    asked: list[Asked] = []
    if queries_file:
        for line in queries_file.read_text("utf-8").splitlines():
            if "|" in line:
                need_code, said_text = (part.strip() for part in line.split("|", 1))
                asked.append(Asked(None, said_text, need_code or None))
    else:
        asked = [
            Asked(n, q.text, q.need, frozenset(q.relevant), frozenset(q.not_relevant))
            for n, q in enumerate(rankers.judged.queries, 1)
        ]
    for query in asked:
        if only and query.number not in only:
            continue
        pool = _pool(rankers, query.text, query.need)
        judged = query.relevant | query.not_relevant
        shown = {sid: f for sid, f in pool.items() if show_all or sid not in judged}
        label = f"#{query.number} " if query.number else ""
        click.echo(
            f"\n=== {label}{query.text!r}  need={query.need}  pool {len(pool)}, "
            f"unjudged {sum(1 for sid in pool if sid not in judged)}"
        )
        for sid, flags in shown.items():
            mark = "R" if sid in query.relevant else "x" if sid in query.not_relevant else " "
            click.echo(_listing_text(rankers, sid, flags, mark, width))


def _pool(rankers: Rankers, text: str, need: str | None) -> dict[str, str]:
    """Pooled id -> where each ranking put it ("N3 F1 ..."), best placed first."""
    site = rankers.judged.site
    places: dict[str, list[tuple[int, str]]] = {}

    def add(flag: str, ids: list[str]) -> None:
        for rank, sid in enumerate(ids[:POOL_DEPTH], 1):
            places.setdefault(sid, []).append((rank, flag))

    add("N", rankers.navigator(text, site, POOL_DEPTH))
    if site is not None:
        add("n", rankers.navigator(text, None, POOL_DEPTH))
        add("D", rankers.fts5_by_distance(text, site, POOL_DEPTH))
    add("F", rankers.fts5(text, POOL_DEPTH))
    add("E", rankers.need_filter(need, site, POOL_DEPTH))
    best_first = sorted(places.items(), key=lambda kv: min(rank for rank, _ in kv[1]))
    return {sid: " ".join(f"{flag}{rank}" for rank, flag in ranks) for sid, ranks in best_first}


def _listing_text(rankers: Rankers, sid: str, flags: str, mark: str, width: int) -> str:
    item = rankers.listings[sid]
    site = rankers.judged.site
    where = "no known place"
    if site is not None and (place := place_of(item)):
        where = f"{km_between(site, place[0]):.0f} km{' by ZIP' if place[1] == 'ZIP' else ''}"
    description = " ".join((item.service.description or "").split())[:width]
    return (
        f"{mark} {sid} [{flags}] {item.service.name} | {item.organization_name}\n"
        f"     needs: {', '.join(item.service.needs) or '-'} | "
        f"{item.address or 'no address'} | {where}\n"
        f"     {description}"
    )


def _print_far(rankers: Rankers) -> None:
    judged = rankers.judged
    if judged.site is None or judged.near_km is None:
        sys.exit("this set has no site and near_km")
    km, near_km = rankers.km(judged.site), judged.near_km
    for number, query in enumerate(judged.queries, 1):
        far = [sid for sid in query.relevant if (d := km.get(sid)) is None or d > near_km]
        if far or query.far:
            click.echo(f"{number} {query.text!r}: far = {far!r}  (file: {list(query.far)!r})")


if __name__ == "__main__":
    main()
