"""Client references follow the site's pattern, and every refusal speaks a volunteer's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import fixed_clock
from navigator.config import Settings, load_settings
from navigator.desk.context import Desk, open_desk
from navigator.desk.flag_listing import flag_listing
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.volunteers import add_volunteer
from navigator.errors import InvalidFlag, InvalidHandoff, InvalidVolunteer, NavigatorError

INTERNAL_NAMES = (
    "client_ref",
    "consent_to_share",
    "follow_up",
    "service_id",
    "service_name",
    "volunteer_id",
    "Value error",
)


def _service(desk: Desk) -> str:
    return desk.index.entries[0].listing.id


@pytest.mark.parametrize("ref", ["305-555-1234", "Maria1", "Lopez-1985", "Maria Lopez", "A-7"])
def test_a_reference_outside_the_site_pattern_is_refused_in_plain_words(
    desk: Desk, ref: str
) -> None:
    with pytest.raises(InvalidHandoff) as refused:
        make_draft(desk, kind="unmet", needs=("housing",), client_ref=ref)
    assert str(refused.value).startswith("Client reference: use a code such as AB-1042")
    assert not any(name in str(refused.value) for name in INTERNAL_NAMES)


@pytest.mark.parametrize("ref", ["AB-1043", "A-10", "abc-123456", " AB-1042 "])
def test_a_reference_in_the_site_pattern_is_kept(desk: Desk, ref: str) -> None:
    saved = record_handoff(desk, make_draft(desk, kind="unmet", needs=("housing",), client_ref=ref))
    assert saved.client_ref == ref.strip()


def test_a_site_sets_its_own_pattern(db_path: Path, settings: Settings) -> None:
    # Given a site whose tickets look like 2611-07
    site = settings.model_copy(update={"client_ref_pattern": r"[0-9]{4}-[0-9]{2}"})
    desk = open_desk(db_path, settings=site, clock=fixed_clock)
    try:
        saved = record_handoff(
            desk, make_draft(desk, kind="unmet", needs=("food",), client_ref="2611-07")
        )
        assert saved.client_ref == "2611-07"
        with pytest.raises(InvalidHandoff, match="this site's form"):
            make_draft(desk, kind="unmet", needs=("food",), client_ref="AB-1042")
        # and a correction of the reference follows the same pattern
        with pytest.raises(InvalidHandoff, match="this site's form"):
            record_event(desk, str(saved.id), kind="correction", field="client_ref", value="Maria1")
        fixed = record_event(
            desk, str(saved.id), kind="correction", field="client_ref", value="2611-08"
        )
        assert fixed.value == "2611-08"
    finally:
        desk.close()


def test_a_pattern_that_is_no_regular_expression_is_a_settings_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NAVIGATOR_CLIENT_REF_PATTERN", "[A-Z")
    with pytest.raises(NavigatorError, match=r"client_ref_pattern.*not a regular expression"):
        load_settings()


def test_refusals_name_fields_by_their_labels(desk: Desk) -> None:
    # Given everything a volunteer can get wrong on the handoff, flag and volunteer forms
    refusals: list[str] = []
    attempts = [
        lambda: make_draft(desk, kind="unmet", needs=("food",), note="x" * 501),
        lambda: make_draft(desk, kind="unmet", needs=("food",), follow_up="next tuesday"),
        lambda: make_draft(desk, kind="telepathy", needs=("food",)),
        lambda: make_draft(desk, kind="unmet", needs=("food",), client_ref="Maria1"),
        lambda: flag_listing(desk, _service(desk), "haunted"),
        lambda: flag_listing(desk, _service(desk), "other", "x" * 301),
        lambda: add_volunteer(desk, "Sam", "captain", "1357"),
    ]
    for attempt in attempts:
        with pytest.raises((InvalidHandoff, InvalidFlag, InvalidVolunteer)) as refused:
            attempt()
        refusals.append(str(refused.value))
    # Then each names its field as the form does, and none shows an internal name
    assert [message.split(":")[0] for message in refusals] == [
        "Note",
        "Follow-up date",
        "Kind of handoff",
        "Client reference",
        "What is wrong",
        "Note",
        "Role",
    ]
    for message in refusals:
        assert not any(name in message for name in INTERNAL_NAMES), message
