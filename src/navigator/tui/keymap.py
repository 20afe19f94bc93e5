"""One key map: a key is declared once, on its Binding with an `id`; every text that names
a key asks here for it (help, the README table, palette hints, notifications, buttons).

Binding ids are `<screen>.<action>` (`search.referral_slip`, `app.lock`), unique across
the app, the same ids a Textual keymap (`App.set_keymap`) would use to rebind a key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from textual.app import App
from textual.binding import Binding

from navigator.translation import N_, _

# How a volunteer reads a key's name on screen and on paper.
_KEY_NAMES = {
    "escape": N_("Escape"),
    "enter": N_("Enter"),
    "space": N_("Space"),
    "tab": N_("Tab"),
    "up": N_("Up"),
    "down": N_("Down"),
    "left": N_("Left"),
    "right": N_("Right"),
    "pageup": N_("Page Up"),
    "pagedown": N_("Page Down"),
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "comma": ",",
    "full_stop": ".",
    "ctrl": N_("Ctrl"),
    "shift": N_("Shift"),
    "alt": N_("Alt"),
}

# `{key:search.filters}` in help.md and the README template: the key of that binding.
PLACEHOLDER = re.compile(r"\{key:([a-z_]+\.[a-z_]+)\}")


class UnboundKey(KeyError):
    """Text names a binding id that no screen declares."""


# Where room is short (a button's label), as keyboards print it.
_SHORT_NAMES = {"escape": N_("Esc"), "pageup": N_("PgUp"), "pagedown": N_("PgDn")}


def key_label(key: str, *, short: bool = False) -> str:
    """'ctrl+r' -> 'Ctrl+R', 'f6' -> 'F6', 'escape' -> 'Escape' ('Esc' when short);
    the first of several keys, named in the desk's language ('Intro' in Spanish)."""
    first = key.split(",")[0].strip()
    parts = []
    for part in first.split("+"):
        if short and part in _SHORT_NAMES:
            parts.append(_(_SHORT_NAMES[part]))
        elif part in _KEY_NAMES:
            parts.append(_(_KEY_NAMES[part]))
        elif len(part) == 1 or re.fullmatch(r"f\d{1,2}", part):
            parts.append(part.upper())
        else:
            parts.append(part.replace("_", " ").title())
    return "+".join(parts)


def binding_label(binding: Binding, *, short: bool = False) -> str:
    return binding.key_display or key_label(binding.key, short=short)


def bindings_of(owner: type | object) -> dict[str, Binding]:
    """The bindings with an id that a screen, widget or app class declares, bases included."""
    cls = owner if isinstance(owner, type) else type(owner)
    found: dict[str, Binding] = {}
    if issubclass(cls, App):
        # Textual declares the palette's key as a class attribute, not as a Binding.
        found["app.command_palette"] = Binding(
            cls.COMMAND_PALETTE_BINDING, "command_palette", N_("Commands"), id="app.command_palette"
        )
    for klass in reversed(cls.__mro__):
        for binding in vars(klass).get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found[binding.id] = binding
    return found


def key(owner: type | object, binding_id: str, *, short: bool = False) -> str:
    """The key bound under `binding_id` on `owner` (a screen or app, class or instance).

    Raises UnboundKey when the owner does not bind it, so text can never name a key
    that its screen does not answer.
    """
    binding = bindings_of(owner).get(binding_id)
    if binding is None:
        name = owner.__name__ if isinstance(owner, type) else type(owner).__name__
        raise UnboundKey(f"{binding_id} is not bound on {name}")
    return binding_label(binding, short=short)


def all_bindings(owners: Iterable[type]) -> dict[str, Binding]:
    """Every binding with an id of these owners; an id declared twice is an error."""
    found: dict[str, Binding] = {}
    for owner in owners:
        for binding_id, binding in bindings_of(owner).items():
            if binding_id in found and found[binding_id] is not binding:
                raise ValueError(f"binding id {binding_id} is declared twice")
            found[binding_id] = binding
    return found


def fill_keys(text: str, bindings: Mapping[str, Binding]) -> str:
    """Replace each `{key:ID}` in `text` by the key bound under ID."""

    def label(match: re.Match[str]) -> str:
        binding = bindings.get(match.group(1))
        if binding is None:
            raise UnboundKey(f"{match.group(1)} is not bound on any screen")
        return binding_label(binding)

    return PLACEHOLDER.sub(label, text)
