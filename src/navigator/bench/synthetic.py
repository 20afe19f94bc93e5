"""Synthetic catalogues of any size, grown from the demo one, for speed benchmarks.

Each service is a demo service moved to an invented town, with a few invented words
in its description, so the vocabulary grows with the catalogue the way a real state
directory's does (place and agency names), while the client words stay realistic.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.reader import read_catalogue
from navigator.domain.catalogue import Catalogue, Location, Organization, Service

_ONSETS = (
    "b",
    "br",
    "c",
    "ch",
    "d",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "sh",
    "st",
    "t",
    "th",
    "v",
    "w",
    "y",
    "z",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "oo", "y")
_CODAS = ("", "n", "r", "l", "s", "t", "ck", "nd", "rst", "m", "wood", "field", "ton", "ville")


def _invented_words(rng: random.Random, count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        syllables = rng.randint(2, 3)
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables))
        found.add(word + rng.choice(_CODAS))
    return sorted(found)


def synthetic_catalogue(count: int, *, seed: int = 4, today: date | None = None) -> Catalogue:
    """`count` services spread over invented towns around the demo site."""
    rng = random.Random(seed)
    demo = read_catalogue(demo_catalogue_path()).catalogue
    organizations = {o.id: o for o in demo.organizations}
    locations = {loc.id: loc for loc in demo.locations}
    towns = [w.capitalize() for w in _invented_words(rng, max(20, count // 40))]
    filler = _invented_words(rng, max(200, count // 4))
    today = today or date(2026, 11, 24)
    services: list[Service] = []
    new_orgs: list[Organization] = []
    new_locations: list[Location] = []
    for i in range(count):
        base = demo.services[i % len(demo.services)]
        town = towns[rng.randrange(len(towns))]
        extra = " ".join(rng.choice(filler) for _ in range(rng.randint(2, 6)))
        org_id = f"syn-org-{i}"
        org = organizations.get(base.organization_id or "")
        new_orgs.append(
            Organization(id=org_id, name=f"{org.name if org else 'Community'} of {town}")
        )
        location_ids: list[str] = []
        template = next((locations[x] for x in base.location_ids if x in locations), None)
        if template is not None:
            loc_id = f"syn-loc-{i}"
            lat = 42.30 + rng.uniform(-0.4, 0.4)
            lon = -71.80 + rng.uniform(-0.5, 0.5)
            new_locations.append(
                template.model_copy(update={"id": loc_id, "latitude": lat, "longitude": lon})
            )
            location_ids.append(loc_id)
        services.append(
            base.model_copy(
                update={
                    "id": f"syn-{i}",
                    "organization_id": org_id,
                    "name": f"{base.name} - {town}",
                    "description": f"{base.description or ''} Serving {town} and {extra}.",
                    "location_ids": tuple(location_ids),
                    "last_verified": today - timedelta(days=rng.randint(0, 900)),
                }
            )
        )
    return Catalogue(
        source=f"synthetic:{count}:{seed}",
        format="synthetic",
        organizations=tuple(new_orgs),
        locations=tuple(new_locations),
        services=tuple(services),
    )
