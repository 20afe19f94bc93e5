"""Judged query sets and the measures we hold ranking to: P@5, MRR, nDCG@5, top-3 hits.

A set is a TOML file of client-phrased queries, each with the ids of the services a
seasoned volunteer would hand the client (pooled from several rankings, read by hand),
and the pooled ids read and found not relevant. Scoring counts only `relevant`; an id in
neither list was never read, and the bench reports how many of those reach the top five.
Sets live in tests/relevance/. Every `holdout_every`-th query (by position in the file,
fixed when the query was written) is held out of tuning and reported on its own;
`holdout_every = 1` holds out the whole set (tests/relevance/fresh/: nobody tunes on it).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from navigator.errors import ProblemAt


class JudgedQuery(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1)
    need: str | None = None  # the need category the client expresses (pools the need baseline)
    holdout: bool = False  # kept out of tuning; see JudgedSet.holdout_every
    relevant: tuple[str, ...] = Field(min_length=1)
    # Relevant services farther than the set's near_km from its site (or with no known place):
    # they count when no site is set, not when one is.
    far: tuple[str, ...] = ()
    # Pooled services read and judged not to be handed to this client for this need.
    not_relevant: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _far_is_relevant(self) -> Self:
        listed = (*self.relevant, *self.not_relevant)
        twice = sorted({sid for sid in listed if listed.count(sid) > 1})
        both = sorted(set(self.relevant) & set(self.not_relevant))
        if both:
            raise ValueError(
                f"{self.text!r}: ids both relevant and not relevant: {', '.join(both)}"
            )
        if twice:
            raise ValueError(f"{self.text!r}: ids judged twice: {', '.join(twice)}")
        stray = [sid for sid in self.far if sid not in self.relevant]
        if stray:
            raise ValueError(f"{self.text!r}: far ids must also be relevant: {', '.join(stray)}")
        return self

    def relevant_for(self, site: tuple[float, float] | None) -> frozenset[str]:
        """What counts as right: any relevant service, or only near ones once a site is set."""
        if site is None:
            return frozenset(self.relevant)
        return frozenset(self.relevant) - frozenset(self.far)

    @property
    def judged(self) -> frozenset[str]:
        """Every id someone read for this query, relevant or not."""
        return frozenset(self.relevant) | frozenset(self.not_relevant)


class JudgedSet(BaseModel):
    """Queries judged against one catalogue, at one moment, from one site."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    catalogue: str  # "demo", or a path relative to the set file
    now: datetime  # local wall-clock time of the site
    site: tuple[float, float] | None = None
    # Set when the judgments are location-aware: relevant services farther than this from
    # the site are listed in `far` (the demo town is small and has none).
    near_km: float | None = None
    also_without_site: bool = False  # measure a second time with no site set
    # Every n-th query is held out; 1 holds out every query (a set nobody tunes on).
    holdout_every: int = Field(default=3, ge=1)
    queries: tuple[JudgedQuery, ...] = Field(alias="query", min_length=1)

    @model_validator(mode="after")
    def _far_needs_near_km(self) -> Self:
        if self.near_km is None and any(q.far for q in self.queries):
            raise ValueError("`far` lists need near_km (and a site) at the top of the set")
        return self

    @model_validator(mode="after")
    def _holdout_follows_the_rule(self) -> Self:
        for number, query in enumerate(self.queries, 1):
            if query.holdout != (number % self.holdout_every == 0):
                where = (
                    "on every query (holdout_every = 1 holds out the whole set)"
                    if self.holdout_every == 1
                    else f"on every {self.holdout_every}th query and only there"
                )
                raise ValueError(f"query {number} ({query.text!r}): holdout must be true {where}")
        return self

    def catalogue_path(self, set_file: Path) -> Path | None:
        """None for the demo; else `catalogue` in the nearest folder above the set that has it
        (shared data sits beside the checkout, whose depth differs between worktrees)."""
        if self.catalogue == "demo":
            return None
        folders = set_file.resolve().parents
        found = (f / self.catalogue for f in folders if (f / self.catalogue).exists())
        return next(found, folders[0] / self.catalogue)

    def split(self, held_out: bool) -> tuple[JudgedQuery, ...]:
        return tuple(q for q in self.queries if q.holdout == held_out)


def load_judged_set(path: Path) -> JudgedSet:
    try:
        return JudgedSet.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProblemAt(f"cannot read the relevance set: {error}", path=path) from error
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "query"
        raise ProblemAt(first["msg"], path=path, field=field) from error


@dataclass(frozen=True)
class QueryOutcome:
    query: JudgedQuery
    ranked: tuple[str, ...]
    relevant: frozenset[str]

    @property
    def first_hit(self) -> int | None:
        """1-based rank of the first relevant service, if any was returned."""
        return next((i for i, sid in enumerate(self.ranked, 1) if sid in self.relevant), None)

    def precision_at(self, k: int) -> float:
        return sum(1 for sid in self.ranked[:k] if sid in self.relevant) / k

    def reciprocal_rank(self) -> float:
        rank = self.first_hit
        return 1.0 / rank if rank else 0.0

    def unjudged_at(self, k: int) -> int:
        """How many of the top k nobody has judged (they count as not relevant)."""
        return sum(1 for sid in self.ranked[:k] if sid not in self.query.judged)

    def ndcg_at(self, k: int) -> float:
        """Binary-gain nDCG: 1 when the top k are as relevant as the judgments allow."""
        gain = sum(
            1 / math.log2(i + 1) for i, sid in enumerate(self.ranked[:k], 1) if sid in self.relevant
        )
        ideal = sum(1 / math.log2(i + 1) for i in range(1, min(k, len(self.relevant)) + 1))
        return gain / ideal if ideal else 0.0


@dataclass(frozen=True)
class Scores:
    """Mean measures over a set."""

    precision_at_5: float
    mrr: float
    ndcg_at_5: float
    hit_at_3: float  # share of queries with a relevant service in the top three
    outcomes: tuple[QueryOutcome, ...]

    def unjudged_share(self, k: int = 5) -> float:
        """Share of the top-k results, over every query, that nobody has judged."""
        shown = sum(min(k, len(o.ranked)) for o in self.outcomes)
        return sum(o.unjudged_at(k) for o in self.outcomes) / shown if shown else 0.0

    def misses(self, k: int = 3) -> list[QueryOutcome]:
        return [o for o in self.outcomes if (o.first_hit or k + 1) > k]

    def figures(self) -> dict[str, float]:
        return {
            "p_at_5": round(self.precision_at_5, 4),
            "mrr": round(self.mrr, 4),
            "ndcg_at_5": round(self.ndcg_at_5, 4),
            "hit_at_3": round(self.hit_at_3, 4),
        }


def evaluate(
    judged: Sequence[JudgedQuery],
    rank: Callable[[str], Sequence[str]],
    site: tuple[float, float] | None = None,
) -> Scores:
    """Run each query through `rank` (text -> service ids, best first) and score it.

    With a site, only relevant services near it count, and queries with none are left out.
    """
    outcomes = tuple(
        QueryOutcome(q, tuple(rank(q.text)), q.relevant_for(site))
        for q in judged
        if q.relevant_for(site)
    )
    count = len(outcomes) or 1
    return Scores(
        precision_at_5=sum(o.precision_at(5) for o in outcomes) / count,
        mrr=sum(o.reciprocal_rank() for o in outcomes) / count,
        ndcg_at_5=sum(o.ndcg_at(5) for o in outcomes) / count,
        hit_at_3=sum(1 for o in outcomes if (o.first_hit or 99) <= 3) / count,
        outcomes=outcomes,
    )
