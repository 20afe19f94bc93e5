"""Building the index: per-service words, needs and facts, as postings and numpy columns.

Built once per catalogue; everything a keystroke needs is then an array lookup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from navigator.domain.catalogue import EARTH_KM, Listing
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import fold, words
from navigator.search.centrality import NeedPhrases, centrality
from navigator.search.listing_text import listing_text
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]

EMPTY: Ints = np.zeros(0, dtype=np.int32)

# Services only for older adults (by minimum age) come after open-to-all ones unless the
# query is about older adults or an age is given: the desk rarely knows the client's age.
SENIORS_ONLY_AGE = 55


@dataclass
class Entry:
    """One service as the index holds it."""

    listing: Listing
    needs: frozenset[str]
    active: bool
    schedule_group: int  # services with identical schedules share their hours


class IndexedCatalogue:
    """Postings (word -> services) and per-service columns for one catalogue."""

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.entries: list[Entry] = []
        self.by_id: dict[str, int] = {}
        self.group_listing: list[Listing] = []  # one listing per distinct schedule
        text: dict[str, list[int]] = {}
        names: dict[str, list[int]] = {}
        needs: dict[str, list[int]] = {}
        languages: dict[str, list[int]] = {}
        groups: dict[object, int] = {}
        self._phrases = NeedPhrases(lexicon)
        self.name_size: list[int] = []  # distinct words in the service's name
        self.organization_size: list[int] = []
        organizations: dict[str, list[int]] = {}
        strength_rows: dict[str, tuple[list[int], list[float]]] = {}
        for listing in listings:
            self._add(listing, text, names, needs, languages, groups, strength_rows)
            self._add_organization(listing, organizations)
        self.vocabulary = Vocabulary(text)
        self.postings = {w: ints(p) for w, p in text.items()}
        self.name_postings = {w: ints(p) for w, p in names.items()}
        self.organization_postings = {w: ints(p) for w, p in organizations.items()}
        self.need_postings = {c: ints(p) for c, p in needs.items()}
        self.language_postings = {c: ints(p) for c, p in languages.items()}
        self.strength: dict[str, Floats] = {}
        for code, (rows, values) in strength_rows.items():
            column = np.zeros(len(self.entries), dtype=np.float32)
            column[rows] = values
            self.strength[code] = column
        self._build_columns()
        # How much a service is for older adults: by its minimum age, or failing that by
        # how central that need is to it (a senior centre's meals, a directory's text).
        older = self.strength.get("older_adults")
        self.for_seniors = np.maximum(
            self.seniors_only.astype(np.float32),
            older if older is not None else np.zeros(len(self.entries), dtype=np.float32),
        )

    def __len__(self) -> int:
        return len(self.entries)

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
        name_words = frozenset(words(f"{service.name} {service.alternate_name or ''}"))
        all_words = frozenset(words(text)) | name_words
        index = len(self.entries)
        timed = tuple(r for r in service.schedules if r.has_times)
        group = groups.get(timed)
        if group is None:
            group = groups[timed] = len(self.group_listing)
            self.group_listing.append(listing)
        languages = frozenset(
            fold(v) for lang in service.languages for v in (lang.name, lang.code) if v
        )
        self.entries.append(
            Entry(
                listing=listing,
                needs=frozenset(service.needs),
                active=service.status not in {"inactive", "defunct"},
                schedule_group=group,
            )
        )
        self.by_id[service.id] = index
        for word in all_words:
            text_postings.setdefault(word, []).append(index)
        for word in name_words:
            name_postings.setdefault(word, []).append(index)
        self.name_size.append(len(name_words - STOP_WORDS) or 1)
        for code, strength in centrality(listing, self._phrases).items():
            need_postings.setdefault(code, []).append(index)
            rows, values = strength_rows.setdefault(code, ([], []))
            rows.append(index)
            values.append(strength)
        for language in languages:
            language_postings.setdefault(language, []).append(index)

    def _add_organization(self, listing: Listing, postings: dict[str, list[int]]) -> None:
        index = len(self.entries) - 1
        found = frozenset(words(listing.organization_name)) - STOP_WORDS
        self.organization_size.append(len(found) or 1)
        for word in found:
            postings.setdefault(word, []).append(index)

    def _build_columns(self) -> None:
        """Per-service facts as arrays, so filters and adjustments are vectorised."""
        services = [e.listing.service for e in self.entries]
        size = len(services)
        codes = {code: i for i, code in enumerate(self.lexicon.codes())}
        self.primary = np.array(
            [codes.get(s.needs[0], -1) if s.needs else -1 for s in services], dtype=np.int32
        )
        self.active = np.array([e.active for e in self.entries], dtype=np.bool_)
        self.free = np.array([s.is_free is True for s in services], dtype=np.bool_)
        self.min_age = np.array(
            [s.minimum_age if s.minimum_age is not None else -1 for s in services], dtype=np.int32
        )
        self.max_age = np.array(
            [s.maximum_age if s.maximum_age is not None else 10_000 for s in services],
            dtype=np.int32,
        )
        self.verified = np.array(
            [s.last_verified.toordinal() if s.last_verified else -1 for s in services],
            dtype=np.int64,
        )
        # Every placed location of every service, by service row (ascending): a service
        # offered at several places is as near as the nearest of them.
        places = [
            (row, loc.latitude, loc.longitude)
            for row, e in enumerate(self.entries)
            for loc in e.listing.locations
            if loc.latitude is not None and loc.longitude is not None
        ]
        self.place_owner = np.array([p[0] for p in places], dtype=np.int32)
        self.place_lat = np.array([p[1] for p in places], dtype=np.float64)
        self.place_lon = np.array([p[2] for p in places], dtype=np.float64)
        names = [s.name.casefold() for s in services]
        self.name_rank = np.empty(size, dtype=np.int32)
        self.name_rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(
            size, dtype=np.int32
        )
        self.by_name = np.argsort(self.name_rank).astype(np.int32)
        self.seniors_only = self.min_age >= SENIORS_ONLY_AGE
        self.groups = np.array([e.schedule_group for e in self.entries], dtype=np.int32)
        # What a volunteer needs to send someone there: hours, a phone, an address.
        self.completeness = np.array(
            [
                (any(r.has_times for r in e.listing.service.schedules))
                + (e.listing.phone is not None)
                + (e.listing.address is not None)
                for e in self.entries
            ],
            dtype=np.float32,
        ) / np.float32(3)
        self.name_words = np.array(self.name_size, dtype=np.float32)
        self.organization_words = np.array(self.organization_size, dtype=np.float32)

    def km_from(self, site: tuple[float, float]) -> npt.NDArray[np.float64]:
        """Kilometres from `site` to each service's nearest location; NaN where none is
        placed."""
        distance = np.full(len(self.entries), np.nan)
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


def ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int32)


def gather(postings: dict[str, Ints], keys: Iterable[str]) -> Ints:
    """Every service listed under any of `keys` (with repeats)."""
    found = [postings[k] for k in keys if k in postings]
    if not found:
        return EMPTY
    return found[0] if len(found) == 1 else np.concatenate(found)
