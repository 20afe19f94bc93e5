"""Building the index: per-service words, needs and facts, as postings and numpy columns.

Built once per catalogue; everything a keystroke needs is then an array lookup.
"""

from __future__ import annotations

import bisect
import json
import math
from array import array
from collections import defaultdict
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
from navigator.search.listing_text import agency_apart, listing_text, own_names
from navigator.search.umbrella import is_umbrella
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
        # Postings and per-service facts grow as C arrays (4 or 8 bytes a number, where a
        # Python list holds an 8-byte pointer to a 24- or 28-byte object), and become numpy
        # arrays over the same memory, without a copy.
        text: _Growing = defaultdict(_int_array)
        names: _Growing = defaultdict(_int_array)
        needs: _Growing = defaultdict(_int_array)
        languages: _Growing = defaultdict(_int_array)
        declared: _Growing = defaultdict(_int_array)
        organizations: _Growing = defaultdict(_int_array)
        openings: _Growing = defaultdict(_int_array)
        groups: dict[object, int] = {}
        self._phrases = NeedPhrases(lexicon)
        self._facts = _Facts()
        self._codes = {code: i for i, code in enumerate(lexicon.codes())}
        strength_rows: dict[str, tuple[array[int], array[float]]] = {}
        for listing in listings:
            self._add(listing, text, names, needs, languages, groups, strength_rows)
            self._add_organization(organizations, openings)
            for code in dict.fromkeys(listing.service.needs):
                declared[code].append(len(self.ids) - 1)
        self.vocabulary = Vocabulary(text)
        # The needs each service declares (what a result says it answers).
        self.declared_needs = _frozen(declared)
        self.postings = _frozen(text)
        self.name_postings = _frozen(names)
        self.organization_postings = _frozen(organizations)
        self.opening_postings = _frozen(openings)
        self.need_postings = _frozen(needs)
        self.language_postings = _frozen(languages)
        strength: dict[str, Floats] = {}
        for code, (rows, values) in strength_rows.items():
            column = np.zeros(len(self.ids), dtype=np.float32)
            column[np.frombuffer(rows, dtype=np.int32)] = np.frombuffer(values, dtype=np.float64)
            strength[code] = column
        del strength_rows
        _share_strength(strength)
        self.strength = strength
        self._build_columns()
        del self._facts, self._codes
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
        text_postings: _Growing,
        name_postings: _Growing,
        need_postings: _Growing,
        language_postings: _Growing,
        groups: dict[object, int],
        strength_rows: dict[str, tuple[array[int], array[float]]],
    ) -> None:
        service = listing.service
        # Each field's words found once, and shared by the postings, the needs'
        # centrality and the description's opening.
        own, agency = agency_apart(listing)
        description = words(own)
        # The opening says what the service is: its own words, never its agency's.
        opening = min(OPENING_WORDS, len(description)) if agency else OPENING_WORDS
        description += words(agency)
        names = words(own_names(listing))
        name_words = frozenset(names)
        all_words = (
            frozenset(words(listing_text(listing, self.lexicon, description=False)))
            | frozenset(description)
            | name_words
        )
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
        self._by_id[service.id] = index
        self._facts.add(listing, group, self._codes)
        for word in all_words:
            text_postings[word].append(index)
        for word in name_words:
            name_postings[word].append(index)
        facts = self._facts
        facts.name_size.append(len(name_words - STOP_WORDS) or 1)
        organization = words(listing.organization_name)
        facts.others.append(
            serves_others(listing, self._phrases, description=description[:opening])
            or is_umbrella(words(service.name), organization, description)
        )
        facts.organization_words = organization
        found = centrality(
            listing,
            self._phrases,
            names=names,
            organization_words=organization,
            description=description,
            opening=opening,
        )
        for code, strength in found.items():
            need_postings[code].append(index)
            rows, values = strength_rows.setdefault(code, (_int_array(), array("d")))
            rows.append(index)
            values.append(strength)
        for language in languages:
            language_postings[language].append(index)
        facts.opening = description[:opening]

    def _add_organization(self, postings: _Growing, openings: _Growing) -> None:
        """The organization's words and the description's opening (which says what the
        service is; a long description's later words may only mention something in
        passing), of the service `_add` just added."""
        index = len(self.ids) - 1
        facts = self._facts
        found = frozenset(facts.organization_words) - STOP_WORDS
        facts.organization_size.append(len(found) or 1)
        for word in found:
            postings[word].append(index)
        for word in frozenset(facts.opening) - STOP_WORDS:
            openings[word].append(index)

    def _build_columns(self) -> None:
        """Per-service facts as arrays, so filters and adjustments are vectorised."""
        facts = self._facts
        size = len(self.ids)
        self.primary = _numpy(facts.primary, np.int32)
        self.active = _numpy(facts.active, np.int8).astype(np.bool_)
        self.free = _numpy(facts.free, np.int8).astype(np.bool_)
        self.min_age = _numpy(facts.min_age, np.int32)
        self.max_age = _numpy(facts.max_age, np.int32)
        self.verified = _numpy(facts.verified, np.int64)
        # Every placed location of every service, by service row (ascending): a service
        # offered at several places is as near as the nearest of them.
        self.place_owner = _numpy(facts.place_owner, np.int32)
        self.place_lat = _numpy(facts.place_lat, np.float64)
        self.place_lon = _numpy(facts.place_lon, np.float64)
        self.name_rank = np.empty(size, dtype=np.int32)
        self.name_rank[np.argsort(np.array(facts.names, dtype=object), kind="stable")] = np.arange(
            size, dtype=np.int32
        )
        self.by_name = np.argsort(self.name_rank).astype(np.int32)
        self.id_order = np.argsort(np.array(self.ids, dtype=object), kind="stable").astype(np.int32)
        self.seniors_only = self.min_age >= SENIORS_ONLY_AGE
        self.groups = _numpy(facts.groups, np.int32)
        # What a volunteer needs to send someone there: hours, a phone, an address.
        self.completeness = _numpy(facts.completeness, np.int8).astype(np.float32) / np.float32(3)
        self.name_words = _numpy(facts.name_size, np.int32).astype(np.float32)
        self.organization_words = _numpy(facts.organization_size, np.int32).astype(np.float32)
        self.serves_others = _numpy(facts.others, np.int8).astype(np.float32)

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


_Growing = defaultdict[str, "array[int]"]


def _int_array() -> array[int]:
    return array("i")


def _numpy(values: array[Any], dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A C array's numbers as numpy, over the same memory (an empty one: a new array)."""
    if not len(values):
        return np.zeros(0, dtype=dtype)
    found = np.frombuffer(values, dtype=np.dtype(values.typecode))
    return found if found.dtype == dtype else found.astype(dtype)


def _frozen(postings: _Growing) -> dict[str, Ints]:
    return {word: _numpy(rows, np.int32) for word, rows in postings.items()}


class _Facts:
    """What the columns need of each service, gathered as C arrays while building, so no
    listing (nor an object per service) is kept."""

    def __init__(self) -> None:
        self.primary = array("i")  # the lexicon position of its first need, or -1
        self.active = array("b")
        self.free = array("b")
        self.min_age = array("i")  # -1 when none
        self.max_age = array("i")  # 10,000 when none
        self.verified = array("q")  # date ordinal, -1 when never
        self.place_owner = array("i")  # every placed location, by service row
        self.place_lat = array("d")
        self.place_lon = array("d")
        self.names: list[str] = []  # casefolded, for name order
        self.groups = array("i")
        self.completeness = array("b")  # hours, a phone, an address: 0..3
        self.name_size = array("i")  # distinct words in the service's name
        self.organization_size = array("i")
        self.others = array("b")  # serves others than a client in need (centrality.py)
        self.organization_words: list[str] = []  # of the service being added
        self.opening: list[str] = []

    def add(self, listing: Listing, group: int, codes: Mapping[str, int]) -> None:
        service = listing.service
        row = len(self.active)
        first = service.needs[0] if service.needs else None
        self.primary.append(codes.get(first, -1) if first else -1)
        self.active.append(service.status not in {"inactive", "defunct"})
        self.free.append(service.is_free is True)
        self.min_age.append(service.minimum_age if service.minimum_age is not None else -1)
        self.max_age.append(service.maximum_age if service.maximum_age is not None else 10_000)
        self.verified.append(service.last_verified.toordinal() if service.last_verified else -1)
        for loc in listing.locations:
            if loc.latitude is not None and loc.longitude is not None:
                self.place_owner.append(row)
                self.place_lat.append(loc.latitude)
                self.place_lon.append(loc.longitude)
        self.names.append(service.name.casefold())
        self.groups.append(group)
        shown = listing.primary_location
        self.completeness.append(
            any(r.has_times for r in service.schedules)
            + (listing.phone is not None)
            + bool(shown is not None and shown.addresses)  # `listing.address`, unformatted
        )


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
