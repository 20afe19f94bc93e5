"""The ranked results: one option per service, re-drawn cheaply on every keystroke."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from navigator.domain.listing_flag import FlagReason
from navigator.search.index import SearchResult
from navigator.translation import _
from navigator.tui.safe_text import content


class ResultList(OptionList):
    """Search results; the option id is the service id."""

    DEFAULT_CSS = """
    ResultList { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[SearchResult] = []
        self._describe: Callable[[SearchResult], str] = lambda result: result.explanation

    def show(
        self,
        results: Sequence[SearchResult],
        flags: Mapping[str, Sequence[FlagReason]] | None = None,
        *,
        keep_highlight: bool = False,
        describe: Callable[[SearchResult], str] | None = None,
    ) -> None:
        """Show the results; a listing someone flagged as wrong is marked on its first line."""
        kept = self.highlighted if keep_highlight else None
        self.results = list(results)
        if describe is not None:
            self._describe = describe
        self.set_options(self._option(r, (flags or {}).get(r.listing.id)) for r in self.results)
        if self.results:
            self.highlighted = kept if kept is not None and kept < len(self.results) else 0

    def _option(self, result: SearchResult, flags: Sequence[FlagReason] | None) -> Option:
        listing = result.listing
        status_style = "$text-success" if result.availability.open_now else "$text-muted"
        prompt = content(
            ("! " + _("flagged") + " " if flags else "", "bold $text-error"),
            (listing.service.name, "bold"),
            "\n",
            (listing.organization_name or " ", "$text-muted"),
            "\n",
            (self._describe(result), status_style if not result.stale else "$text-warning"),
        )
        return Option(prompt, id=listing.id)

    @property
    def current(self) -> SearchResult | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.results):
            return None
        return self.results[index]
