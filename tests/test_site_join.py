"""A laptop joins its site: the enrollment is kept 0600 and fixes the site id; secrets hidden."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from psycopg import errors as pg_errors
from sqlalchemy import exc as sa_exc

from navigator.cli import main
from navigator.config import Settings, load_settings
from navigator.enrollment_file import Enrollment, write_enrollment
from navigator.errors import HubError, NavigatorError
from navigator.hub.keys import load_keys
from navigator.locations import enrollment_file
from navigator.security.sealing import new_key_pair
from navigator.security.signing import new_signing_key
from navigator.sync.hub import HubTimeouts, hub_engine, hub_errors, mask_secrets


def _enrollment(tmp_path: Path, site_id: str = "north") -> Path:
    path = tmp_path / "north.enrollment.json"
    write_enrollment(
        path,
        Enrollment(
            site_id=site_id,
            hub_url="postgresql://hub_site_north:s3cret-pw@hub.example.org/hub",
            hub_public_key=new_key_pair()[0],
            hub_verify_key=new_signing_key()[0],
            site_signing_key=new_signing_key()[1],
            enrolled_at=datetime.now(UTC),
        ),
    )
    return path


def test_joining_keeps_the_enrollment_private_and_fixes_the_site_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the agency's enrollment file for site "north"
    given = _enrollment(tmp_path)
    # When the site lead joins, with another site id in the environment
    result = CliRunner().invoke(main, ["site", "join", str(given)])
    monkeypatch.setenv("NAVIGATOR_SITE_ID", "south")
    settings = load_settings()
    # Then the laptop is site north at that hub, its copy is 0600, and no password is printed
    assert result.exit_code == 0, result.stderr
    assert "s3cret-pw" not in result.stdout
    assert "Joined as site north" in result.stdout
    assert settings.site_id == "north"
    assert settings.hub_url is not None
    assert settings.hub_url.endswith("@hub.example.org/hub")
    assert settings.hub_verify_key is not None
    assert settings.site_signing_key is not None
    assert stat.S_IMODE(enrollment_file().stat().st_mode) == 0o600


def test_a_damaged_or_foreign_enrollment_file_is_refused_and_nothing_is_kept(
    tmp_path: Path,
) -> None:
    path = _enrollment(tmp_path)
    document = json.loads(path.read_text())
    document["site_id"] = "../../etc"
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(main, ["site", "join", str(path)])
    assert result.exit_code == 1
    assert "site_id" in result.stderr
    foreign = tmp_path / "other.json"
    foreign.write_text('{"hello": 1}')
    result = CliRunner().invoke(main, ["site", "join", str(foreign)])
    assert result.exit_code == 1
    assert "not a Navigator enrollment file" in result.stderr
    assert not enrollment_file().exists()


def test_a_site_id_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError, match="letters, digits"):
        Settings(site_id="x/../../../../tmp/TRAVERSAL")


def test_passwords_are_masked_in_every_hub_message() -> None:
    assert mask_secrets("postgresql://u:pw1@h/db?password=pw2&x=1") == (
        "postgresql://u:***@h/db?password=***&x=1"
    )
    assert "pw3" not in mask_secrets("host=h password='pw3' dbname=d")
    # A hub that cannot be reached: the message names it, never the password
    url = "postgresql://navigator:pw4@127.0.0.1:1/hub?password=pw5"
    engine = hub_engine(url, HubTimeouts(connect_s=2))
    with pytest.raises(HubError) as refused, hub_errors(engine), engine.connect():
        pass
    assert "Cannot reach the hub" in str(refused.value)
    assert "pw4" not in str(refused.value)
    assert "pw5" not in str(refused.value)
    with pytest.raises(HubError) as bad:
        hub_engine("postgresql://u:pw6@h:notaport/db")
    assert "pw6" not in str(bad.value)


def test_a_full_hub_disk_is_called_a_full_disk() -> None:
    engine = hub_engine("postgresql://u@127.0.0.1:1/hub")
    full = pg_errors.DiskFull("could not extend file: No space left on device")
    with pytest.raises(HubError, match="full disk"), hub_errors(engine):
        raise sa_exc.OperationalError("INSERT", {}, full)


def test_hub_keygen_makes_a_private_key_file_once(tmp_path: Path) -> None:
    keys = tmp_path / "hub-keys.json"
    first = CliRunner().invoke(main, ["hub", "keygen", "--keys", str(keys)])
    assert first.exit_code == 0, first.stderr
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    before = keys.read_bytes()
    again = CliRunner().invoke(main, ["hub", "keygen", "--keys", str(keys)])
    assert again.exit_code == 1
    assert "already there" in again.stderr
    assert keys.read_bytes() == before
    with pytest.raises(NavigatorError, match="no hub key file"):
        load_keys(tmp_path / "missing.json")


def test_a_hub_that_accepts_the_connection_but_never_answers_times_out_with_a_message() -> None:
    import socket

    # Given something listening on the hub's port that never speaks PostgreSQL
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        engine = hub_engine(f"postgresql://u:pw@127.0.0.1:{port}/hub", HubTimeouts(connect_s=1))
        # When a session opens, then it gives up after the connect timeout and says so
        expected = r"no answer within 1 s \(connect timeout\)"
        with pytest.raises(HubError, match=expected), hub_errors(engine), engine.connect():
            pass
        engine.dispose()


def test_a_laptop_with_unsent_records_of_another_site_cannot_join(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    # Given records made before joining, under the laptop's own generated site id
    made = CliRunner().invoke(
        main, ["handoff", "record", "--kind", "unmet", "--need", "food", "--db", db]
    )
    assert made.exit_code == 0, made.stderr
    # When the lead joins as site north, then it is refused and nothing is kept
    result = CliRunner().invoke(main, ["site", "join", str(_enrollment(tmp_path)), "--db", db])
    assert result.exit_code == 1
    assert "unsent records of site site-" in result.stderr
    assert not enrollment_file().exists()
