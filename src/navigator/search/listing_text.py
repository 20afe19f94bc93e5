"""The text a listing is searched by, shared by the index and the FTS5 baseline."""

from __future__ import annotations

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import words


def listing_text(listing: Listing, lexicon: NeedLexicon, *, description: bool = True) -> str:
    """Name, organization, description, eligibility, keywords and need names, in one string
    (without the description, for a caller that has its words already)."""
    service = listing.service
    need_names = [lexicon.name_of(code) for code in service.needs if lexicon.get(code)]
    return " ".join(
        part
        for part in (
            service.name,
            service.alternate_name,
            listing.organization_name,
            service.description if description else None,
            service.eligibility,
            " ".join(service.keywords),
            " ".join(need_names),
        )
        if part
    )


def own_names(listing: Listing) -> str:
    """The service's name, and its alternate name when that names the service itself.

    Directories often fill the alternate name with the organization's name or acronym
    ("U.S. CITIZENSHIP AND IMMIGRATION SERVICES" on each of its field offices); those words
    say who runs the service, not what it is, and count as the organization's.
    """
    service = listing.service
    alternate = service.alternate_name or ""
    organization = frozenset(words(listing.organization_name or ""))
    if organization.issuperset(words(alternate)):
        return service.name
    return f"{service.name} {alternate}"


def agency_apart(listing: Listing) -> tuple[str, str]:
    """The description as the service's own text and its agency's: (own, agency).

    Long directory records often open with the organization's own description (who the
    agency is, its history, everything it runs) and only then say what this service is.
    Text the description shares with its organization's description belongs to the
    agency: it still matches a query, but the opening, which says what a listing is, is
    the service's own. ("", "") for no description; (description, "") when it shares no
    text with its organization's, or is nothing but it."""
    description = (listing.service.description or "").strip()
    organization = listing.organization
    agency = (organization.description or "").strip() if organization else ""
    if not agency or agency == description or agency not in description:
        return description, ""
    own = description.replace(agency, " ", 1).strip()
    return (own, agency) if own else (description, "")
