"""A one-row filter bar under the search box: need, open now/today, language, free, age, km.

Everything is reachable from the keyboard: F6 jumps here, Tab moves along, Space ticks
a box, and every change re-runs the search at once.
"""

from __future__ import annotations

from contextlib import suppress

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from navigator.domain.needs import NeedLexicon
from navigator.search.filters import SearchFilters
from navigator.translation import _


class FilterBar(Horizontal):
    """Posts FilterBar.Changed with the new SearchFilters whenever a field changes."""

    DEFAULT_CSS = """
    FilterBar { height: auto; margin: 0 1; }
    FilterBar Select { width: 26; }
    FilterBar Checkbox { width: auto; }
    FilterBar Input { width: 14; }
    FilterBar #filter-age, FilterBar #filter-km { width: 10; }
    """

    class Changed(Message):
        def __init__(self, filters: SearchFilters) -> None:
            super().__init__()
            self.filters = filters

    def __init__(self, lexicon: NeedLexicon, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lexicon = lexicon
        self._syncing = False

    def compose(self) -> ComposeResult:
        yield Select(
            [(_(need.name), need.code) for need in self.lexicon.needs],
            prompt=_("Any need"),
            id="filter-need",
            compact=True,
        )
        yield Checkbox(_("Open now"), id="filter-open-now", compact=True)
        yield Checkbox(_("Open today"), id="filter-open-today", compact=True)
        yield Checkbox(_("Free"), id="filter-free", compact=True)
        yield Input(placeholder=_("Language"), id="filter-language", compact=True)
        yield Input(placeholder=_("Age"), id="filter-age", type="integer", compact=True)
        yield Input(placeholder=_("Km"), id="filter-km", type="number", compact=True)

    def focus_first(self) -> None:
        self.query_one("#filter-need", Select).focus()

    @property
    def filters(self) -> SearchFilters:
        """The filters as the fields stand; a half-typed number counts as no limit."""
        need = self.query_one("#filter-need", Select).value
        values: dict[str, object] = {
            "needs": (need,) if isinstance(need, str) else (),
            "open_now": self.query_one("#filter-open-now", Checkbox).value,
            "open_today": self.query_one("#filter-open-today", Checkbox).value,
            "free_only": self.query_one("#filter-free", Checkbox).value,
            "language": self.query_one("#filter-language", Input).value.strip() or None,
        }
        with suppress(ValueError):
            values["age"] = int(self.query_one("#filter-age", Input).value)
        with suppress(ValueError):
            values["within_km"] = float(self.query_one("#filter-km", Input).value)
        try:
            return SearchFilters.model_validate(values)
        except ValidationError:  # an out-of-range age or distance: ignore just that field
            values.pop("age", None)
            values.pop("within_km", None)
            return SearchFilters.model_validate(values)

    def show(self, filters: SearchFilters) -> None:
        """Set the fields from filters changed elsewhere (F4, F5, clear) without echoing."""
        self._syncing = True
        try:
            need = self.query_one("#filter-need", Select)
            if filters.needs:
                need.value = filters.needs[0]
            else:
                need.clear()
            self.query_one("#filter-open-now", Checkbox).value = filters.open_now
            self.query_one("#filter-open-today", Checkbox).value = filters.open_today
            self.query_one("#filter-free", Checkbox).value = filters.free_only
            self.query_one("#filter-language", Input).value = filters.language or ""
            age = "" if filters.age is None else str(filters.age)
            self.query_one("#filter-age", Input).value = age
            km = "" if filters.within_km is None else f"{filters.within_km:g}"
            self.query_one("#filter-km", Input).value = km
        finally:
            self._syncing = False

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        if not self._syncing:
            self.post_message(self.Changed(self.filters))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter in a filter field must not record a handoff: it only closes the field.
        event.stop()
        self.screen.query_one("#query").focus()
