"""Ed25519 signatures (libsodium through PyNaCl) on every file between laptop and hub.

A site signs its bundles with its own key, made when the agency enrolls it;
the hub signs return files and catalogues with its key. A SHA-256 alone only
catches damage: anyone can recompute it. A signature can only come from the
holder of the private key.
"""

from __future__ import annotations

import base64
import binascii

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from navigator.domain.key_text import key_bytes, key_problem
from navigator.errors import NavigatorError


class SigningError(NavigatorError):
    """A key that is not usable, or a signature that does not verify."""


def _decode(text: str, what: str) -> bytes:
    raw = key_bytes(text)
    if raw is None:
        raise SigningError(key_problem(what))
    return raw


def new_signing_key() -> tuple[str, str]:
    """(verify, signing) keys in base64: the verify key is public, the signing key secret."""
    key = SigningKey.generate()
    encode = base64.b64encode
    return encode(bytes(key.verify_key)).decode(), encode(bytes(key)).decode()


def verify_key_of(signing_key_b64: str) -> str:
    key = SigningKey(_decode(signing_key_b64, "signing key"))
    return base64.b64encode(bytes(key.verify_key)).decode()


def sign(message: bytes, signing_key_b64: str) -> str:
    """The detached signature of `message`, in base64."""
    key = SigningKey(_decode(signing_key_b64, "signing key"))
    return base64.b64encode(key.sign(message).signature).decode()


def verifies(message: bytes, signature_b64: str, verify_key_b64: str) -> bool:
    """Whether `signature_b64` is the holder of `verify_key_b64`'s signature of `message`."""
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        VerifyKey(_decode(verify_key_b64, "verify key")).verify(message, signature)
    except (binascii.Error, ValueError, BadSignatureError):
        return False
    return True
