"""Sealing client reference and note to the hub's public key (libsodium sealed boxes).

A short PIN cannot protect a stolen laptop's file against an offline attack,
so the fields that could identify a client are encrypted to a key only the
hub holds: the laptop can still count and list handoffs, but not read them.
"""

from __future__ import annotations

import base64
import binascii

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from navigator.domain.handoff import Handoff
from navigator.errors import NavigatorError

SEALED_PREFIX = "sealed:v1:"


class SealingError(NavigatorError):
    """A hub key that is not usable, or a sealed field that cannot be opened."""


def _decode_key(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != PublicKey.SIZE:
        raise SealingError(
            f"The {what} is not a 32-byte key in base64.",
            hint="Copy the key exactly as the hub printed it.",
        )
    return raw


def public_key(text: str) -> PublicKey:
    return PublicKey(_decode_key(text, "hub public key (hub_public_key)"))


def new_key_pair() -> tuple[str, str]:
    """(public, private) keys in base64: the public one for laptops, the private kept at the hub."""
    private = PrivateKey.generate()
    encode = base64.b64encode
    return encode(bytes(private.public_key)).decode(), encode(bytes(private)).decode()


def is_sealed(value: str | None) -> bool:
    return value is not None and value.startswith(SEALED_PREFIX)


def seal(value: str, key: PublicKey) -> str:
    sealed = SealedBox(key).encrypt(value.encode("utf-8"))
    return SEALED_PREFIX + base64.b64encode(sealed).decode("ascii")


def open_sealed(value: str, private_key_b64: str) -> str:
    """The hub's side: read a sealed field back with the private key."""
    if not is_sealed(value):
        return value
    key = PrivateKey(_decode_key(private_key_b64, "hub private key"))
    try:
        data = base64.b64decode(value.removeprefix(SEALED_PREFIX), validate=True)
        return SealedBox(key).decrypt(data).decode("utf-8")
    except (CryptoError, binascii.Error, ValueError) as exc:
        raise SealingError("A sealed field cannot be opened with this private key.") from exc


def seal_client_fields(handoff: Handoff, key_b64: str | None) -> Handoff:
    """The handoff as stored: note and client reference sealed when the site has a hub key."""
    if not key_b64:
        return handoff
    key = public_key(key_b64)
    update = {
        name: seal(value, key)
        for name in ("note", "client_ref")
        if (value := getattr(handoff, name)) is not None
    }
    # model_copy skips validation on purpose: a sealed value is not a valid
    # plain client reference, and it must not be checked as one.
    return handoff.model_copy(update=update) if update else handoff
