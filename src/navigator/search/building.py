"""Building the index: per-service words, needs and facts, as postings and numpy columns.

Built once per catalogue; everything a keystroke needs is then an array lookup.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from pydantic import TypeAdapter

from navigator.domain.catalogue import EARTH_KM, Listing
from navigator.domain.hours import ScheduleRule
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import fold, words
from navigator.search.centrality import OPENING_WORDS, NeedPhrases, centrality, serves_others
from navigator.search.listing_text import listing_text, own_names
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]

EMPTY: Ints = np.zeros(0, dtype=np.int32)

# Services only for older adults (by minimum age) come after open-to-all ones unless the
# query is about older adults or an age is given: the desk rarely knows the client's age.
SENIORS_ONLY_AGE = 55
SHARE_BLEND = 0.3


@dataclass
class Entry:
    """One service as the index holds it."""

    listing: Listing
    needs: frozenset[str]
    active: bool
    schedule_group: int  # services with identical schedules share their hours


class IndexedCatalogue:
    """Postings (word -> services) and per-service columns for one catalogue.

    Holds no listing: only numpy columns, postings (word -> services) and lists of
    strings, which `index_file` saves and memory-maps back whatever their names, so a
    new column needs no code there. Anything else kept on it is private (`_name`).
    """

    lexicon: NeedLexicon
    vocabulary: Vocabulary
    postings: Mapping[str, Ints]
    name_postings: Mapping[str, Ints]
    organization_postings: Mapping[str, Ints]
    need_postings: Mapping[str, Ints]
    language_postings: Mapping[str, Ints]
    declared_needs: Mapping[str, Ints]
    strength: Mapping[str, Floats]

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.ids: Sequence[str] = []  # each service's id, in index order
        self._by_id: dict[str, int] | None = {}
        self.group_schedules: Sequence[str] = []  # the timed rules of each distinct schedule
        self._groups: list[int] = []
        self._active: list[bool] = []
        self._services: list[_Facts] = []
        text: dict[str, list[int]] = {}
        names: dict[str, list[int]] = {}
        needs: dict[str, list[int]] = {}
        languages: dict[str, list[int]] = {}
        groups: dict[object, int] = {}
        declared: dict[str, list[int]] = {}
        self._phrases = NeedPhrases(lexicon)
        self._name_size: list[int] = []  # distinct words in the service's name
        self._organization_size: list[int] = []
        self._others: list[bool] = []  # serves others than a client in need (centrality.py)
        organizations: dict[str, list[int]] = {}
        openings: dict[str, list[int]] = {}
        strength_rows: dict[str, tuple[list[int], list[float]]] = {}
        for listing in listings:
            self._add(listing, text, names, needs, languages, groups, strength_rows)
            self._add_organization(listing, organizations)
            for code in dict.fromkeys(listing.service.needs):
                declared.setdefault(code, []).append(len(self.ids) - 1)
            self._add_opening(listing, openings)
        self.vocabulary = Vocabulary(text)
        # The needs each service declares (what a result says it answers).
        self.declared_needs = {c: ints(p) for c, p in declared.items()}
        self.postings = {w: ints(p) for w, p in text.items()}
        self.name_postings = {w: ints(p) for w, p in names.items()}
        self.organization_postings = {w: ints(p) for w, p in organizations.items()}
        self.opening_postings = {w: ints(p) for w, p in openings.items()}
        self.need_postings = {c: ints(p) for c, p in needs.items()}
        self.language_postings = {c: ints(p) for c, p in languages.items()}
        strength: dict[str, Floats] = {}
        for code, (rows, values) in strength_rows.items():
            column = np.zeros(len(self.ids), dtype=np.float32)
            column[rows] = values
            strength[code] = column
        _share_strength(strength)
        self.strength = strength
        self._build_columns()
        del self._services, self._groups, self._active, self._name_size, self._organization_size
        del self._others
        # How much a service is for older adults: by its minimum age, or failing that by
        # how central that need is to it (a senior centre's meals, a directory's text).
        older = self.strength.get("older_adults")
        self.for_seniors = np.maximum(
            self.seniors_only.astype(np.float32),
            older if older is not None else np.zeros(len(self.ids), dtype=np.float32),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, service_id: str) -> int | None:
        """The index row of a service, by its id."""
        if self._by_id is None:
            position = bisect.bisect_left(_Sorted(self.ids, self.id_order), service_id)
            if position < len(self.ids):
                found = int(self.id_order[position])
                if self.ids[found] == service_id:
                    return found
            return None
        return self._by_id.get(service_id)

    def declared_among(self, rows: list[int], codes: tuple[str, ...]) -> list[tuple[str, ...]]:
        """For each row, which of `codes` its service declares, in the order of `codes`."""
        if not codes or not rows:
            return [() for _ in rows]
        wanted = np.array(rows, dtype=np.int32)
        has: list[list[bool]] = []
        for code in codes:
            postings = self.declared_needs.get(code)
            if postings is None or postings.size == 0:
                has.append([False] * len(rows))
                continue
            at = np.minimum(np.searchsorted(postings, wanted), postings.size - 1)
            has.append((postings[at] == wanted).tolist())
        return [
            tuple(c for c, h in zip(codes, row, strict=True) if h) for row in zip(*has, strict=True)
        ]

    @classmethod
    def from_columns(cls, columns: dict[str, Any], lexicon: NeedLexicon) -> IndexedCatalogue:
        """An index over columns saved earlier (see `index_file`), without its listings."""
        data = cls.__new__(cls)
        data.lexicon = lexicon
        data.__dict__.update(columns)
        data._by_id = None  # looked up by bisection over `ids` and `id_order`
        data.vocabulary = Vocabulary(data.postings)
        return data

    def columns(self) -> dict[str, Any]:
        """What `from_columns` needs back: every public attribute but the lexicon."""
        return {
            name: value
            for name, value in vars(self).items()
            if not name.startswith("_") and name not in {"lexicon", "vocabulary"}
        }

    def _add(
        self,
        listing: Listing,
        text_postings: dict[str, list[int]],
        name_postings: dict[str, list[int]],
        need_postings: dict[str, list[int]],
        language_postings: dict[str, list[int]],
        groups: dict[object, int],
        strength_rows: dict[str, tuple[list[int], list[float]]],
    ) -> None:
        service = listing.service
        text = listing_text(listing, self.lexicon)
        name_words = frozenset(words(own_names(listing)))
        all_words = frozenset(words(text)) | name_words
        index = len(self.ids)
        timed = tuple(r for r in service.schedules if r.has_times)
        group = groups.get(timed)
        if group is None:
            group = groups[timed] = len(self.group_schedules)
            assert isinstance(self.group_schedules, list)
            self.group_schedules.append(schedules_json(timed))
        languages = frozenset(
            fold(v) for lang in service.languages for v in (lang.name, lang.code) if v
        )
        assert isinstance(self.ids, list)
        assert self._by_id is not None
        self.ids.append(service.id)
        self._groups.append(group)
        self._active.append(service.status not in {"inactive", "defunct"})
        self._services.append(
            _Facts(
                first_need=service.needs[0] if service.needs else None,
                is_free=service.is_free is True,
                minimum_age=service.minimum_age,
                maximum_age=service.maximum_age,
                last_verified=service.last_verified.toordinal() if service.last_verified else -1,
                points=tuple(
                    (loc.latitude, loc.longitude)
                    for loc in listing.locations
                    if loc.latitude is not None and loc.longitude is not None
                ),
                name=service.name.casefold(),
                completeness=(
                    any(r.has_times for r in service.schedules)
                    + (listing.phone is not None)
                    + (listing.address is not None)
                ),
            )
        )
        self._by_id[service.id] = index
        for word in all_words:
            text_postings.setdefault(word, []).append(index)
        for word in name_words:
            name_postings.setdefault(word, []).append(index)
        self._name_size.append(len(name_words - STOP_WORDS) or 1)
        self._others.append(serves_others(listing, self._phrases))
        for code, strength in centrality(listing, self._phrases).items():
            need_postings.setdefault(code, []).append(index)
            rows, values = strength_rows.setdefault(code, ([], []))
            rows.append(index)
            values.append(strength)
        for language in languages:
            language_postings.setdefault(language, []).append(index)

    def _add_organization(self, listing: Listing, postings: dict[str, list[int]]) -> None:
        index = len(self.ids) - 1
        found = frozenset(words(listing.organization_name)) - STOP_WORDS
        self._organization_size.append(len(found) or 1)
        for word in found:
            postings.setdefault(word, []).append(index)

    def _add_opening(self, listing: Listing, postings: dict[str, list[int]]) -> None:
        """Words of the description's opening, which says what the service is; a long
        description's later words may only mention something in passing."""
        index = len(self.ids) - 1
        opening = words(listing.service.description or "")[:OPENING_WORDS]
        for word in frozenset(opening) - STOP_WORDS:
            postings.setdefault(word, []).append(index)

    def _build_columns(self) -> None:
        """Per-service facts as arrays, so filters and adjustments are vectorised."""
        services = self._services
        size = len(services)
        codes = {code: i for i, code in enumerate(self.lexicon.codes())}
        self.primary = np.array(
            [codes.get(s.first_need, -1) if s.first_need else -1 for s in services],
            dtype=np.int32,
        )
        self.active = np.array(self._active, dtype=np.bool_)
        self.free = np.array([s.is_free for s in services], dtype=np.bool_)
        self.min_age = np.array(
            [s.minimum_age if s.minimum_age is not None else -1 for s in services], dtype=np.int32
        )
        self.max_age = np.array(
            [s.maximum_age if s.maximum_age is not None else 10_000 for s in services],
            dtype=np.int32,
        )
        self.verified = np.array([s.last_verified for s in services], dtype=np.int64)
        # Every placed location of every service, by service row (ascending): a service
        # offered at several places is as near as the nearest of them.
        places = [(row, lat, lon) for row, s in enumerate(services) for lat, lon in s.points]
        self.place_owner = np.array([p[0] for p in places], dtype=np.int32)
        self.place_lat = np.array([p[1] for p in places], dtype=np.float64)
        self.place_lon = np.array([p[2] for p in places], dtype=np.float64)
        names = [s.name for s in services]
        self.name_rank = np.empty(size, dtype=np.int32)
        self.name_rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(
            size, dtype=np.int32
        )
        self.by_name = np.argsort(self.name_rank).astype(np.int32)
        self.id_order = np.argsort(np.array(self.ids, dtype=object), kind="stable").astype(np.int32)
        self.seniors_only = self.min_age >= SENIORS_ONLY_AGE
        self.groups = np.array(self._groups, dtype=np.int32)
        # What a volunteer needs to send someone there: hours, a phone, an address.
        self.completeness = np.array(
            [s.completeness for s in services], dtype=np.float32
        ) / np.float32(3)
        self.name_words = np.array(self._name_size, dtype=np.float32)
        self.organization_words = np.array(self._organization_size, dtype=np.float32)
        self.serves_others = np.array(self._others, dtype=np.float32)

    def km_from(self, site: tuple[float, float]) -> npt.NDArray[np.float64]:
        """Kilometres from `site` to each service's nearest location; NaN where none is
        placed."""
        distance = np.full(len(self.ids), np.nan)
        if self.place_owner.size == 0:
            return distance
        lat1, lon1 = math.radians(site[0]), math.radians(site[1])
        lat2, lon2 = np.radians(self.place_lat), np.radians(self.place_lon)
        h = (
            np.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        )
        km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
        owner = self.place_owner
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        distance[owner[starts]] = np.minimum.reduceat(km, starts)
        return distance


@dataclass(frozen=True)
class _Facts:
    """What the columns need of one service, so its listing is not kept while building."""

    first_need: str | None
    is_free: bool
    minimum_age: int | None
    maximum_age: int | None
    last_verified: int
    points: tuple[tuple[float, float], ...]  # every placed location
    name: str
    completeness: int


class _Sorted(Sequence[str]):
    """`ids` in sorted order, for bisection, without building the sorted list."""

    def __init__(self, ids: Sequence[str], order: Ints) -> None:
        self.ids, self.order = ids, order

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self.ids[int(j)] for j in self.order[i]]
        return self.ids[int(self.order[i])]


def schedules_json(rules: tuple[ScheduleRule, ...]) -> str:
    """A distinct schedule's timed rules as text, for `index_file` to keep."""
    return json.dumps(
        [r.model_dump(mode="json") | {"byday": r.byday_text()} for r in rules],
        separators=(",", ":"),
    )


_RULES = TypeAdapter(tuple[ScheduleRule, ...])


def schedules_from_json(text: str) -> tuple[ScheduleRule, ...]:
    return _RULES.validate_json(text)


def _share_strength(strength: dict[str, Floats]) -> None:
    """A need among many of a service's is less its purpose than a need it has alone."""
    if not strength:
        return
    total = np.sum(list(strength.values()), axis=0)
    total = np.maximum(total, np.float32(1e-6))
    for code, column in strength.items():
        share = column / total
        strength[code] = (column * (1 - SHARE_BLEND + SHARE_BLEND * share)).astype(np.float32)


def ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int32)


def gather(postings: Mapping[str, Ints], keys: Iterable[str]) -> Ints:
    """Every service listed under any of `keys` (with repeats)."""
    found = [postings[k] for k in keys if k in postings]
    if not found:
        return EMPTY
    return found[0] if len(found) == 1 else np.concatenate(found)
