"""The app's errors. Each carries a message meant for a volunteer or coordinator.

Messages are written in English with named placeholders and marked `N_()`, so Babel
extracts them into the catalogue; the values stay apart from the words. `str(error)` is
the English the command line prints; a screen shows `error.translated(_)`, in the desk's
language. The layers below the screens never translate: they do not know (and must not
read) the desk's language, and `N_` here is pure, so the domain may mark its messages too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

Translate = Callable[[str], str]
"""A screen's `_`: English in, the desk's language out."""


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is declared; translated where it is shown."""
    return message


class Term(str):
    """A value that is itself words from the catalogue ('import a catalogue'): a message
    translates it along with its own words. Other values (names, numbers, dates) stay."""


@dataclass(frozen=True)
class Message:
    """Words for a person: the catalogue's message id and the values for its placeholders."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    capital: bool = False
    """Start with a capital letter: a rule's words ('the follow-up date is...') as a sentence."""

    def __str__(self) -> str:
        text = self.template.format(**self.params) if self.params else self.template
        return _capital(text) if self.capital else text

    def translated(self, translate: Translate) -> str:
        """The message in another language: `translate` is the screen's `_`."""
        text = translate(self.template) if self.template else self.template
        if self.params:
            text = text.format(**{name: _in(v, translate) for name, v in self.params.items()})
        return _capital(text) if self.capital else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _in(value: object, translate: Translate) -> object:
    if isinstance(value, Message):
        return value.translated(translate)
    if isinstance(value, Term) and value:
        return translate(value)
    return value


class Rule(ValueError):
    """A rule of the domain broken, as a Message a screen can translate; a ValueError, so a
    pydantic validator may raise it and `validation_message` finds its words again."""

    def __init__(self, message: str, **params: object) -> None:
        self.said = Message(message, params)
        super().__init__(str(self.said))


class NavigatorError(Exception):
    """Base for errors shown to a user: the CLI prints them, the TUI notifies them."""

    hint: str | None = None

    def __init__(
        self, message: str | Message, *, hint: str | None = None, **params: object
    ) -> None:
        self.said = message if isinstance(message, Message) else Message(message, params)
        self.message = str(self.said)
        super().__init__(self.message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message

    def translated(self, translate: Translate) -> str:
        """The message, and its hint, in the desk's language (`translate` is the screen's `_`)."""
        text = self.said.translated(translate)
        return f"{text}\n  {translate(self.hint)}" if self.hint else text


class DatabaseError(NavigatorError):
    """The database file cannot be opened or used."""


class DatabaseBusy(DatabaseError):
    """Another process held the database's write lock for longer than the busy timeout."""


class NetworkFileSystemError(DatabaseError):
    """The database path is on a network file system, where SQLite's WAL is unsafe."""


class ProblemAt(NavigatorError):
    """Bad input located in a file, row and field."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        row: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                str(path) if path is not None else None,
                f"row {row}" if row is not None else None,
                f"field '{field}'" if field else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.row = row
        self.field = field


class CatalogueFormatError(ProblemAt):
    """A catalogue file that cannot be read at all (unreadable, wrong format)."""


class ServiceNotFound(NavigatorError):
    """No service with that id in the current catalogue."""


class InvalidHandoff(NavigatorError):
    """A handoff that breaks the record rules (missing need, a name as client reference...)."""


class UnknownNeed(NavigatorError):
    """A need code the lexicon does not know."""


class InvalidVolunteer(NavigatorError):
    """A volunteer name, role or PIN that breaks the rules, or a name already taken."""


class SignInRefused(NavigatorError):
    """Wrong name or PIN, or a try made before the wait after wrong PINs is over."""


class AccountLocked(SignInRefused):
    """Too many wrong PINs in a row: the account waits before it accepts a PIN again."""


class NotAllowed(NavigatorError):
    """The action is for site leads only."""


class HubError(NavigatorError):
    """The hub cannot be reached, is not set up, or refused what was sent."""


class BundleError(NavigatorError):
    """A bundle or return file that is damaged, foreign or not one at all; nothing was changed."""


class InvalidFlag(NavigatorError):
    """A listing flag that cannot be saved (an 'other' flag without a note...)."""


class SlipError(NavigatorError):
    """A referral slip that cannot be made, printed or saved."""


# What a volunteer calls each field a form or command can reject.
FIELD_LABELS = {
    "client_ref": N_("Client reference"),
    "note": N_("Note"),
    "follow_up": N_("Follow-up date"),
    "needs": N_("Needs"),
    "kind": N_("Kind of handoff"),
    "service": N_("Service"),
    "service_id": N_("Service"),
    "service_name": N_("Service"),
    "consent_to_share": N_("Consent to share"),
    "reason": N_("What is wrong"),
    "outcome": N_("Outcome"),
    "field": N_("What to correct"),
    "value": N_("Corrected value"),
    "name": N_("Name"),
    "role": N_("Role"),
    "pin": N_("PIN"),
}


def validation_problem(exc: ValidationError) -> tuple[str | None, str]:
    """The first problem in `exc`: the field's path as the input spells it (or None) and
    pydantic's message without its "Value error, " prefix."""
    first = exc.errors()[0]
    path = ".".join(str(part) for part in first["loc"]) or None
    if first["type"] == "missing":
        return path, "required value is missing"
    message = str(first["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return path, message


def validation_message(exc: ValidationError, labels: Mapping[str, str] = FIELD_LABELS) -> Message:
    """A ValidationError as one sentence a volunteer understands: "Client reference: ...".

    Fields are named by their label, never by their internal name; a field without a
    label (which should not happen on a volunteer's form) is left out rather than shown.
    A domain `Rule` keeps its own words, so a screen can translate them.
    """
    path, message = validation_problem(exc)
    original = exc.errors()[0].get("ctx", {}).get("error")
    label = labels.get(path.split(".")[0]) if path else None
    if isinstance(original, Rule):
        if label:
            return Message(
                N_("{field}: {problem}"), {"field": Term(label), "problem": original.said}
            )
        return replace(original.said, capital=True)
    text = _capital(message)
    return (
        Message(N_("{field}: {problem}"), {"field": Term(label), "problem": message})
        if label
        else Message(text)
    )


def from_validation(exc: ValidationError, labels: Mapping[str, str] = FIELD_LABELS) -> str:
    """`validation_message` in English, for the command line."""
    return str(validation_message(exc, labels))


class PersonalDataRefused(NavigatorError):
    """Free text (a note, a client reference) that holds personal data; nothing was saved."""
