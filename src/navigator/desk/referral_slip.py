"""Referral slips: for chosen services or a recorded handoff, as text, PDF or on paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

from navigator.atomic_file import write_atomic
from navigator.desk.context import Desk
from navigator.desk.directory_dates import directory_is_dated
from navigator.desk.record_handoff import find_listing
from navigator.domain.catalogue import Listing
from navigator.domain.phone_numbers import read_phone
from navigator.domain.referral_slip import (
    ReferralSlip,
    SlipService,
    build_slip,
    slip_text,
)
from navigator.domain.text import Translate, untranslated
from navigator.errors import N_, SlipError
from navigator.locations import slips_dir
from navigator.printing.slip_pdf import slip_pdf
from navigator.printing.system_printer import find_printer_command, print_text
from navigator.store.handoff_store import get_handoff
from navigator.translation import gettext_for, normalize_language


def slip_for_services(
    desk: Desk, service_ids: list[str], *, language: str | None = None
) -> ReferralSlip:
    """A slip listing each service in the order given."""
    if not service_ids:
        raise SlipError(N_("Choose at least one service for the slip."))
    listings = [find_listing(desk, service_id) for service_id in service_ids]
    return slip_for_listings(desk, listings, language=language)


def slip_for_listings(
    desk: Desk,
    listings: list[Listing],
    *,
    language: str | None = None,
    follow_up: date | None = None,
) -> ReferralSlip:
    """The slip in `language` (the desk's setting when None), marking flagged listings."""
    from navigator.desk.flag_listing import flagged_listings

    settings = desk.settings
    return build_slip(
        listings,
        settings.site_name,
        desk.today(),
        site_phone=settings.site_phone,
        follow_up=follow_up,
        language=normalize_language(language or settings.language),
        region=settings.phone_region,
        flagged=set(flagged_listings(desk)),
        dated_directory=directory_is_dated(desk),
    )


def slip_as_text(slip: ReferralSlip) -> str:
    """The slip's text in its own language: what the screen shows and the printer gets."""
    return slip_text(slip, _=gettext_for(slip.language))


def slip_for_handoff(
    desk: Desk, handoff_id: UUID | str, *, language: str | None = None
) -> ReferralSlip:
    """The slip for a recorded handoff: today's catalogue entry, or the handoff's own snapshot."""
    try:
        key = handoff_id if isinstance(handoff_id, UUID) else UUID(handoff_id)
    except ValueError:
        raise SlipError(N_("'{id}' is not a handoff id."), id=str(handoff_id)) from None
    with desk.session() as session:
        handoff = get_handoff(session, key)
    if handoff is None:
        raise SlipError(N_("No handoff with id '{id}' on this laptop."), id=str(key))
    snapshot = handoff.service
    if snapshot is None:
        raise SlipError(N_("An unmet need has no service to put on a slip."))
    listing = desk.index.listing(snapshot.id)
    if listing is not None:
        seen = listing.seen_from(desk.settings.site_coordinates)  # the door the desk showed
        return slip_for_listings(desk, [seen], language=language, follow_up=handoff.follow_up)
    # The service left the catalogue since: the handoff still knows how to reach it.
    empty = slip_for_listings(desk, [], language=language, follow_up=handoff.follow_up)
    phone = read_phone(snapshot.phone or "", None, desk.settings.phone_region)
    kept = SlipService(
        id=snapshot.id,
        name=snapshot.name,
        organization=snapshot.organization,
        address=snapshot.address,
        phones=(phone.text,) if phone and phone.dialable else (),
        dial=phone.e164 if phone else None,
    )
    return empty.model_copy(update={"services": (kept,)})


def save_slip(slip: ReferralSlip, path: Path) -> Path:
    """PDF when the name ends in .pdf, plain text otherwise; written all-or-nothing."""
    if not path.parent.is_dir():
        raise SlipError(N_("{folder}: no such folder to save the slip in."), folder=path.parent)
    data = slip_pdf(slip) if path.suffix.lower() == ".pdf" else slip_as_text(slip).encode("utf-8")
    # No client data on a slip, so it may be shared like any document.
    write_atomic(path, data, mode=0o644)
    return path


@dataclass(frozen=True)
class Delivery:
    """Where the slip went: to the printer, or into a file when there is none."""

    printed: bool
    path: Path | None
    asked_for_pdf: bool = False

    @property
    def message(self) -> str:
        return self.said()

    def said(self, _: Translate = untranslated) -> str:
        """The message in a language (the desk's, on screen)."""
        if self.printed:
            return _("Sent to the printer.")
        if self.asked_for_pdf:
            return _("Saved as PDF: {path}").format(path=self.path)
        return _("No printer found: saved the text as {path}").format(path=self.path)


def print_or_save(
    desk: Desk, slip: ReferralSlip, *, printer: str | bool | None = True, pdf: bool = False
) -> Delivery:
    """Print the text slip with `lp` when there is one, else save it in the slips folder.

    `printer` is the printer command, True to look for `lp`, or None/False for none.
    """
    command = find_printer_command() if printer is True else (printer or None)
    if command and not pdf:
        print_text(slip_as_text(slip), command)
        return Delivery(printed=True, path=None)
    folder = slips_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = desk.clock().astimezone(desk.settings.zone()).strftime("%Y%m%d-%H%M%S")
    suffix = "pdf" if pdf else "txt"
    path = folder / f"slip-{stamp}.{suffix}"
    number = 1
    while path.exists():  # two slips in one second must not overwrite each other
        number += 1
        path = folder / f"slip-{stamp}-{number}.{suffix}"
    return Delivery(printed=False, path=save_slip(slip, path), asked_for_pdf=pdf)
