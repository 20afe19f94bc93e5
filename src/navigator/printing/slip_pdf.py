"""The referral slip as an A5-sized PDF (fpdf2), readable by a client on paper or a phone."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from fpdf import FPDF

from navigator.domain.contact_card import contact_card
from navigator.domain.referral_slip import (
    ReferralSlip,
    SlipService,
    call_first,
    footer_lines,
    header_lines,
    slip_rows,
    week_rows,
)
from navigator.domain.text import Translate, untranslated
from navigator.printing.qr_code import qr_matrix
from navigator.translation import gettext_for

# A Unicode font when the system has one, so listings in any script print; the
# PDF core fonts only cover Latin-1.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/Library/Fonts/Arial Unicode.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
)
LABEL_MM = 30
QR_MM = 36  # about 0.5 mm a module for a full card: a phone reads it at arm's length


def _unicode_font() -> tuple[Path, Path | None] | None:
    for regular in UNICODE_FONTS:
        if regular.is_file():
            bold = regular.with_name(regular.stem + "-Bold" + regular.suffix)
            return regular, bold if bold.is_file() else None
    return None


class _SlipPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format=(148, 210))  # A5, in mm
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(auto=True, margin=12)
        font = _unicode_font()
        self.unicode = font is not None
        if font is not None:
            regular, bold = font
            self.add_font("Slip", "", str(regular))
            self.add_font("Slip", "B", str(bold or regular))
            self.family_name = "Slip"
        else:
            self.family_name = "Helvetica"

    def text_of(self, value: str) -> str:
        """Text the chosen font can draw; without a Unicode font, accents fold to ASCII."""
        if self.unicode:
            return value
        latin = value.encode("latin-1", "ignore").decode("latin-1")
        if latin == value:
            return value
        folded = unicodedata.normalize("NFKD", value)
        return folded.encode("latin-1", "replace").decode("latin-1")

    def write_line(self, value: str, *, size: float, bold: bool = False, height: float = 0) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.multi_cell(
            0, height or size * 0.5, self.text_of(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def row(self, label: str, value: str) -> None:
        self.set_font(self.family_name, "B", 9)
        y = self.get_y()
        self.cell(LABEL_MM, 5, self.text_of(label))
        self.set_xy(self.l_margin + LABEL_MM, y)
        self.set_font(self.family_name, "", 9)
        self.multi_cell(0, 5, self.text_of(value), align="L", new_x="LMARGIN", new_y="NEXT")


def _qr_block(pdf: _SlipPDF, service: SlipService, today: date, _: Translate) -> None:
    """The service as a contact card in a QR code, drawn as squares (sharp at any zoom)."""
    rows = qr_matrix(contact_card(service, today, _))
    module = QR_MM / len(rows)
    left, top = pdf.l_margin, pdf.get_y() + 2
    pdf.set_fill_color(0)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                pdf.rect(left + x * module, top + y * module, module, module, style="F")
    pdf.set_xy(left + QR_MM + 4, top + QR_MM / 2 - 5)
    pdf.set_font(pdf.family_name, "", 8)
    pdf.multi_cell(
        0,
        4,
        pdf.text_of(
            _(
                "Scan with a phone camera to keep this service's name, phone, address "
                "and today's hours."
            )
        ),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(top + QR_MM + 1)


def _service_block(
    pdf: _SlipPDF, service: SlipService, today: date, _: Translate = untranslated
) -> None:
    pdf.ln(3)
    pdf.set_draw_color(120)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.write_line(service.name, size=13, bold=True, height=6)
    if service.organization:
        pdf.write_line(service.organization, size=9, height=5)
    for warning in (service.notice, call_first(service, _)):
        if warning:
            pdf.write_line("! " + warning, size=9, bold=True, height=5)
    pdf.ln(2)
    for label, value in slip_rows(service, _):
        pdf.row(label, value)
    if service.hours:
        pdf.ln(2)
        pdf.write_line(_("This week (today first)"), size=9, bold=True, height=5)
        for (day, _hours), (label, text) in zip(
            service.hours, week_rows(service, today, _), strict=True
        ):
            pdf.set_font(pdf.family_name, "B" if day == today else "", 9)
            pdf.cell(LABEL_MM, 4.5, pdf.text_of(label))
            pdf.cell(0, 4.5, pdf.text_of(text), new_x="LMARGIN", new_y="NEXT")
    _qr_block(pdf, service, today, _)


def _block_height(service: SlipService, today: date, _: Translate) -> float:
    """How tall a service's block is, measured by drawing it on a scratch page."""
    scratch = _SlipPDF()
    scratch.add_page()
    top = scratch.get_y()
    _service_block(scratch, service, today, _)
    return scratch.get_y() - top if scratch.page == 1 else 0.0


def slip_pdf(slip: ReferralSlip) -> bytes:
    """The slip as PDF bytes in the slip's language (the caller writes them atomically)."""
    _ = gettext_for(slip.language)
    pdf = _SlipPDF()
    pdf.set_title(_("Referral slip"))
    pdf.set_lang(slip.language)
    pdf.add_page()
    pdf.write_line(_("Referral slip"), size=16, bold=True, height=8)
    for line in header_lines(slip, _):
        pdf.write_line(line, size=9, height=5)
    for service in slip.services:
        # A service starts a new page rather than splitting across two.
        if pdf.will_page_break(_block_height(service, slip.day, _)):
            pdf.add_page()
        _service_block(pdf, service, slip.day, _)
    pdf.ln(3)
    for line in footer_lines(slip, _):
        pdf.write_line(line, size=8, height=4)
    return bytes(pdf.output())
