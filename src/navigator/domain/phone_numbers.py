"""Phone numbers as a client dials them: parsed with the site's region, incomplete ones marked.

Directories hold numbers in every shape ("305.555.0100", "(305) 555-0100 x12", "211"),
and some hold fragments: Miami 211's contacts.csv keeps four digits beside an area code,
which the importer joins into "239-9363". Such a number must never look dialable.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, shortnumberinfo

DEFAULT_REGION = "US"


@dataclass(frozen=True)
class PhoneText:
    """A number ready to show: `text` is formatted when it could be read, else as written."""

    text: str
    dialable: bool
    e164: str | None = None
    """+CCNNN... for a contact card or a tel: link; None when not dialable."""

    def shown(self) -> str:
        """The text, with "(incomplete)" after a number nobody could dial."""
        return self.text if self.dialable else f"{self.text} (incomplete)"


def read_phone(
    raw: str, extension: str | None = None, region: str = DEFAULT_REGION
) -> PhoneText | None:
    """Parse `raw` (and a separate `extension`) as dialled from `region`; None when blank."""
    text = raw.strip()
    if not text:
        return None
    ext = (extension or "").strip()
    region = (region or DEFAULT_REGION).upper()
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return PhoneText(_with_ext(text, ext), dialable=False)
    if ext and not number.extension:
        number.extension = ext
    # Three-digit services (211, 311, 988) are real numbers to give a client; a longer
    # short code is far likelier a fragment of a full number.
    if len(str(number.national_number)) == 3 and shortnumberinfo.is_valid_short_number_for_region(
        number, region
    ):
        return PhoneText(str(number.national_number), dialable=True)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        # Too short (a fragment), too long, or only dialable locally: not a number to give out.
        return PhoneText(_with_ext(text, ext) if ext and ext not in text else text, dialable=False)
    home = phonenumbers.region_code_for_number(number) == region
    style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return PhoneText(phonenumbers.format_number(number, style), dialable=True, e164=e164)


def _with_ext(text: str, ext: str) -> str:
    return f"{text} ext. {ext}" if ext else text


def dialable_phones(
    numbers: list[tuple[str, str | None]], region: str = DEFAULT_REGION
) -> list[PhoneText]:
    """The dialable numbers among (number, extension) pairs, each once, in order."""
    seen: dict[str, PhoneText] = {}
    for raw, ext in numbers:
        phone = read_phone(raw, ext, region)
        if phone is not None and phone.dialable:
            seen.setdefault(phone.text, phone)
    return list(seen.values())
