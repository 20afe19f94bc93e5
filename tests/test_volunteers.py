"""Volunteers sign in with a PIN; wrong PINs slow down, then lock; only leads manage people."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from conftest import FIXED_NOW
from navigator.desk.context import OPEN_DESK_VOLUNTEER, Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.volunteers import (
    add_volunteer,
    list_volunteers,
    open_desk_mode,
    remove_volunteer,
    sign_in,
)
from navigator.domain.sign_in_throttle import FREE_ATTEMPTS, LOCKOUT, LOCKOUT_AFTER
from navigator.domain.volunteer import Role
from navigator.errors import AccountLocked, InvalidVolunteer, NotAllowed, SignInRefused
from navigator.security.pins import OWASP_MEMORY_KIB, OWASP_TIME_COST
from navigator.store.schema import VolunteerRow


@pytest.fixture
def desk(empty_desk: Desk) -> Desk:
    """No catalogue needed: these stories are about people, not services."""
    return empty_desk


class MovableClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_a_fresh_desk_is_open_until_the_first_lead_is_added(desk: Desk) -> None:
    assert open_desk_mode(desk)
    with pytest.raises(InvalidVolunteer, match="first volunteer must be a lead"):
        add_volunteer(desk, "Ana", Role.VOLUNTEER, "2468")
    lead = add_volunteer(desk, "Rosa Diaz", Role.LEAD, "135790")
    assert not open_desk_mode(desk)
    assert list_volunteers(desk) == [lead]


def test_pin_is_stored_as_argon2id_at_owasp_parameters(desk: Desk) -> None:
    add_volunteer(desk, "Rosa", "lead", "135790")
    with desk.session() as session:
        stored = session.scalars(select(VolunteerRow.pin_hash)).one()
    assert stored is not None
    assert "135790" not in stored
    assert stored.startswith(f"$argon2id$v=19$m={OWASP_MEMORY_KIB},t={OWASP_TIME_COST},p=1$")


@pytest.mark.parametrize("pin", ["123", "12a4", "1234567890123", "", "١٢٣٤"])
def test_a_pin_must_be_4_to_12_digits(desk: Desk, pin: str) -> None:
    with pytest.raises(InvalidVolunteer, match="4 to 12 digits"):
        add_volunteer(desk, "Rosa", "lead", pin)


@pytest.mark.parametrize("name", ["[bold]x", "Ana\x1b[2J", "", "a" * 41, "@click"])
def test_a_name_cannot_carry_markup_or_controls(desk: Desk, name: str) -> None:
    with pytest.raises(InvalidVolunteer, match="volunteer name"):
        add_volunteer(desk, name, "lead", "1357")


def test_records_carry_the_signed_in_volunteer(desk: Desk) -> None:
    lead = add_volunteer(desk, "Rosa", "lead", "135790")
    assert desk.volunteer_id == OPEN_DESK_VOLUNTEER
    signed = sign_in(desk, "rosa", "135790")  # names match without case
    assert signed == lead
    saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("housing",)))
    assert saved.volunteer_id == lead.id


def test_only_a_lead_adds_and_removes_volunteers(desk: Desk) -> None:
    lead = add_volunteer(desk, "Rosa", "lead", "135790")
    helper = add_volunteer(desk, "Sam", "volunteer", "2468", acting=lead)
    with pytest.raises(NotAllowed, match="site lead"):
        add_volunteer(desk, "Kim", "volunteer", "1111", acting=helper)
    with pytest.raises(NotAllowed):
        remove_volunteer(desk, "Rosa", acting=None)
    with pytest.raises(InvalidVolunteer, match="last lead"):
        remove_volunteer(desk, "Rosa", acting=lead)
    assert remove_volunteer(desk, "Sam", acting=lead) == helper
    with pytest.raises(SignInRefused):
        sign_in(desk, "Sam", "2468")
    # The name is free again for someone new.
    add_volunteer(desk, "Sam", "volunteer", "9999", acting=lead)


def test_a_name_is_taken_once(desk: Desk) -> None:
    lead = add_volunteer(desk, "José", "lead", "135790")
    with pytest.raises(InvalidVolunteer, match="already exists"):
        add_volunteer(desk, "jose", "volunteer", "2468", acting=lead)


def test_wrong_pins_slow_down_then_lock_the_account(desk: Desk) -> None:
    clock = MovableClock(FIXED_NOW)
    desk.clock = clock
    add_volunteer(desk, "Rosa", "lead", "135790")

    # Given a few typos: refused without any wait.
    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(SignInRefused, match="do not match"):
            sign_in(desk, "Rosa", "000000")
    with pytest.raises(SignInRefused, match="do not match"):
        sign_in(desk, "Rosa", "000001")
    # Then even the right PIN must wait.
    with pytest.raises(SignInRefused, match=r"wait \d+ seconds"):
        sign_in(desk, "Rosa", "135790")
    # Keep guessing, waiting each time, until the account locks.
    failures = FREE_ATTEMPTS
    while failures < LOCKOUT_AFTER:
        clock.now += timedelta(minutes=1)
        with pytest.raises(SignInRefused):
            sign_in(desk, "Rosa", "999999")
        failures += 1
    clock.now += timedelta(minutes=1)
    with pytest.raises(AccountLocked, match="locked for"):
        sign_in(desk, "Rosa", "135790")
    # After the lockout, the right PIN works and the counter starts over.
    clock.now += LOCKOUT
    assert sign_in(desk, "Rosa", "135790").name == "Rosa"
    with pytest.raises(SignInRefused, match="do not match"):
        sign_in(desk, "Rosa", "000000")


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_pin(desk: Desk) -> None:
    add_volunteer(desk, "Rosa", "lead", "135790")
    with pytest.raises(SignInRefused, match="do not match") as unknown:
        sign_in(desk, "Nobody", "135790")
    with pytest.raises(SignInRefused, match="do not match") as wrong:
        sign_in(desk, "Rosa", "111111")
    assert unknown.value.message == wrong.value.message
