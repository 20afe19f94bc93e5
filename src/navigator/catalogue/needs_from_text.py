"""The lexicon used to give needs to services from their text at import.

The search lexicon holds client words ("hungry", "evicted"); directories
write in their own register ("physician", "law enforcement"). Import reads
both, so a directory without a taxonomy still gets its needs.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from navigator.domain.needs import Need, NeedLexicon
from navigator.domain.text import words


@cache
def _directory_words() -> dict[str, list[str]]:
    source = resources.files("navigator.catalogue").joinpath("directory_words.toml")
    document = tomllib.loads(source.read_text("utf-8"))
    return {code: [str(w) for w in words] for code, words in document.items()}


def import_lexicon(lexicon: NeedLexicon) -> NeedLexicon:
    """`lexicon` with the directory words for each of its needs added."""
    extra = _directory_words()
    # New Need objects rather than model_copy, which would carry over cached phrases.
    return NeedLexicon(
        need=tuple(
            Need(code=need.code, name=need.name, words=(*need.words, *extra.get(need.code, ())))
            for need in lexicon.needs
        )
    )


class TextNeeds:
    """needs_in_text for many services: the lexicon's phrases prepared once.

    Same rule as NeedLexicon.needs_in_text (a single word of three letters or
    more, or a whole phrase, names the need), without rebuilding each phrase
    for every service: import asks once per service, 100,000 times.
    """

    def __init__(self, lexicon: NeedLexicon) -> None:
        self._single: dict[str, set[str]] = {}
        # Phrases by their first word: a phrase can only be in a text that has that word.
        self._phrases: dict[str, list[tuple[str, str]]] = {}
        for need in lexicon.needs:
            for phrase in need.phrases:
                if len(phrase) == 1:
                    if len(phrase[0]) > 2:
                        self._single.setdefault(phrase[0], set()).add(need.code)
                else:
                    self._phrases.setdefault(phrase[0], []).append(
                        (need.code, " " + " ".join(phrase) + " ")
                    )

    def __call__(self, text: str) -> frozenset[str]:
        tokens = words(text)
        found: set[str] = set()
        distinct = set(tokens)
        for token in distinct:
            found |= self._single.get(token, set())
        joined = " " + " ".join(tokens) + " "
        for token in distinct:
            for code, phrase in self._phrases.get(token, ()):
                if code not in found and phrase in joined:
                    found.add(code)
        return frozenset(found)
