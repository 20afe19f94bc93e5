"""A judged catalogue stripped or reshaped toward a directory we cannot see.

The hidden test runs on an unseen directory of ~2,000 services with long iCarol-style
descriptions and no schedules. These variants make a judged catalogue look like that
without inventing anything: they only drop fields or move a record's own text around,
so judgments keyed by service id stay valid (what a service is does not change).

- `no-schedules`: no opening hours at all (no timed rules, no hours text), so no
  "open now / open today" and no hours in completeness.
- `agency-first`: each service's description starts with its organization's own
  description (when it has one that differs), as agency-level text leads many iCarol
  records. Descriptions get longer, their first words say what the agency does rather
  than what this service is, and they mention needs in passing. Needs are then found
  again the way import finds them from text (the service's needs plus those its new
  text names), as they would be for a directory read with that text.
- `unseen`: both.
"""

from __future__ import annotations

from collections.abc import Sequence

from navigator.catalogue.needs_from_text import TextNeeds, import_lexicon
from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon

NO_SCHEDULES = "no-schedules"
AGENCY_FIRST = "agency-first"
UNSEEN = "unseen"
VARIANTS = (NO_SCHEDULES, AGENCY_FIRST, UNSEEN)
_PARTS: dict[str, tuple[str, ...]] = {
    NO_SCHEDULES: (NO_SCHEDULES,),
    AGENCY_FIRST: (AGENCY_FIRST,),
    UNSEEN: (NO_SCHEDULES, AGENCY_FIRST),
}


def reshape(listings: Sequence[Listing], variant: str, lexicon: NeedLexicon) -> list[Listing]:
    """The listings as `variant` (one of VARIANTS) shows them."""
    parts = _PARTS[variant]
    found = list(listings)
    if NO_SCHEDULES in parts:
        found = [_without_hours(item) for item in found]
    if AGENCY_FIRST in parts:
        needs_in_text = TextNeeds(import_lexicon(lexicon))
        codes = lexicon.codes()
        found = [_agency_first(item, needs_in_text, codes) for item in found]
    return found


def _without_hours(item: Listing) -> Listing:
    service = item.service.model_copy(update={"schedules": (), "hours_text": None})
    return item.model_copy(update={"service": service})


def _agency_first(item: Listing, needs_in_text: TextNeeds, codes: Sequence[str]) -> Listing:
    agency = (item.organization.description or "").strip() if item.organization else ""
    own = (item.service.description or "").strip()
    if not agency or agency == own or agency in own:
        return item
    has = frozenset(item.service.needs) | needs_in_text(agency)
    # In the lexicon's order, as import gives them (a need it does not know stays last).
    needs = tuple(c for c in codes if c in has) + tuple(
        c for c in item.service.needs if c not in codes
    )
    description = f"{agency}\n\n{own}" if own else agency
    service = item.service.model_copy(update={"description": description, "needs": needs})
    return item.model_copy(update={"service": service})
