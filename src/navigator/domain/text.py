"""Pure text rules: what untrusted catalogue text may contain, and how words are compared."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from navigator.errors import N_ as N_  # the one marker (errors.py says why)

# C0 and C1 controls, DEL. ESC is among them: an escape sequence in a listing
# would otherwise reach the real terminal. Tab and newline are kept apart below.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


Translate = Callable[[str], str]
"""A gettext `_`: the desk passes its catalogue's; English is `untranslated`."""


def untranslated(message: str) -> str:
    """English: every message as written in the code."""
    return message


def strip_controls(value: str, *, keep_newlines: bool = True) -> str:
    """Remove control characters (and bidi overrides) from untrusted text."""
    cleaned = _CONTROL.sub("", value)
    if not cleaned.isascii():  # ASCII has no format characters: skip the per-letter scan
        # Bidi overrides can make a listing display as something else.
        cleaned = "".join(
            ch for ch in cleaned if unicodedata.category(ch) != "Cf" or ch == "\u200d"
        )
    if not keep_newlines:
        cleaned = cleaned.replace("\t", " ").replace("\n", " ")
    return cleaned


def fold(value: str) -> str:
    """Lower-case and drop accents so 'Médico' and 'medico' compare equal."""
    if value.isascii():  # nothing to decompose: the common case, and 20x faster
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(value: str) -> list[str]:
    """Folded words of a text, apostrophes kept inside words ("haven't")."""
    return _WORD.findall(fold(value))
