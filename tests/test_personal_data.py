"""The personal-data guard: what a volunteer might type about a client, and what it catches."""

from __future__ import annotations

import itertools
from datetime import date

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from navigator.domain.personal_data import (
    ADDRESS,
    BIRTH_DATE,
    CARD,
    EMAIL,
    PHONE,
    SSN,
    describe,
    find_personal_data,
)

TODAY = date(2026, 11, 30)


def kinds(text: str, region: str = "US") -> list[str]:
    return [f.kind for f in find_personal_data(text, region, today=TODAY)]


def test_the_note_from_the_issue_names_address_ssn_and_birth_date() -> None:
    text = "Maria Lopez, 12 Oak St, SSN 123-45-6789, dob 3/4/85"
    findings = find_personal_data(text, today=TODAY)
    assert [(f.kind, f.text) for f in findings] == [
        (ADDRESS, "12 Oak St"),
        (SSN, "123-45-6789"),
        (BIRTH_DATE, "3/4/85"),
    ]
    assert describe(findings) == ("a street address, a social security number and a date of birth")


@pytest.mark.parametrize(
    "note",
    [
        "family of five, no beds",
        "needs 2 bus passes for 3 kids",
        "3 days until court",
        "walked 3 miles down the road",
        "follow up 12/5, call back after 2pm",
        "appointment on 2026-12-03 at 10",
        "20 people, 1000 meals a week",
        "client 5 kids ages 3, 5, 7",
        "AB-1042",
        "ticket A-1042, file 2611-07",
        "shelter full until Dec 4",
    ],
)
def test_ordinary_desk_notes_pass(note: str) -> None:
    assert kinds(note) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("call her at 305-555-1234", PHONE),
        ("cell (786) 555-0142", PHONE),
        ("3055551234", PHONE),
        ("her number is 555-1234", PHONE),
        ("+44 20 7946 0958 (UK relative)", PHONE),
        ("ssn 123456789", SSN),
        ("SS# 123 45 6789", SSN),
        ("maria.lopez@example.com", EMAIL),
        ("pays with 4111 1111 1111 1111", CARD),
        ("card 5500-0000-0000-0004", CARD),
        ("born March 4, 1985", BIRTH_DATE),
        ("DOB: 1985-03-04", BIRTH_DATE),
        ("fecha de nacimiento 4 de marzo de 1985", BIRTH_DATE),
        ("04/03/1979", BIRTH_DATE),
        ("lives at 1250 NW 7th St, apt 3", ADDRESS),
        ("12 Oak Court", ADDRESS),
        ("1600 pennsylvania avenue", ADDRESS),
    ],
)
def test_personal_data_is_named(text: str, kind: str) -> None:
    assert kinds(text) == [kind]


def test_the_phone_region_comes_from_the_site() -> None:
    # A London number written without +44 is a phone in the UK, not in the US.
    assert kinds("ring 020 7946 0958", region="GB") == [PHONE]
    assert kinds("ring 020 7946 0958", region="US") == []


# --- properties -----------------------------------------------------------------------

SAFE_WORDS = st.sampled_from(
    [
        "family",
        "of",
        "five",
        "no",
        "beds",
        "needs",
        "food",
        "housing",
        "bus",
        "pass",
        "shelter",
        "tomorrow",
        "kids",
        "warm",
        "handoff",
        "called",
        "left",
        "message",
        "spanish",
        "speaker",
        "wheelchair",
        "diapers",
        "rent",
    ]
)
SAFE_TEXT = st.lists(SAFE_WORDS, max_size=12).map(" ".join)


@given(st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=200))
def test_text_without_digits_or_at_signs_holds_nothing(text: str) -> None:
    assert "@" in text or kinds(text) == []


@given(st.text(max_size=300))
def test_each_finding_points_at_its_text_and_none_overlap(text: str) -> None:
    findings = find_personal_data(text, today=TODAY)
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.kind in {SSN, PHONE, EMAIL, BIRTH_DATE, CARD, ADDRESS}
    for first, second in itertools.pairwise(findings):
        assert first.end <= second.start


@st.composite
def ssns(draw: st.DrawFn) -> str:
    area = draw(st.integers(1, 899).filter(lambda n: n != 666))
    group = draw(st.integers(1, 99))
    serial = draw(st.integers(1, 9999))
    sep = draw(st.sampled_from(["-", " "]))
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


@given(SAFE_TEXT, ssns(), SAFE_TEXT)
def test_an_ssn_anywhere_is_found(before: str, ssn: str, after: str) -> None:
    text = f"{before} {ssn} {after}"
    assert (SSN, ssn) in [(f.kind, f.text) for f in find_personal_data(text, today=TODAY)]


@st.composite
def us_phones(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["305", "786", "212", "415", "617"]))
    exchange = draw(st.integers(200, 999))
    line = draw(st.integers(0, 9999))
    number = phonenumbers.parse(f"{area}{exchange}{line:04d}", "US")
    style = draw(
        st.sampled_from(
            [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.E164]
        )
    )
    return phonenumbers.format_number(number, style)


@settings(max_examples=50)
@given(SAFE_TEXT, us_phones(), SAFE_TEXT)
def test_a_phone_number_anywhere_is_found(before: str, phone: str, after: str) -> None:
    number = phonenumbers.parse(phone, "US")
    if not phonenumbers.is_valid_number(number):
        return  # an exchange the plan does not use is no phone number
    found = find_personal_data(f"{before} {phone} {after}", today=TODAY)
    assert (PHONE, phone) in [(f.kind, f.text) for f in found]


@given(
    st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True),
    st.from_regex(r"[a-z]{2,10}\.(com|org|net|us)", fullmatch=True),
)
def test_an_email_address_is_found(user: str, domain: str) -> None:
    address = f"{user}@{domain}"
    assert EMAIL in kinds(f"write to {address} please")


def luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return body + str((10 - total % 10) % 10)


@given(st.from_regex(r"[3-6][0-9]{14}", fullmatch=True))
def test_card_numbers_pass_the_luhn_check_and_only_they(body: str) -> None:
    card = luhn_complete(body)
    if len(set(card)) == 1:
        return
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert CARD in kinds(f"paid with {grouped}")
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert CARD not in kinds(f"paid with {wrong}")


@given(
    st.dates(min_value=date(1920, 1, 1), max_value=date(2016, 11, 30)),
    st.sampled_from(["{m}/{d}/{y}", "{y}-{m:02d}-{d:02d}", "{m}/{d}/{yy:02d}"]),
)
def test_an_old_date_is_a_birth_date(born: date, style: str) -> None:
    # "1/1/26" is this year, not 1926: a two-digit year means the last hundred years.
    assume("yy" not in style or born.year > TODAY.year - 100)
    text = style.format(m=born.month, d=born.day, y=born.year, yy=born.year % 100)
    assert BIRTH_DATE in kinds(f"client {text} needs food")


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_a_recent_date_is_not_a_birth_date_unless_called_one(when: date) -> None:
    text = f"{when.month}/{when.day}/{when.year}"
    assert BIRTH_DATE not in kinds(f"follow up {text}")
    assert BIRTH_DATE in kinds(f"dob {text}")
