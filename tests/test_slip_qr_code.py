"""The slip's QR code: a contact card the client's phone reads, on paper and on screen."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from navigator.desk.context import Desk
from navigator.desk.referral_slip import save_slip, slip_for_services
from navigator.desk.search_services import search_services
from navigator.domain.catalogue import Listing, Phone, Service
from navigator.domain.contact_card import contact_card
from navigator.domain.referral_slip import build_slip

TODAY = date(2026, 11, 24)
TOOLS = ("pdftoppm", "zbarimg")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]


def test_contact_card_holds_name_phone_address_and_todays_hours() -> None:
    service = Service(id="s1", name="Food; Pantry, North", phones=(Phone(number="305 555 0100"),))
    slip = build_slip([Listing(service=service)], "Site", TODAY)
    card = contact_card(slip.services[0], TODAY)
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Food\\; Pantry\\, North\r\n" in card
    assert "TEL;TYPE=WORK,VOICE:+13055550100\r\n" in card
    assert "NOTE:" not in card or "Today" in card
    assert card.endswith("END:VCARD\r\n")


@pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} (poppler-utils, zbar-tools)")
def test_pdf_slip_qr_code_decodes_to_the_service_name_and_phone(desk: Desk, tmp_path: Path) -> None:
    # Given the slip for a shelter, saved as PDF
    listing = search_services(desk, "shleter")[0].listing
    slip = slip_for_services(desk, [listing.id])
    pdf = save_slip(slip, tmp_path / "slip.pdf")
    # When the page is rendered to an image and the code on it is read
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    read = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=True
    )
    # Then it holds the service's name and dialable phone, as a contact card
    service = slip.services[0]
    assert read.stdout.startswith("BEGIN:VCARD")
    assert f"FN:{service.name}" in read.stdout
    assert service.dial is not None
    assert service.dial in read.stdout
