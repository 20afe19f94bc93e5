"""PIN hashing with argon2id at OWASP's recommended parameters (about 30 ms a check)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 passes,
# 1 lane. Memory-hard, so a stolen laptop's hashes are slow to guess on a GPU.
OWASP_MEMORY_KIB = 19 * 1024
OWASP_TIME_COST = 2
OWASP_PARALLELISM = 1


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=OWASP_TIME_COST,
        memory_cost=OWASP_MEMORY_KIB,
        parallelism=OWASP_PARALLELISM,
        type=Type.ID,
    )


def hash_pin(pin: str) -> str:
    return hasher().hash(pin)


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    """True when `pin` is the PIN behind `pin_hash`; a missing or damaged hash never matches."""
    if not pin_hash:
        # Spend the same time as a real check, so a wrong name is not told apart by timing.
        hasher().hash(pin)
        return False
    try:
        return hasher().verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(pin_hash: str) -> bool:
    """A hash made with older parameters is renewed at the next good sign-in."""
    return hasher().check_needs_rehash(pin_hash)
