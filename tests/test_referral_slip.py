"""A client leaves with a referral slip: on screen, as text, as PDF, or on the printer."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.referral_slip import (
    print_or_save,
    save_slip,
    slip_for_handoff,
    slip_for_services,
)
from navigator.desk.search_services import search_services
from navigator.domain.catalogue import Listing, Service
from navigator.domain.referral_slip import SLIP_WIDTH, build_slip, slip_text
from navigator.errors import SlipError


def _shelter_id(desk: Desk) -> str:
    return search_services(desk, "shleter")[0].listing.id


def _food_id(desk: Desk) -> str:
    return search_services(desk, "hungry")[0].listing.id


def test_slip_carries_what_the_client_needs_to_get_there(desk: Desk) -> None:
    # Given the volunteer picked a shelter for the client
    listing = desk.index.listing(_shelter_id(desk))
    assert listing is not None
    # When the slip is made
    text = slip_text(slip_for_services(desk, [listing.id]))
    # Then it names the site and date, the service, how to reach it and this week's hours
    assert "Millbrook Community Hub" in text
    assert "Tuesday 24 November 2026" in text
    assert listing.service.name.upper() in text
    assert listing.organization_name in text
    assert listing.address is not None
    assert listing.address in text
    assert listing.phone is not None
    assert listing.phone in text
    lines = text.splitlines()
    week = lines.index("This week (today first):")
    assert lines[week + 1].strip().startswith("Today")
    assert lines[week + 2].strip().startswith("Wed 25 Nov")
    assert lines[week + 7].strip().startswith("Mon 30 Nov")


def test_slip_for_two_services_lists_both_in_order(desk: Desk) -> None:
    ids = [_food_id(desk), _shelter_id(desk)]
    made = slip_for_services(desk, ids)
    assert [s.id for s in made.services] == ids
    text = slip_text(made)
    assert text.index(made.services[0].name.upper()) < text.index(made.services[1].name.upper())


def test_slip_shows_named_contact_what_to_bring_and_eligibility(desk: Desk) -> None:
    listing = next(
        entry.listing
        for entry in desk.index.entries
        if entry.listing.service.contacts
        and entry.listing.service.documents
        and entry.listing.service.eligibility
    )
    text = slip_text(slip_for_services(desk, [listing.id]))
    assert f"Ask for:       {listing.service.contacts[0].name}" in text
    assert "Bring:" in text
    assert listing.service.documents[0] in text
    assert "Who can go:" in text


def test_pdf_slip_is_a_pdf_and_text_slip_is_text(desk: Desk, tmp_path: Path) -> None:
    made = slip_for_services(desk, [_shelter_id(desk)])
    pdf = save_slip(made, tmp_path / "slip.pdf")
    txt = save_slip(made, tmp_path / "slip.txt")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf.stat().st_size > 1000
    assert txt.read_text(encoding="utf-8") == slip_text(made)
    assert not list(tmp_path.glob(".*part"))


def test_without_a_printer_the_slip_is_saved(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NAVIGATOR_SLIPS_DIR", str(tmp_path / "slips"))
    made = slip_for_services(desk, [_shelter_id(desk)])
    delivery = print_or_save(desk, made, printer=None)
    assert not delivery.printed
    assert delivery.path is not None
    assert delivery.path.read_text(encoding="utf-8") == slip_text(made)
    assert "No printer found: saved the text as" in delivery.message
    # And a PDF the volunteer asked for says just that, not "no printer"
    pdf = print_or_save(desk, made, printer=None, pdf=True)
    assert pdf.message == f"Saved as PDF: {pdf.path}"
    again = print_or_save(desk, made, printer=None)
    assert again.path != delivery.path
    assert len(list((tmp_path / "slips").iterdir())) == 3


def test_with_a_printer_the_text_goes_to_lp(desk: Desk, tmp_path: Path) -> None:
    # Given a printer command that behaves like `lp` (reads the job on stdin)
    spool = tmp_path / "spool.txt"
    fake_lp = tmp_path / "lp"
    fake_lp.write_text(f'#!/bin/sh\ncat > "{spool}"\n', encoding="utf-8")
    fake_lp.chmod(fake_lp.stat().st_mode | stat.S_IXUSR)
    made = slip_for_services(desk, [_shelter_id(desk)])
    # When the volunteer prints the slip
    delivery = print_or_save(desk, made, printer=str(fake_lp))
    # Then the printer received exactly the slip's text
    assert delivery.printed
    assert spool.read_text(encoding="utf-8") == slip_text(made)


def test_a_printer_that_refuses_is_reported(desk: Desk, tmp_path: Path) -> None:
    broken = tmp_path / "lp"
    broken.write_text("#!/bin/sh\necho 'lp: no default destination' >&2\nexit 1\n")
    broken.chmod(0o755)
    made = slip_for_services(desk, [_shelter_id(desk)])
    with pytest.raises(SlipError, match="no default destination"):
        print_or_save(desk, made, printer=str(broken))


def test_slip_for_a_recorded_handoff(desk: Desk) -> None:
    saved = record_handoff(
        desk, make_draft(desk, kind="warm", needs=("housing",), service_id=_shelter_id(desk))
    )
    made = slip_for_handoff(desk, saved.id)
    assert [s.id for s in made.services] == [_shelter_id(desk)]


def test_an_unmet_need_has_no_slip(desk: Desk) -> None:
    saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("money",)))
    with pytest.raises(SlipError, match="no service"):
        slip_for_handoff(desk, saved.id)


def test_cli_writes_pdf_or_text_by_the_file_name(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    found = runner.invoke(main, ["search", "shleter", "--json", "--limit", "1", "--db", db])
    service_id = json.loads(found.stdout)[0]["id"]
    for name, magic in (("slip.pdf", b"%PDF-"), ("slip.txt", b"REFERRAL SLIP")):
        out = tmp_path / name
        result = runner.invoke(main, ["slip", service_id, "--out", str(out), "--db", db])
        assert result.exit_code == 0, result.stderr
        assert out.read_bytes().startswith(magic)
    shown = runner.invoke(main, ["slip", service_id, "--json", "--db", db])
    assert json.loads(shown.stdout)["services"][0]["id"] == service_id


def test_cli_slip_for_an_unknown_service_fails_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["slip", "no-such-id", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 1
    assert "No service with id 'no-such-id'" in result.stderr
    assert "Traceback" not in result.stderr


untrusted = st.text(st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=60, deadline=None)
@given(name=untrusted, eligibility=untrusted, documents=st.lists(untrusted, max_size=4))
def test_slip_text_fits_the_paper_and_carries_no_control_characters(
    name: str, eligibility: str, documents: list[str]
) -> None:
    service = Service(
        id="s1",
        name=name or "x",
        eligibility=eligibility,
        documents=tuple(documents),
    )
    text = slip_text(build_slip([Listing(service=service)], "Site", date(2026, 11, 24)))
    for line in text.splitlines():
        assert len(line) <= SLIP_WIDTH
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in line)


async def test_volunteer_puts_two_services_on_a_slip_and_saves_it(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    from navigator.tui.app import NavigatorApp
    from navigator.tui.screens.referral_slip import ReferralSlipScreen
    from navigator.tui.screens.search import SearchScreen

    monkeypatch.setenv("NAVIGATOR_SLIPS_DIR", str(tmp_path / "slips"))
    monkeypatch.setenv("NAVIGATOR_PRINTER", "none")
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # Given the client needs food, and a bus pass to get there
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReferralSlipScreen)
        first = app.screen.slip.services[0].name
        # When the volunteer adds another service and opens the slip again
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        status = str(app.screen.query_one("#search-status", Static).render())
        assert "On the slip: 1" in status
        await pilot.press("down", "ctrl+r")
        await pilot.pause()
        slip_screen = app.screen
        assert isinstance(slip_screen, ReferralSlipScreen)
        assert len(slip_screen.slip.services) == 2
        assert slip_screen.slip.services[0].name == first
        # Then D saves a PDF and P (no printer here) saves the text
        await pilot.press("d", "p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.slip_basket == []
    saved = sorted(p.suffix for p in (tmp_path / "slips").iterdir())
    assert saved == [".pdf", ".txt"]


def test_pdf_without_a_unicode_font_still_prints_every_listing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a laptop with no Unicode font, and a listing in several scripts
    from navigator.printing import slip_pdf as module

    monkeypatch.setattr(module, "UNICODE_FONTS", ())
    service = Service(id="s1", name="Café Comunitário — 社区厨房", eligibility="Tất cả mọi người")
    made = build_slip([Listing(service=service)], "Site", date(2026, 11, 24))
    # When the PDF is made, then it is made (accents folded, other scripts replaced)
    assert module.slip_pdf(made).startswith(b"%PDF-")


async def test_slip_again_from_todays_log(desk: Desk) -> None:
    from navigator.tui.app import NavigatorApp
    from navigator.tui.screens.referral_slip import ReferralSlipScreen
    from navigator.tui.screens.todays_log import TodaysLogScreen

    # Given an unmet need and then a handoff to the shelter, earlier today
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("money",)))
    record_handoff(
        desk, make_draft(desk, kind="warm", needs=("housing",), service_id=_shelter_id(desk))
    )
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        # When the volunteer asks for a slip on the unmet need, nothing opens
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, TodaysLogScreen)
        # And on the shelter handoff, its slip opens
        await pilot.press("down", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReferralSlipScreen)
        assert [s.id for s in app.screen.slip.services] == [_shelter_id(desk)]
