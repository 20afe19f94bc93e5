"""Print the judging pool for queries: the union of the top ten of every ranking we compare.

    python -m navigator.bench.judged_pool tests/relevance/miami.toml [--queries FILE] [--far]

For each query, every pooled service is shown once with the rankings that put it in
their top ten (N Navigator with the site, n without, F FTS5 bm25, D FTS5 by distance,
E the need filter), its name, organization, needs, distance and description, so a
person can judge it from the listing. `*` marks ids the set already judges relevant.
`--queries` takes new queries, one `need | text` per line. `--far` instead lists, per
query, the judged ids beyond the set's near_km from its site (to fill `far`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from navigator.bench.measure_relevance import Rankers, load_rankers
from navigator.bench.places import km_between, place_of

POOL_DEPTH = 10


@click.command()
@click.argument("set_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--queries", "queries_file", type=click.Path(exists=True, path_type=Path))
@click.option("--far", "show_far", is_flag=True, help="List judged ids beyond near_km instead.")
@click.option("--width", default=160, help="Characters of description to show.")
def main(set_file: Path, queries_file: Path | None, show_far: bool, width: int) -> None:
    rankers = load_rankers(set_file)
    judged = rankers.judged
    if show_far:
        _print_far(rankers)
        return
    asked: list[tuple[str, str | None, frozenset[str]]] = []
    if queries_file:
        for line in queries_file.read_text("utf-8").splitlines():
            if "|" in line:
                need_code, said_text = (part.strip() for part in line.split("|", 1))
                asked.append((said_text, need_code or None, frozenset[str]()))
    else:
        asked = [(q.text, q.need, frozenset(q.relevant)) for q in judged.queries]
    for said, code, known in asked:
        click.echo(f"\n=== {said!r}  need={code}")
        for line in _pool_lines(rankers, said, code, known, width):
            click.echo(line)


def _pool_lines(
    rankers: Rankers, text: str, need: str | None, known: frozenset[str], width: int
) -> list[str]:
    site = rankers.judged.site
    sources: dict[str, str] = {}

    def add(flag: str, ids: list[str]) -> None:
        for sid in ids[:POOL_DEPTH]:
            sources[sid] = sources.get(sid, "") + flag

    add("N", rankers.navigator(text, site, POOL_DEPTH))
    if site is not None:
        add("n", rankers.navigator(text, None, POOL_DEPTH))
        add("D", rankers.fts5_by_distance(text, site, POOL_DEPTH))
    add("F", rankers.fts5(text, POOL_DEPTH))
    add("E", rankers.need_filter(need, site, POOL_DEPTH))
    lines = []
    for sid, flags in sources.items():
        item = rankers.listings[sid]
        where = ""
        if site is not None and (place := place_of(item)):
            where = f"{km_between(site, place[0]):.0f}km{'z' if place[1] == 'ZIP' else ''}"
        city = next((a.city for loc in item.locations for a in loc.addresses if a.city), "") or ""
        description = " ".join((item.service.description or "").split())[:width]
        mark = "*" if sid in known else " "
        lines.append(
            f"{mark}{flags:<5} {sid:>8} | {item.service.name} | {item.organization_name} | "
            f"{','.join(item.service.needs)} | {city} {where} | {description}"
        )
    return lines


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
