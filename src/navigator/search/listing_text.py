"""The text a listing is searched by, shared by the index and the FTS5 baseline."""

from __future__ import annotations

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon


def listing_text(listing: Listing, lexicon: NeedLexicon) -> str:
    """Name, organization, description, eligibility, keywords and need names, in one string."""
    service = listing.service
    need_names = [lexicon.name_of(code) for code in service.needs if lexicon.get(code)]
    return " ".join(
        part
        for part in (
            service.name,
            service.alternate_name,
            listing.organization_name,
            service.description,
            service.eligibility,
            " ".join(service.keywords),
            " ".join(need_names),
        )
        if part
    )
