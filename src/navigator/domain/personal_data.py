"""Spotting personal data in free text (notes, client references, flag notes) before it is saved.

A handoff record must never identify a client: the guard names what it found so the
volunteer can remove it (or deliberately keep it). Pure: no I/O, the clock only as a default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import phonenumbers

from navigator.domain.text import N_, Translate, untranslated

SSN = "social security number"
PHONE = "phone number"
EMAIL = "e-mail address"
BIRTH_DATE = "date of birth"
CARD = "card number"
ADDRESS = "street address"

# When two findings overlap, the more specific one is kept (a card number's digits
# can look like a phone number; an SSN's too).
_PRIORITY = {CARD: 0, SSN: 1, EMAIL: 2, BIRTH_DATE: 3, PHONE: 4, ADDRESS: 5}

# A date this many years old or more is a birth date even without "dob" beside it:
# a desk writes follow-ups and appointments, not old dates.
BIRTH_YEARS_AGO = 10


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of personal data: what kind (in a volunteer's words) and where it is."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_SSN_RE = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")
_SSN_WORD_RE = re.compile(
    r"\b(?:ssn|ss#|s\.s\.n?\.?|social(?:\s+security)?(?:\s+(?:no|number|#))?)\W{0,3}"
    r"(\d{3}[- ]?\d{2}[- ]?\d{4})(?!\d)",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "agosto"),
            ("sep", "sept", "september", "septiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    # 3/4/85, 03-04-1985, 3.4.85 (month first, as at a US desk; day first is as old)
    re.compile(
        r"(?<![\d/.-])(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})(?:[/.-](?P<y>\d{2}|\d{4}))?(?![\d/])"
    ),
    # 1985-03-04
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\d/-])"),
    # March 4, 1985 / Mar 4 85 / 4 March 1985
    re.compile(
        rf"\b(?:(?P<m>{_MONTH_NAME})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<m2>{_MONTH_NAME})\.?)"
        r"(?:,?\s+(?:de\s+)?(?P<y>\d{4}|'?\d{2}))?\b",
        re.IGNORECASE,
    ),
)
_BIRTH_WORD_RE = re.compile(
    r"\b(?:d\.?o\.?b|born|birth(?:day|date)?|b-?day|nacid[oa]|nacimiento|cumpleaños|fdn)\b\W*$",
    re.IGNORECASE,
)

_DIRECTION = r"(?:[NSEW]|N\.?[EW]|S\.?[EW]|North|South|East|West)\.?"
_SUFFIX_ABBREV = r"(?:st|ave?|rd|blvd|ln|dr|ct|pl|ter|terr|hwy|pkwy|cir|trl|sq)\b\.?"
_SUFFIX_WORD = r"(?:street|avenue|boulevard|highway|parkway)\b"
# Words that are also ordinary nouns ("until court", "down the road") count only Capitalised.
_SUFFIX_PLAIN = r"(?:Road|Drive|Lane|Court|Place|Way|Terrace|Circle|Trail|Square)\b"
_STREET_NAME_WORD = r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'.-]*)"
_ADDRESS_RE = re.compile(
    rf"(?<![\w-])\d{{1,6}}[A-Za-z]?\s+(?:{_DIRECTION}\s+)?"
    rf"(?:(?:{_STREET_NAME_WORD}\s+){{1,3}}(?:(?i:{_SUFFIX_ABBREV})|(?i:{_SUFFIX_WORD}))"
    rf"|(?:(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][A-Za-z'.-]*)\s+){{1,3}}{_SUFFIX_PLAIN})"
    r"|\b(?i:calle|avenida)\s+\d{1,3}\b",
)


def find_personal_data(
    text: str, region: str = "US", *, today: date | None = None
) -> list[Finding]:
    """Every piece of personal data in `text`, in order, without overlaps.

    `region` is the site's country (ISO code) for phone numbers written without a
    country code; `today` decides which dates are old enough to be birth dates.
    """
    if not text:
        return []
    year_now = (today or date.today()).year
    found: list[Finding] = []
    found += _ssns(text)
    found += _cards(text)
    found += [_finding(m, EMAIL) for m in _EMAIL_RE.finditer(text)]
    found += _birth_dates(text, year_now)
    found += _phones(text, region)
    found += [_finding(m, ADDRESS) for m in _ADDRESS_RE.finditer(text)]
    return _without_overlaps(found)


# Each kind as a message names it, for the desk's catalogue.
KIND_NAMES = {
    SSN: N_("a social security number"),
    PHONE: N_("a phone number"),
    EMAIL: N_("an e-mail address"),
    BIRTH_DATE: N_("a date of birth"),
    CARD: N_("a card number"),
    ADDRESS: N_("a street address"),
}


def describe(findings: list[Finding], _: Translate = untranslated) -> str:
    """'a phone number and a social security number': what was found, for a message."""
    kinds = list(dict.fromkeys(f.kind for f in findings))
    named = [
        _(KIND_NAMES[k]) if k in KIND_NAMES else f"an {k}" if k[0] in "aeiou" else f"a {k}"
        for k in kinds
    ]
    if len(named) <= 1:
        return "".join(named)
    return _("{items} and {last}").format(items=", ".join(named[:-1]), last=named[-1])


def _finding(match: re.Match[str], kind: str, group: int = 0) -> Finding:
    return Finding(match.start(group), match.end(group), kind, match.group(group))


def _ssns(text: str) -> list[Finding]:
    found = [_finding(m, SSN) for m in _SSN_RE.finditer(text)]
    found += [_finding(m, SSN, 1) for m in _SSN_WORD_RE.finditer(text)]
    return found


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _cards(text: str) -> list[Finding]:
    found = []
    for match in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn_ok(digits):
            found.append(_finding(match, CARD))
    return found


def _full_year(raw: str, year_now: int) -> int:
    value = int(raw.lstrip("'"))
    if len(raw.lstrip("'")) == 4:
        return value
    century = year_now - year_now % 100
    return century + value if century + value <= year_now else century - 100 + value


def _birth_dates(text: str, year_now: int) -> list[Finding]:
    found = []
    for pattern in _DATE_RES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month_name = parts.get("m") or parts.get("m2")
            first = parts.get("a")
            second = parts.get("b")
            day = parts.get("d") or parts.get("d2")
            if month_name is not None:
                if month_name.lower() not in _MONTHS or not 1 <= int(day or 0) <= 31:
                    continue
            elif first is not None and second is not None:
                a, b = int(first), int(second)
                if not (1 <= a <= 12 and 1 <= b <= 31) and not (1 <= b <= 12 and 1 <= a <= 31):
                    continue
            year = parts.get("y")
            after_birth_word = _BIRTH_WORD_RE.search(
                text[max(0, match.start() - 20) : match.start()]
            )
            old = year is not None and year_now - _full_year(year, year_now) >= BIRTH_YEARS_AGO
            if after_birth_word or old:
                found.append(_finding(match, BIRTH_DATE))
    return found


_LOCAL_NUMBER_RE = re.compile(r"^\(?\d{3}\)?[-. ]\d{4}$")


def _phones(text: str, region: str) -> list[Finding]:
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        raw = match.raw_string
        # A seven-digit local number ("555-1234") is a phone at a desk; other merely
        # "possible" numbers ("12-345-67", "1042 2611-07") are case numbers and counts.
        if phonenumbers.is_valid_number(match.number) or _LOCAL_NUMBER_RE.match(raw):
            found.append(Finding(match.start, match.end, PHONE, raw))
    return found


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (_PRIORITY[f.kind], f.start, -f.end)):
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept)
