"""The slip carries what the volunteer knows: follow-up, how to apply, notices, call first."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.cli import main
from navigator.config import Settings
from navigator.desk.context import Desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.referral_slip import slip_as_text, slip_for_handoff, slip_for_services
from navigator.desk.search_services import search_services
from navigator.domain.catalogue import Listing, Phone, Service
from navigator.domain.phone_numbers import read_phone
from navigator.domain.referral_slip import build_slip, slip_text
from navigator.translation import gettext_for

TODAY = date(2026, 11, 24)


def _shelter(desk: Desk) -> Listing:
    return search_services(desk, "shleter")[0].listing


def test_handoff_slip_carries_follow_up_and_site_phone(desk: Desk) -> None:
    # Given a site with a phone, and a warm handoff with a follow-up in three days
    desk.settings = desk.settings.model_copy(update={"site_phone": "508 555 0142"})
    saved = record_handoff(
        desk,
        make_draft(
            desk,
            kind="warm",
            needs=("housing",),
            service_id=_shelter(desk).id,
            follow_up=TODAY + timedelta(days=3),
        ),
    )
    # When the slip for that handoff is made
    text = slip_as_text(slip_for_handoff(desk, saved.id))
    # Then it says when the desk checks in, and how to reach the desk
    assert "We will check in with you on Friday 27 November 2026." in text
    assert "Millbrook Community Hub - phone (508) 555-0142" in text
    assert "Questions? Call Millbrook Community Hub at (508) 555-0142." in text


def test_slip_carries_how_to_apply_notice_and_what_to_bring_word_for_word() -> None:
    service = Service(
        id="s1",
        name="Northside Food Bank",
        application_process="Must apply in person and bring Photo ID",
        alert="Closed for renovation until Dec 1",
        documents=("Photo ID", "proof of address"),
        last_verified=TODAY - timedelta(days=30),
    )
    text = slip_text(build_slip([Listing(service=service)], "Site", TODAY))
    assert "How to apply:  Must apply in person and bring Photo ID" in text
    assert "! Closed for renovation until Dec 1" in text
    assert "Bring:         Photo ID, proof of address" in text
    assert "Call first" not in text


def test_call_first_for_a_stale_or_flagged_listing_but_not_for_an_undated_directory() -> None:
    old = Listing(service=Service(id="old", name="Old", last_verified=date(2024, 1, 5)))
    fresh = Listing(service=Service(id="new", name="New", last_verified=TODAY))
    undated = Listing(service=Service(id="undated", name="Undated"))
    slip = build_slip([old, fresh, undated], "Site", TODAY, flagged={"new"})
    text = " ".join(slip_text(slip).split())  # as read, whatever the line breaks
    # The old one and the never-verified one in a directory that does date its listings
    assert text.count("! Call first: these details have not been checked for over a year.") == 2
    assert text.count("! Call first: this listing was reported as out of date.") == 1
    # A directory with no verification dates at all: "never verified" is no news on a slip
    quiet = slip_text(build_slip([undated], "Site", TODAY, dated_directory=False))
    assert "Call first" not in quiet


def test_flag_at_the_desk_puts_call_first_on_the_slip(desk: Desk) -> None:
    listing = _shelter(desk)
    flag_listing(desk, listing.id, reason="closed")
    assert "reported as out of date" in slip_as_text(slip_for_services(desk, [listing.id]))


@pytest.mark.parametrize(
    ("raw", "ext", "shown", "dialable"),
    [
        ("305.555.0100", None, "(305) 555-0100", True),
        ("(305) 555-0100 x12", None, "(305) 555-0100 ext. 12", True),
        ("305-555-0100", "7", "(305) 555-0100 ext. 7", True),
        ("239-9363", None, "239-9363 (incomplete)", False),
        ("9363", None, "9363 (incomplete)", False),
        ("211", None, "211", True),
        ("+44 20 7946 0958", None, "+44 20 7946 0958", True),
        ("call us", None, "call us (incomplete)", False),
    ],
)
def test_phone_numbers_read_with_the_phone_region(
    raw: str, ext: str | None, shown: str, dialable: bool
) -> None:
    phone = read_phone(raw, ext, "US")
    assert phone is not None
    assert (phone.shown(), phone.dialable) == (shown, dialable)


def test_incomplete_numbers_never_reach_the_slip() -> None:
    service = Service(
        id="s1",
        name="Coalition",
        phones=(Phone(number="239-263-9363"), Phone(number="555-12")),
        contacts=(),
    )
    text = slip_text(build_slip([Listing(service=service)], "Site", TODAY))
    assert "Phone:         (239) 263-9363" in text
    assert "555-12" not in text
    assert text.count("Phone:") == 1


MIAMI = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "miami-211-hsds-1.1"


@pytest.mark.skipif(not MIAMI.exists(), reason=f"the Miami 211 package is not at {MIAMI}")
def test_miami_5270_slip_shows_no_four_digit_fragment() -> None:
    # Given Miami's export, whose contacts.csv keeps "9363" beside the area code "239"
    from navigator.catalogue.reader import read_catalogue

    listing = next(x for x in read_catalogue(MIAMI).catalogue.listings() if x.id == "5270")
    # When the slip is made at a Miami site
    text = slip_text(build_slip([listing], "Miami desk", TODAY, dated_directory=False))
    # Then the real number is there, the named contact too, and the fragment is not
    assert "(239) 263-9363" in text
    assert "Christine Hurley" in text
    assert "239-9363" not in text


def test_cli_slip_in_spanish_and_an_unknown_language_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    import json

    found = runner.invoke(main, ["search", "shleter", "--json", "--limit", "1", "--db", db])
    service_id = json.loads(found.stdout)[0]["id"]
    spanish = runner.invoke(main, ["slip", service_id, "--lang", "es", "--db", db])
    assert spanish.exit_code == 0, spanish.stderr
    assert "HOJA DE REFERENCIA" in spanish.stdout
    assert "Dirección:" in spanish.stdout
    refused = runner.invoke(main, ["slip", service_id, "--lang", "xx", "--db", db])
    assert refused.exit_code == 1
    assert "--lang xx" in refused.stderr


def test_settings_name_the_site_phone_region_and_language() -> None:
    settings = Settings()
    assert (settings.site_phone, settings.phone_region, settings.language) == (None, "US", "en")
    assert settings.slip_after_handoff is False


@pytest.mark.parametrize("said", ["None", "none", " N/A ", "Not applicable"])
def test_a_directory_saying_none_for_how_to_apply_reads_as_no_application_needed(
    said: str,
) -> None:
    # Given a directory that writes "None" where a service needs no application (Miami's
    # hotlines and information lines: 251 services)
    service = Service(id="s1", name="Info Line", application_process=said)
    # When the slip is made, in English and in Spanish
    english = slip_text(build_slip([Listing(service=service)], "Site", TODAY))
    spanish = slip_text(
        build_slip([Listing(service=service)], "Site", TODAY, language="es"), _=gettext_for("es")
    )
    # Then the client reads that no application is needed, never a bare "None"
    assert "How to apply:  No application needed" in english
    assert "None" not in english
    assert "N/A" not in english
    assert "No hace falta solicitarlo" in spanish
