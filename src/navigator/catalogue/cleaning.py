"""Repairs every importer applies to untrusted directory text."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import ftfy

from navigator.domain.text import strip_controls

# Some 211 exports went UTF-8 -> cp437 -> ASCII, so "’" arrives as "GÇÖ": the
# "Γ" lost to "G". Restoring it lets ftfy undo the cp437 step it recognises.
_LOSSY_CP437 = re.compile(r"[GΓ]Ç[\u0080-\u00ff\u2000-\u25ff]")
_MARKER = re.compile(r"#{3}[A-Z]{2,10}#{3}")  # "###MON###", "###COL###": export artefacts
SETTLE_STEPS = 4  # ftfy settles in one or two; a bound all the same
_LITERAL_NEWLINE = re.compile(r"\\r\\n|\\n|\\r")
_SPACES_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_ACRONYM_WORDS = (
    "aids hiv ymca ywca usa us lgbt lgbtq lgbtqi snap wic hud va ged esol ii iii iv fl llc "
    "dcf ssi ssdi tanf ems"
)
_ACRONYMS = frozenset(_ACRONYM_WORDS.split())
_ABBREVIATIONS = frozenset(["dr", "st", "mr", "mrs", "ms", "jr", "sr", "mt", "ft"])
_LOWER_WORDS = "a an and as at but by for in nor of on or the to with de del la los las y"
_SMALL_WORDS = frozenset(_LOWER_WORDS.split())
_VOWEL = re.compile(r"[AEIOUY]")
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _undo_cp437(match: re.Match[str]) -> str:
    mangled = "Γ" + match.group(0)[1:]
    try:
        return ftfy.apply_plan(mangled, [("encode", "cp437"), ("decode", "utf-8")])
    except UnicodeError:
        return match.group(0)


def repair(text: str) -> str:
    """Undo broken characters, literal '\\n', export markers and stray spaces."""
    if "Ç" in text:
        text = _LOSSY_CP437.sub(_undo_cp437, text)
    if not text.isascii() or "&" in text:
        # ftfy costs ~45 µs a call; plain ASCII without entities has nothing for it to fix.
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True)
    if "\\" in text:
        text = _LITERAL_NEWLINE.sub("\n", text)
    if "###" in text:
        text = _MARKER.sub("", text)
    return text


def _tidy_layout(text: str) -> str:
    text = _SPACES_BEFORE_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text)


def _is_plain(text: str) -> bool:
    """One line of printable ASCII with nothing `repair` looks for: the common case, which
    every step below would leave as it is but for the outer spaces (100,000-service
    imports call this millions of times)."""
    return (
        text.isascii()
        and text.isprintable()
        and "&" not in text
        and "\\" not in text
        and "###" not in text
    )


def clean(value: object) -> str | None:
    """Text with control characters removed and whitespace trimmed; blank becomes None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if _is_plain(text):
        return text.strip() or None
    return _settled(_clean_once, text)


def _clean_once(text: str) -> str:
    # Controls go before the repair (removing "\r" must not leave blank lines it would
    # merge) and after it (undoing mojibake can yield a zero-width space).
    return _tidy_layout(strip_controls(repair(strip_controls(text)))).strip()


def _settled(step: Callable[[str], str], text: str) -> str | None:
    """`step` repeated until the text stops changing: ftfy reads its context, so trimming
    can reveal mojibake it left alone ("\xa0Â¡" became "Â¡", and only then "¡"), and a
    catalogue exported and imported again must not change."""
    for _ in range(SETTLE_STEPS):
        again = step(text)
        if again == text:
            break
        text = again
    return text or None


def clean_line(value: object) -> str | None:
    """Like clean, for one-line fields (names, phones): newlines and tabs become spaces."""
    if isinstance(value, str) and _is_plain(value):
        line = " ".join(value.split())
        # The same object when nothing changed: a shared (interned) cell stays shared.
        return (value if line == value else line) or None
    text = clean(value)
    if text is None:
        return None
    return _settled(_one_line, _one_line(text))


def _one_line(text: str) -> str:
    return " ".join(strip_controls(_clean_once(text), keep_newlines=False).split())


def readable_name(name: str) -> str:
    """'GIRL SCOUTS COUNCIL OF FLORIDA, INC.' -> 'Girl Scouts Council of Florida, Inc.'.

    Only names written wholly in capitals change; words without vowels
    ("HRS") and common acronyms ("HIV", "YMCA") stay as they are.
    """
    if not name.isupper():  # some lower-case letter, or none cased: nothing to change
        return name
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return name
    first, *rest = name.split(" ")
    return " ".join([
        _name_word(first, True), *[w if w.isdigit() else _name_word(w, False) for w in rest]
    ])  # fmt: skip


def forget_name_words() -> None:
    """Empty the word cache after an import: its entries, made all through a long read,
    would keep scattered memory from going back to the system."""
    _name_word.cache_clear()


@lru_cache(maxsize=32768)  # directories repeat their words ("CENTER", "INC.") endlessly
def _name_word(word: str, first: bool) -> str:
    core = word.strip(".,;:()'\"-&/")
    if not first and core.lower() in _SMALL_WORDS:
        return word.lower()
    if core.isalpha() and not _VOWEL.search(core) and core.lower() not in _ABBREVIATIONS:
        return word
    return _LETTERS.sub(_word_case, word)


def _word_case(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.lower() in _ACRONYMS or (
        not _VOWEL.search(word) and word.lower() not in _ABBREVIATIONS
    ):
        return word
    return word.capitalize()
