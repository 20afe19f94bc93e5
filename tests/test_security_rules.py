"""Pure rules behind sign-in and sealing, checked over many generated inputs."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.sign_in_throttle import (
    LOCKOUT_AFTER,
    AttemptState,
    after_failure,
    wait_before_next,
)
from navigator.domain.volunteer import check_name, check_pin
from navigator.security.sealing import is_sealed, new_key_pair, open_sealed, public_key, seal

MARKUP_OR_CONTROL = set("[]\x1b\x00\x07\n\t\r\x7f\x9b@=/")


@given(st.text(max_size=60))
def test_an_accepted_name_carries_no_markup_or_control_characters(name: str) -> None:
    try:
        cleaned = check_name(name)
    except ValueError:
        return
    assert not MARKUP_OR_CONTROL & set(cleaned)
    assert 0 < len(cleaned) <= 40


@given(st.text(alphabet=string.digits + "a -٣", max_size=16))
def test_a_pin_is_accepted_exactly_when_it_is_4_to_12_ascii_digits(pin: str) -> None:
    valid = pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12
    if valid:
        assert check_pin(pin) == pin
    else:
        with pytest.raises(ValueError, match="4 to 12 digits"):
            check_pin(pin)


@given(st.integers(min_value=0, max_value=30))
def test_waits_never_shrink_as_wrong_pins_add_up(failures: int) -> None:
    assert wait_before_next(failures + 1) >= wait_before_next(failures)


def test_the_account_locks_on_the_lockout_failure_and_not_before() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    state = AttemptState()
    for _ in range(LOCKOUT_AFTER - 1):
        state = after_failure(state, now)
        assert state.locked_until is None
    assert after_failure(state, now).locked_until is not None


KEYS = new_key_pair()


@settings(max_examples=50)
@given(st.text(max_size=500))
def test_any_note_sealed_to_the_hub_opens_back_exactly(note: str) -> None:
    public, private = KEYS
    sealed = seal(note, public_key(public))
    assert is_sealed(sealed)
    assert open_sealed(sealed, private) == note
