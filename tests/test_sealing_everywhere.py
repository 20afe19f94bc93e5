"""With a hub key, every client field is sealed wherever it travels (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from conftest import fixed_clock
from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.desk.export_log import export_day
from navigator.desk.flag_listing import flag_listing
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.desk.sync_bundle import write_bundle
from navigator.desk.todays_log import day_log
from navigator.security.sealing import is_sealed, new_key_pair, open_sealed
from navigator.security.signing import new_signing_key
from navigator.store.event_store import events_for
from navigator.sync.bundle import read_bundle
from navigator.sync.records import kind_of

# Each distinctive enough to find in raw bytes; none is personal data by the guard's rules.
HANDOFF_NOTE = "ramp needed at the side door"
CORRECTED_NOTE = "prefers mornings after nine"
CORRECTION_WHY = "typed in the wrong box earlier"
FOLLOW_UP_NOTE = "went with her sister on tuesday"
FLAG_NOTE = "client says the pantry turned her away"
CORRECTED_REF = "QZ-98765"
PLAIN = [HANDOFF_NOTE, CORRECTED_NOTE, CORRECTION_WHY, FOLLOW_UP_NOTE, FLAG_NOTE, CORRECTED_REF]


@pytest.fixture
def keys() -> tuple[str, str]:
    return new_key_pair()


@pytest.fixture
def sealed_desk(db_path: Path, settings: Settings, keys: tuple[str, str]) -> Iterator[Desk]:
    # A joined laptop: the hub's sealing key, and its own key to sign bundles with.
    signing_key = new_signing_key()[1]
    joined = settings.model_copy(
        update={"hub_public_key": keys[0], "site_signing_key": SecretStr(signing_key)}
    )
    desk = open_desk(db_path, settings=joined, clock=fixed_clock)
    yield desk
    desk.close()


def _record_everything(desk: Desk) -> None:
    service = search_services(desk, "food")[0].listing.id
    handoff = record_handoff(
        desk,
        make_draft(desk, kind="info", needs=("food",), service_id=service, note=HANDOFF_NOTE,
                   client_ref="AB-1043"),
    )  # fmt: skip
    hid = str(handoff.id)
    record_event(desk, hid, kind="correction", field="note", value=CORRECTED_NOTE,
                 note=CORRECTION_WHY)  # fmt: skip
    record_event(desk, hid, kind="correction", field="client_ref", value=CORRECTED_REF)
    record_event(desk, hid, kind="follow_up", outcome="reached", note=FOLLOW_UP_NOTE)
    flag_listing(desk, service, "other", FLAG_NOTE)


def _files_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_no_client_text_is_readable_anywhere_on_the_laptop(
    sealed_desk: Desk, db_path: Path, tmp_path: Path, keys: tuple[str, str]
) -> None:
    # Given a site with a hub key, where a volunteer records a handoff, corrects it,
    # records a follow-up and flags a listing, each with a note
    _record_everything(sealed_desk)
    # When the day is exported and a bundle written for the hub
    export_day(sealed_desk, sealed_desk.today(), tmp_path / "export", "jsonl")
    export_day(sealed_desk, sealed_desk.today(), tmp_path / "export", "csv")
    bundle = write_bundle(sealed_desk, tmp_path / "usb")
    # Then none of the client text is in the database, its WAL, the exports or the bundle
    raw = _files_under(db_path.parent) + _files_under(tmp_path / "export")
    raw += _files_under(tmp_path / "usb")
    for text in PLAIN:
        assert text.encode() not in raw, text
    # And the hub opens every sealed field from the bundle
    assert bundle.path is not None
    opened = set()
    for envelope in read_bundle(bundle.path).records:
        record = kind_of(envelope.record_type).check(envelope)
        for name in ("note", "value", "client_ref"):
            value = getattr(record, name, None)
            if value is not None and (name != "value" or record.field in ("note", "client_ref")):
                assert is_sealed(value), (envelope.record_type, name)
                opened.add(open_sealed(value, keys[1]))
    assert set(PLAIN) <= opened


def test_the_laptop_still_reads_its_sealed_events(sealed_desk: Desk) -> None:
    _record_everything(sealed_desk)
    (entry,) = day_log(sealed_desk)
    with sealed_desk.session() as session:
        handoff_events = events_for(session, entry.handoff.id)
    assert [e.kind.value for e in handoff_events] == ["correction", "correction", "follow_up"]
    assert all(is_sealed(e.note) for e in handoff_events if e.note)
