"""The footer in the desk's language: bindings are declared in English (marked with N_),
and each key's description and tooltip is translated as the footer is drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from navigator.translation import _


class DeskFooter(Footer):
    """Textual's footer, with every key's words through the desk's catalogue."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # Textual's FooterKey (not exported) keeps the binding's words in `description`.
            description = getattr(widget, "description", None)
            if isinstance(description, str):
                setattr(widget, "description", _(description))  # noqa: B010
            if isinstance(widget.tooltip, str):
                widget.tooltip = _(widget.tooltip)
            yield widget
