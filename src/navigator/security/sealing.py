"""Sealing client reference and note to the hub's public key (libsodium sealed boxes).

A short PIN cannot protect a stolen laptop's file against an offline attack,
so the fields that could identify a client are encrypted to a key only the
hub holds: the laptop can still count and list handoffs, but not read them.
"""

from __future__ import annotations

import base64
import binascii
from typing import TypeVar

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from navigator.domain.handoff import Handoff
from navigator.domain.handoff_event import HandoffEvent
from navigator.domain.listing_flag import ListingFlag
from navigator.domain.sealed import SEALED_PREFIX, is_sealed
from navigator.errors import NavigatorError


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


Record = TypeVar("Record", Handoff, HandoffEvent, ListingFlag)

__all__ = ["SEALED_PREFIX", "is_sealed"]


def _sealed(record: Record, names: tuple[str, ...], key_b64: str | None) -> Record:
    if not key_b64:
        return record
    key = public_key(key_b64)
    update = {
        name: seal(value, key)
        for name in names
        if (value := getattr(record, name)) is not None and not is_sealed(value)
    }
    # model_copy skips validation on purpose: a sealed value is not a valid
    # plain client reference, and it must not be checked as one.
    return record.model_copy(update=update) if update else record


def seal_client_fields(handoff: Handoff, key_b64: str | None) -> Handoff:
    """The handoff as stored: note and client reference sealed when the site has a hub key."""
    return _sealed(handoff, ("note", "client_ref"), key_b64)


# Corrections whose value is client data (the others say "kind", "needs"... in plain words).
CLIENT_FIELDS = ("note", "client_ref")


def seal_event_fields(event: HandoffEvent, key_b64: str | None) -> HandoffEvent:
    """The event as stored: its note, and a corrected note or client reference, sealed."""
    names = ("note", "value") if event.field in CLIENT_FIELDS else ("note",)
    return _sealed(event, names, key_b64)


def seal_flag_fields(flag: ListingFlag, key_b64: str | None) -> ListingFlag:
    """The flag as stored: its note sealed (it may mention the client who found the problem)."""
    return _sealed(flag, ("note",), key_b64)
