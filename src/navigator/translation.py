"""The desk's words in other languages: gettext catalogues in navigator/locales (Babel).

Sources are `locales/<lang>/LC_MESSAGES/navigator.po`; the compiled `.mo` beside each is
committed and ships in the wheel (`make locales` recompiles, and a test checks they agree).
An unknown language falls back to English rather than failing a slip at the desk.
"""

from __future__ import annotations

import gettext
import tomllib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO

from navigator.errors import N_ as N_  # one marker for every layer (errors.py says why)

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "navigator"
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
"""Each language by its own name, as a client would recognise it."""


def available_languages() -> tuple[str, ...]:
    """English first, then every language with a compiled catalogue."""
    found = (
        sorted(
            folder.name
            for folder in LOCALES_DIR.iterdir()
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
        if LOCALES_DIR.is_dir()
        else []
    )
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def normalize_language(language: str | None) -> str:
    """'es_US.UTF-8', 'ES', 'es-mx' -> 'es' when a Spanish catalogue ships; else 'en'."""
    code = (language or SOURCE_LANGUAGE).strip().replace("-", "_").split(".")[0].lower()
    for candidate in (code, code.split("_")[0]):
        if candidate in available_languages():
            return candidate
    return SOURCE_LANGUAGE


@lru_cache(maxsize=8)
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue for `language`; English (messages as written) when none ships."""
    return gettext.translation(
        DOMAIN, localedir=LOCALES_DIR, languages=[normalize_language(language)], fallback=True
    )


def gettext_for(language: str | None) -> Callable[[str], str]:
    """A `_` function for one language, to pass where the domain asks for `translate`."""
    return translations(normalize_language(language)).gettext


def next_language(language: str) -> str:
    """The language after `language`, round the shipped ones (the slip screen's key)."""
    shipped = available_languages()
    current = normalize_language(language)
    return shipped[(shipped.index(current) + 1) % len(shipped)]


def language_name(language: str) -> str:
    code = normalize_language(language)
    return LANGUAGE_NAMES.get(code, code)


# The desk's own language: set once when the app starts (the `language` setting), read by
# `_` wherever the screens write their words. Bindings and module constants are declared
# before it is known, so they are marked with `N_` and translated where they are shown.
_desk_language = SOURCE_LANGUAGE


def set_desk_language(language: str | None) -> str:
    """Make `language` the desk's (English when no catalogue ships); returns the one chosen."""
    global _desk_language
    _desk_language = normalize_language(language)
    return _desk_language


def desk_language() -> str:
    return _desk_language


def _(message: str) -> str:
    """`message` in the desk's language (the empty string stays empty, not the .po header)."""
    return translations(_desk_language).gettext(message) if message else message


def extract_need_names(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor (see locales/babel.cfg): each need's `name` in the lexicon's TOML.

    The lexicon is data, not code, but its names are words the desk shows (the need
    filter, the form's needs, the log); the screens translate them with `_`.
    """
    text = fileobj.read().decode("utf-8")
    rows = text.splitlines()
    for need in tomllib.loads(text).get("need", []):
        name = need.get("name")
        if isinstance(name, str) and name:
            line = next((i for i, row in enumerate(rows, 1) if f'"{name}"' in row), 0)
            yield line, "", name, ["need name, from domain/needs.toml"]
