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
