"""The buttons under a form that saves: Save, "Keep it and save" (shown only when the
personal-data check asks) and Back, each labelled with its key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.screen import Screen
from textual.widgets import Button

from navigator.translation import _
from navigator.tui.keymap import key


def form_buttons(screen: Screen[Any], bindings: str, ids: tuple[str, str, str]) -> Iterator[Button]:
    """Buttons for the `<bindings>.save`, `.save_anyway` and `.back` keys, with `ids`."""
    save, anyway, back = ids
    yield Button(
        _("Save") + f"  {key(screen, f'{bindings}.save')}",
        variant="primary",
        id=save,
        compact=True,
    )
    yield Button(
        _("Keep it and save") + f"  {key(screen, f'{bindings}.save_anyway')}",
        variant="warning",
        id=anyway,
        compact=True,
    )
    yield Button(
        _("Back") + f"  {key(screen, f'{bindings}.back', short=True)}",
        id=back,
        compact=True,
    )
