"""The hub's private keys and the agency's own URL, kept in one 0600 file by the agency.

`hub keygen` (or `hub init`, when the file is missing) makes the keys: a
Curve25519 pair that client fields are sealed to, and an Ed25519 pair that
signs return files and catalogues. Only the public halves go into the hub
database, for enrollment files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from navigator.atomic_file import write_atomic
from navigator.errors import NavigatorError
from navigator.locations import ensure_private_dir, hub_keys_file
from navigator.security.sealing import new_key_pair
from navigator.security.signing import new_signing_key, verify_key_of


class HubKeys(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["navigator-hub-keys"] = "navigator-hub-keys"
    sealing_public_key: str
    sealing_private_key: str
    verify_key: str
    signing_key: str
    # The agency role's URL with its password, written by `hub init`.
    agency_url: str | None = None

    def check(self) -> HubKeys:
        if verify_key_of(self.signing_key) != self.verify_key:
            raise NavigatorError("The hub key file's signing and verify keys do not match.")
        return self


def keys_path(path: Path | None) -> Path:
    return path or hub_keys_file()


def generate_keys(path: Path | None = None) -> tuple[Path, HubKeys]:
    """Make new hub keys in a new file; an existing key file is never replaced."""
    target = keys_path(path)
    if target.exists():
        raise NavigatorError(
            f"{target}: a hub key file is already there; it was left as it is.",
            hint="Enrolled sites trust those keys. Give another --keys FILE for a new hub.",
        )
    sealing_public, sealing_private = new_key_pair()
    verify, signing = new_signing_key()
    keys = HubKeys(
        sealing_public_key=sealing_public,
        sealing_private_key=sealing_private,
        verify_key=verify,
        signing_key=signing,
    )
    save_keys(target, keys)
    return target, keys


def save_keys(path: Path, keys: HubKeys) -> None:
    ensure_private_dir(path.parent)
    write_atomic(path, keys.model_dump_json(indent=1).encode("utf-8"), mode=0o600)


def load_keys(path: Path | None = None) -> HubKeys:
    target = keys_path(path)
    try:
        document = json.loads(target.read_bytes())
    except FileNotFoundError:
        raise NavigatorError(
            f"{target}: no hub key file.",
            hint="Make the hub's keys with: navigator hub keygen (or navigator hub init), "
            "or give --keys FILE.",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NavigatorError(f"{target}: not a readable hub key file ({error}).") from None
    try:
        return HubKeys.model_validate(document).check()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise NavigatorError(f"{target}: field '{where}': {first['msg']}.") from None
