"""Judged query sets and the measures we hold ranking to: precision@5, MRR, top-3 hits.

A set is a TOML file of client-phrased queries, each with the ids of the services a
seasoned volunteer would hand the client. Sets live in tests/relevance/.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from navigator.errors import ProblemAt


class JudgedQuery(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    relevant: tuple[str, ...] = Field(min_length=1)
    note: str | None = None


class JudgedSet(BaseModel):
    """Queries judged against one catalogue, at one moment, from one site."""

    model_config = ConfigDict(frozen=True)

    name: str
    catalogue: str  # "demo", or a path relative to the set file
    now: datetime  # local wall-clock time of the site
    site: tuple[float, float] | None = None
    queries: tuple[JudgedQuery, ...] = Field(alias="query", min_length=1)

    def catalogue_path(self, set_file: Path) -> Path | None:
        if self.catalogue == "demo":
            return None
        return (set_file.parent / self.catalogue).resolve()


def load_judged_set(path: Path) -> JudgedSet:
    try:
        return JudgedSet.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProblemAt(f"cannot read the relevance set: {error}", path=path) from error
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ProblemAt(first["msg"], path=path, field=field) from error


@dataclass(frozen=True)
class QueryOutcome:
    query: JudgedQuery
    ranked: tuple[str, ...]

    @property
    def first_hit(self) -> int | None:
        """1-based rank of the first relevant service, if any was returned."""
        relevant = set(self.query.relevant)
        return next((i for i, sid in enumerate(self.ranked, 1) if sid in relevant), None)

    def precision_at(self, k: int) -> float:
        relevant = set(self.query.relevant)
        return sum(1 for sid in self.ranked[:k] if sid in relevant) / k

    def reciprocal_rank(self) -> float:
        rank = self.first_hit
        return 1.0 / rank if rank else 0.0


@dataclass(frozen=True)
class Scores:
    """Mean measures over a set."""

    precision_at_5: float
    mrr: float
    hit_at_3: float  # share of queries with a relevant service in the top three
    outcomes: tuple[QueryOutcome, ...]

    def misses(self, k: int = 3) -> list[QueryOutcome]:
        return [o for o in self.outcomes if (o.first_hit or k + 1) > k]


def evaluate(judged: Sequence[JudgedQuery], rank: Callable[[str], Sequence[str]]) -> Scores:
    """Run each query through `rank` (text -> service ids, best first) and score it."""
    outcomes = tuple(QueryOutcome(q, tuple(rank(q.text))) for q in judged)
    count = len(outcomes) or 1
    return Scores(
        precision_at_5=sum(o.precision_at(5) for o in outcomes) / count,
        mrr=sum(o.reciprocal_rank() for o in outcomes) / count,
        hit_at_3=sum(1 for o in outcomes if (o.first_hit or 99) <= 3) / count,
        outcomes=outcomes,
    )
