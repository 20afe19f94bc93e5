"""The footer in the desk's language: bindings are declared in English (marked with N_),
and each key's description and tooltip is translated as the footer is drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from navigator.translation import _

HELP_ACTIONS = frozenset({"help", "app.help"})


class DeskFooter(Footer):
    """Textual's footer, with every key's words through the desk's catalogue.

    Compact, and without the palette's key (help names it): at 120 columns the keys of
    the search screen fit in English and in Spanish.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # flat: the desk declares no binding groups
        for widget in keys:
            # Textual's FooterKey (not exported) keeps the binding's words in `description`.
            description = getattr(widget, "description", None)
            if isinstance(description, str):
                setattr(widget, "description", _(description))  # noqa: B010
            if isinstance(widget.tooltip, str):
                widget.tooltip = _(widget.tooltip)
        # Help first: where the screen is too narrow for every key, the one that lists
        # them all is still there.
        keys.sort(key=lambda widget: getattr(widget, "action", "") not in HELP_ACTIONS)
        yield from keys
