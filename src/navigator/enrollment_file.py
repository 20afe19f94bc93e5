"""The enrollment file: what the agency hands a site so its laptop can join the hub.

It holds the hub URL with the site's own role and password, the hub's public
keys (sealing client fields, checking the hub's signatures) and the site's
private signing key, so it is a secret: written 0600, stored 0600.

It sits below every layer because settings read it (a joined laptop's hub URL and keys
come from here), and settings are used by every layer.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from navigator.atomic_file import write_atomic
from navigator.domain.key_text import key_bytes, key_problem
from navigator.domain.names import check_safe_name
from navigator.errors import NavigatorError

ENROLLMENT_FORMAT = "navigator-enrollment"


def _key(what: str) -> AfterValidator:
    def valid(value: str) -> str:
        if key_bytes(value) is None:
            raise ValueError(key_problem(what))
        return value.strip()

    return AfterValidator(valid)


class Enrollment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["navigator-enrollment"] = "navigator-enrollment"
    format_version: Literal[1] = 1
    site_id: Annotated[str, AfterValidator(check_safe_name)]
    hub_url: str
    hub_public_key: Annotated[str, _key("hub public key")]
    hub_verify_key: Annotated[str, _key("hub verify key")]
    site_signing_key: Annotated[str, _key("site signing key")]
    enrolled_at: datetime


def write_enrollment(path: Path, enrollment: Enrollment) -> None:
    write_atomic(path, enrollment.model_dump_json(indent=1).encode("utf-8"), mode=0o600)


def read_enrollment(path: Path) -> Enrollment:
    """The enrollment at `path`, checked whole; NavigatorError naming the file otherwise."""
    try:
        document = json.loads(path.read_bytes())
    except OSError as error:
        raise NavigatorError(
            f"{path}: cannot read the enrollment file ({error.strerror})."
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NavigatorError(f"{path}: not an enrollment file (not JSON).") from None
    if not isinstance(document, dict) or document.get("format") != ENROLLMENT_FORMAT:
        raise NavigatorError(
            f"{path}: not a Navigator enrollment file.",
            hint="The agency makes one with: navigator hub enroll-site NAME --out FILE",
        )
    try:
        return Enrollment.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise NavigatorError(f"{path}: field '{where}': {first['msg']}.") from None
