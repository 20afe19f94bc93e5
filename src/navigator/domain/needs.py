"""Need categories and the client words that point at them."""

from __future__ import annotations

import tomllib
from functools import cache, cached_property
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from navigator.domain.text import words


class NeedKind(BaseModel):
    """One kind of service within a need, which a volunteer would not hand out for another:
    domestic violence, sexual assault and trafficking services are all safety, but a client
    whose partner hits them wants the first."""

    model_config = ConfigDict(frozen=True)

    name: str
    says: tuple[str, ...]
    """What a client says (English and Spanish) that asks for this kind, anywhere in the
    sentence once the need is named: "my husband" beside "beats me"."""
    listed_as: tuple[str, ...]
    """Words or phrases a directory uses for this kind ("domestic", "battered", "social
    security"): a listing says a phrase where all its words are in one place it says what
    it is (its name, its organization's, its opening)."""

    @cached_property
    def said(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(words(w)) for w in self.says if words(w))

    @cached_property
    def listing_words(self) -> tuple[str, ...]:
        """The listed words and phrases, folded, a phrase's words joined by one space."""
        return tuple(dict.fromkeys(" ".join(words(w)) for w in self.listed_as if words(w)))


class Need(BaseModel):
    """One need category, such as food or housing, with the words clients use for it."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=r"^[a-z_]+$")
    name: str
    words: tuple[str, ...]
    weak_words: tuple[str, ...] = ()
    """Words that name this need only when nothing else the client said names one:
    "no money" alone is about money, but "I haven't eaten and I have no money" is food."""
    kinds: tuple[NeedKind, ...] = Field(default=(), alias="kind")
    """Kinds of service within the need that are not interchangeable; they never name the
    need, they say which of its services answer it."""

    @cached_property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        """Each client word or phrase as a tuple of folded words (cached: asked per service)."""
        return tuple(tuple(words(w)) for w in self.words if words(w))

    @cached_property
    def weak_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(words(w)) for w in self.weak_words if words(w))


class NeedLexicon(BaseModel):
    """The open list of need categories the desk knows."""

    model_config = ConfigDict(frozen=True)

    needs: tuple[Need, ...] = Field(alias="need")
    same_as: dict[str, tuple[str, ...]] = {}
    """A client's word (Spanish, or plain English) -> the directory's words for it
    ("ingles" -> "esl", "toothache" -> "dental")."""
    filler_words: tuple[str, ...] = ()
    """Words of a client's story that carry no need ("two days", "since"), English and
    Spanish: they never outweigh the words that do, and are never typo-corrected."""

    people_words: tuple[str, ...] = ()
    """Whom the client speaks of ("my kids", "my husband"): such a word names its need
    only when nothing else in the sentence does; "food for my kids" is food. Listings
    still count the word (a listing for children is for children)."""
    modifier_words: tuple[str, ...] = ()
    """Kinds of help that many needs have ("voucher", "assistance"): beside a word that
    names a need they say which service of it ("child care voucher"), alone their own."""

    urgent_words: tuple[str, ...] = ()
    """Words that say the help is wanted at once ("tonight", "right now", "ahora")."""
    urgent_means: tuple[str, ...] = ()
    """A directory's words for help that is there at once ("emergency", "24", "crisis"):
    an urgent client's need is best met by the services of it that say these."""

    purpose_words: tuple[str, ...] = ()
    """Words after which a need says what the help is for, not the help: "clothes for a job
    interview" wants clothes, "a ride to the doctor" a ride."""
    asking_words: tuple[str, ...] = ()
    """Words that say the client wants to obtain a service, not which ("apply for", "sign
    up for"): beside a need they are no search words; alone they are searched."""
    about_the_client: tuple[str, ...] = ()
    """Need codes that say who the client is ("for seniors"): never only a purpose."""

    serves_others: tuple[str, ...] = ()
    """Words of a listing's name or opening that say it serves others than a client in
    need ("defendants", "school staff"): it mentions a need without answering it."""

    homebound_words: tuple[str, ...] = ()
    """Words of a listing's name that say it brings help to people who cannot leave home
    ("home delivered meals", "meals on wheels"): a client who can come to the desk wants
    help they can go to, unless they ask for it brought home (`brought_home_words`) or
    speak of an older or disabled person."""
    brought_home_words: tuple[str, ...] = ()
    """What a client says that asks for help brought home ("delivered", "bedridden")."""

    @cached_property
    def asking_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(words(w)) for w in self.asking_words if words(w))

    @cached_property
    def homebound_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(words(w)) for w in self.homebound_words if words(w))

    @cached_property
    def brought_home_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(words(w)) for w in self.brought_home_words if words(w))

    @cached_property
    def filler(self) -> frozenset[str]:
        return frozenset(w for phrase in self.filler_words for w in words(phrase))

    @cached_property
    def people(self) -> frozenset[str]:
        return frozenset(w for phrase in self.people_words for w in words(phrase))

    @cached_property
    def modifiers(self) -> frozenset[str]:
        return frozenset(w for phrase in self.modifier_words for w in words(phrase))

    @cached_property
    def urgent_phrases(self) -> tuple[tuple[str, ...], ...]:
        """The urgent words as folded word tuples, longest first."""
        found = {tuple(words(w)) for w in self.urgent_words if words(w)}
        return tuple(sorted(found, key=lambda p: (-len(p), p)))

    def codes(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.needs)

    @cached_property
    def by_code(self) -> dict[str, Need]:
        found: dict[str, Need] = {}
        for need in self.needs:
            found.setdefault(need.code, need)  # the first of a repeated code, as before
        return found

    def get(self, code: str) -> Need | None:
        # Asked per need of every listing while indexing: a lookup, not a scan.
        return self.by_code.get(code)

    def name_of(self, code: str) -> str:
        need = self.get(code)
        return need.name if need else code

    def needs_in_text(self, text: str, *, min_hits: int = 1) -> frozenset[str]:
        """Need codes whose words appear in a listing's text (exact words, no fuzz).

        Used at import for directories without a usable taxonomy.
        """
        tokens = words(text)
        present = set(tokens)
        joined = " " + " ".join(tokens) + " "
        found: set[str] = set()
        for need in self.needs:
            hits = 0
            for phrase in need.phrases:
                if len(phrase) == 1:
                    if phrase[0] in present and len(phrase[0]) > 2:
                        hits += 1
                elif " " + " ".join(phrase) + " " in joined:
                    hits += 1
            if hits >= min_hits:
                found.add(need.code)
        return frozenset(found)


def parse_lexicon(text: str) -> NeedLexicon:
    """Parse a needs TOML document into a lexicon."""
    return NeedLexicon.model_validate(tomllib.loads(text))


@cache
def default_lexicon() -> NeedLexicon:
    """The lexicon that ships with Navigator (domain/needs.toml)."""
    source = resources.files("navigator.domain").joinpath("needs.toml").read_text("utf-8")
    return parse_lexicon(source)
