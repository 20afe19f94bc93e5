"""What a key looks like in a settings or enrollment file: 32 bytes in base64.

Checked without any cryptography library, so settings can refuse a damaged key before
anything tries to use it; signing and sealing use the bytes.
"""

from __future__ import annotations

import base64
import binascii

KEY_BYTES = 32


def key_bytes(text: str) -> bytes | None:
    """The key's bytes when `text` is a 32-byte key in base64, otherwise None."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == KEY_BYTES else None


def key_problem(what: str) -> str:
    return f"The {what} is not a {KEY_BYTES}-byte key in base64."
