"""Spanish words, so that a client's Spanish is never typo-corrected into English.

The word list is pyspellchecker's Spanish frequency list (a maintained package that
ships it); only the words are kept, folded ("niños" -> "ninos"), read once per process.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from navigator.domain.text import fold

MIN_LETTERS = 4  # shorter Spanish words ("mas", "red", "pan") are too easily English slips


@cache
def spanish_words() -> frozenset[str]:
    """Every Spanish word of four letters or more in the list, folded; empty if missing."""
    try:
        source = resources.files("spellchecker").joinpath("resources/es.json.gz")
        counts = json.loads(gzip.decompress(source.read_bytes()))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return frozenset()
    return frozenset(fold(word) for word in counts if len(word) >= MIN_LETTERS)


_VOWELS = frozenset("aeiou")


def is_spanish(word: str) -> bool:
    """Whether `word` (folded) is a Spanish word, or the plural of one as Spanish makes it:
    "hijos", "papeles"; "tapons" is no plural of "tapon" (that is "tapones"), but an
    English slip for "tampons"."""
    if len(word) < MIN_LETTERS:
        return False
    known = spanish_words()
    return (
        word in known
        or (word.endswith("s") and word[-2] in _VOWELS and word[:-1] in known)
        or (word.endswith("es") and word[-3] not in _VOWELS and word[:-2] in known)
    )


# Letters Spanish spells alike, in the order they are rewritten: a client who writes by
# ear puts one for another ("nesesito" for necesito, "lus" for luz, "bibienda" for vivienda).
_SAME_SOUND = (
    ("ch", "\x00"),  # kept apart from the silent h
    ("qu", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("c", "k"),
    ("z", "s"),
    ("v", "b"),
    ("ll", "y"),
    ("h", ""),
    ("ge", "je"),
    ("gi", "ji"),
)


def sound_key(word: str) -> str:
    """How a folded Spanish word sounds, so spellings by ear meet: "lus" and "luz" agree."""
    key = word
    for written, sound in _SAME_SOUND:
        key = key.replace(written, sound)
    if key.endswith("y"):
        key = key[:-1] + "i"  # "mui" for muy
    collapsed = [c for i, c in enumerate(key) if i == 0 or c != key[i - 1]]  # "rr", "ss"
    return "".join(collapsed)
