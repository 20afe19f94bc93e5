"""The desk's main screen: type what the client said, pick a service, record the handoff."""

from __future__ import annotations

import gc
from dataclasses import replace
from time import perf_counter

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import get_current_worker

from navigator.desk.catalogue_index import keep_listings_at_hand
from navigator.desk.context import Desk
from navigator.desk.directory_dates import directory_is_dated
from navigator.desk.flag_listing import flagged_listings
from navigator.desk.search_services import query_needs, search_services
from navigator.domain.catalogue import Listing
from navigator.domain.handoff import Handoff
from navigator.domain.listing_flag import ListingFlag
from navigator.search.filters import SearchFilters
from navigator.search.index import SearchResult
from navigator.search.results import explain
from navigator.translation import N_, _
from navigator.tui.cropped_compositor import crop_partial_updates
from navigator.tui.keymap import UnboundKey, key
from navigator.tui.paint_now import paint_now
from navigator.tui.safe_text import content
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.widgets.desk_footer import DeskFooter
from navigator.tui.widgets.filter_bar import FilterBar
from navigator.tui.widgets.open_desk_banner import OpenDeskBanner
from navigator.tui.widgets.query_box import QueryBox
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail

PLACEHOLDER = N_("What does the client need?  e.g. hungry, bus pass, somewhere to sleep tonight")
LOADING = N_("Loading catalogue…")
NO_MATCH = N_(
    "No service matches these words. Try other words or fewer filters ({filters}), "
    "or press {unmet} to record an unmet need."
)

EMPTY_CATALOGUE = N_("No services in the catalogue yet. A site lead imports one with {key}.")
UNDATED = N_("Directory has no check dates: call first.")
RESULTS_LIMIT = 50  # results a query lists; the first page of them is drawn first
FIRST_PAGE = 16


class SearchScreen(Screen[None]):
    """Search by need, see the detail, record a handoff or an unmet need."""

    class ResultsShown(Message):
        """A search's results are on screen (tests and `navigator bench screen` wait for it)."""

        def __init__(self, text: str, count: int, search_ms: float) -> None:
            super().__init__()
            self.text = text  # the query these results answer
            self.count = count
            self.search_ms = search_ms  # time spent searching, in the worker

    BINDINGS = [
        Binding(
            "enter", "record", N_("Record handoff"), show=True, priority=False, id="search.record"
        ),
        Binding("f3", "unmet", N_("Unmet"), tooltip=N_("Record an unmet need"), id="search.unmet"),
        Binding("f2", "app.todays_log", N_("Today's log"), id="search.todays_log"),
        Binding("f4", "toggle_open_now", N_("Open now"), show=False, id="search.open_now"),
        Binding("f5", "toggle_free", N_("Free"), show=False, id="search.free"),
        Binding("f6", "filters", N_("Filters"), id="search.filters"),
        Binding(
            "ctrl+r",
            "referral_slip",
            N_("Slip"),
            tooltip=N_("Referral slip for the highlighted service"),
            id="search.referral_slip",
        ),
        Binding(
            "f7",
            "flag_listing",
            N_("Flag listing"),
            tooltip=N_("Flag the listing as wrong"),
            id="search.flag_listing",
        ),
        Binding("escape", "clear", N_("Clear"), show=True, id="search.clear"),
        Binding("down", "move(1)", N_("Next"), show=False, id="search.next"),
        Binding("up", "move(-1)", N_("Previous"), show=False, id="search.previous"),
        Binding("pagedown", "move(8)", show=False, id="search.page_down"),
        Binding("pageup", "move(-8)", show=False, id="search.page_up"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        crop_partial_updates(self)
        self.desk = desk
        self.filters = SearchFilters()
        self.last_query = ""
        self.last_needs: tuple[str, ...] = ()
        self.last_search_ms = 0.0
        self.flags = flagged_listings(desk)
        self.slip_basket: list[Listing] = []
        self.undated = False  # the directory dates no listing (set once the index is loaded)
        self._need_names: dict[str, str] | None = None
        self._status_parts: list[str | tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield OpenDeskBanner(self.desk)
        yield QueryBox(placeholder=_(PLACEHOLDER), id="query")
        yield FilterBar(self.desk.lexicon, id="filters")
        yield Static(id="search-status", markup=False)
        with Horizontal(id="search-body"):
            yield ResultList(id="results")
            yield ServiceDetail(id="detail")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(ServiceDetail).phone_region = self.desk.settings.phone_region
        self.query_one("#query", Input).focus()
        self.run_search("")
        self._keep_listings_at_hand()

    @work(thread=True, group="listings", exit_on_error=False)
    def _keep_listings_at_hand(self) -> None:
        """Off the UI thread, once the catalogue is open: a city-sized directory's
        listings read in one pass, so later keystrokes read none from the database."""
        keep_listings_at_hand(self.desk)
        gc.freeze()  # kept till the end: GC passes over it froze keys 0.4-0.6 s (bench screen)

    @property
    def results(self) -> ResultList:
        return self.query_one("#results", ResultList)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str) -> None:
        """Search off the UI thread; a newer keystroke cancels this one.

        The page the list shows first is searched for on its own and drawn, then the
        rest: choosing fifty (hours, distances, explanations) cost four times choosing a
        page on Miami, on every keystroke (`navigator bench screen`), and the best of a
        page are the first of the fifty (ties are broken by position, never by chance).
        """
        if not self.desk.index_ready:
            # The first search of the process waits for the catalogue to load; workers
            # for later keystrokes wait on the same load, and only the newest shows.
            self.app.call_from_thread(self._show_loading)
        # The list's page, read here before its first layout too: never below a tall
        # terminal's page, so the first search of a screen fills what it shows.
        page = min(max(self.results.page, FIRST_PAGE), RESULTS_LIMIT)
        found = self._search(text, page)
        if found is None:
            return
        results, elapsed = found
        needs = query_needs(self.desk, text) if text.strip() else ()
        more = len(results) == page < RESULTS_LIMIT
        self.app.call_from_thread(self._show_results, text, results, elapsed, needs, more=more)
        if more and (found := self._search(text, RESULTS_LIMIT)) is not None:
            self.app.call_from_thread(self._show_rest, text, *found)

    def _search(self, text: str, limit: int) -> tuple[list[SearchResult], float] | None:
        """The best `limit` results and the milliseconds they took; None once a newer
        keystroke has cancelled this search (worker thread)."""
        worker = get_current_worker()
        started = perf_counter()
        results = search_services(
            self.desk,
            text,
            filters=self.filters,
            limit=limit,
            cancelled=lambda: worker.is_cancelled,
        )
        elapsed = (perf_counter() - started) * 1000
        if worker.is_cancelled:
            return None
        self.undated = not directory_is_dated(self.desk)
        if self.undated:
            # No listing is dated: the status bar says so once, no row says "stale".
            results = [replace(result, stale=False) for result in results]
        return results, elapsed

    def _show_loading(self) -> None:
        self._status_parts = []
        self.query_one("#search-status", Static).update(content((_(LOADING), "$text-muted")))

    def _show_results(
        self,
        text: str,
        results: list[SearchResult],
        elapsed_ms: float,
        needs: tuple[str, ...] = (),
        *,
        more: bool = False,
    ) -> None:
        """A query's results, or its first page when `more` are on their way: the status
        line (with the count) then waits for them."""
        self.last_query = text
        self.last_needs = needs
        self.last_search_ms = elapsed_ms
        listed = self.results
        listed.show(results, self.flags, describe=self._describe)
        status = None if more else self._update_status(text, results)
        # Then the list drawn at once (and the status line, if it changed), the detail after:
        paint_now(self, (listed, listed.vertical_scrollbar), *([(status,)] if status else []))
        if not self._typed_on():
            self.query_one(ServiceDetail).empty_text = self._why_empty(text, results)
            self._show_detail()
        self.post_message(self.ResultsShown(text, len(results), elapsed_ms))

    def _show_rest(self, text: str, results: list[SearchResult], elapsed_ms: float) -> None:
        """The rest of a query's results, after its first page: the rows drawn stay."""
        if text != self.last_query:
            return
        self.results.extend(results, self.flags)
        status = self._update_status(text, results)
        if status is not None:
            paint_now(self, (status,))
        self.post_message(self.ResultsShown(text, len(results), elapsed_ms))

    def _typed_on(self) -> bool:
        """Whether keys came after the query of the results shown: their search is on
        its way, and the detail pane waits for it. Drawing the pane for every set of
        results in a burst of typing cost a fifth of each keystroke's work on the app
        thread (`navigator bench screen`), for panes nobody had time to read."""
        return self.query_one("#query", Input).value != self.last_query

    def _describe(self, result: SearchResult) -> str:
        """A result's second line in the desk's language: need, hours, distance, stale."""
        if self._need_names is None:
            self._need_names = {need.code: _(need.name).lower() for need in self.desk.lexicon.needs}
        return explain(
            self._need_names,
            result.listing,
            result.matched_needs,
            result.availability,
            result.distance_km,
            result.stale,
            self.desk.local_now(),
            _,
        )

    def _why_empty(self, text: str, results: list[SearchResult]) -> str:
        """What the detail pane says with no service to show: what to try next."""
        if results:
            return ServiceDetail.empty_text
        if text.strip() or self.filters.active:
            return _(NO_MATCH).format(
                filters=key(self, "search.filters"), unmet=key(self, "search.unmet")
            )
        try:
            return _(EMPTY_CATALOGUE).format(key=key(self.app, "app.import_catalogue"))
        except UnboundKey:  # a host app without the import key
            return _(ServiceDetail.empty_text)

    def _update_status(self, text: str, results: list[SearchResult]) -> Static | None:
        """The status line for these results; the line if it changed (typing on, it often
        stays the same: drawing it again cost a tenth of a keystroke's drawing)."""
        needs = self.last_needs if text == self.last_query else ()
        parts: list[str | tuple[str, str]] = []
        if needs:
            parts += [
                (_("Needs: "), "bold"),
                (", ".join(_(self.desk.lexicon.name_of(n)) for n in needs), "$text-accent"),
                "   ",
            ]
        count = len(results)
        parts.append(
            (_("1 service") if count == 1 else _("{count} services").format(count=count))
            if text.strip()
            else _("All services")
        )
        if self.filters.active:
            parts += ["   ", (_("Filters: ") + self.filters.describe(_), "$text-warning")]
        if self.undated:
            parts += ["   ", (_(UNDATED), "$text-warning")]
        if self.slip_basket:
            parts += [
                "   ",
                (
                    _("On the slip: {count}").format(count=len(self.slip_basket)),
                    "bold $text-accent",
                ),
            ]
        if results:
            parts += [
                "   ",
                (
                    _(
                        "{previous}/{next} choose · {record} record handoff · {unmet} unmet need"
                    ).format(
                        previous=key(self, "search.previous"),
                        next=key(self, "search.next"),
                        record=key(self, "search.record"),
                        unmet=key(self, "search.unmet"),
                    ),
                    "$text-muted",
                ),
            ]
        if parts == self._status_parts:
            return None
        self._status_parts = parts
        status = self.query_one("#search-status", Static)
        status.update(content(*parts), layout=False)  # 1 line
        return status

    def _show_detail(self) -> None:
        current = self.results.current
        flags = self.flags.get(current.listing.id, []) if current else []
        self.query_one(ServiceDetail).show(
            current, self.desk.lexicon, self.desk.local_now(), flags=flags
        )

    def on_search_screen_results_shown(self) -> None:
        self.results.build_rest_once_drawn()

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self) -> None:
        if not self._typed_on():
            self._show_detail()

    @on(OptionList.OptionSelected, "#results")
    def _selected(self) -> None:
        self.action_record()

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.action_record()

    def action_move(self, step: int) -> None:
        results = self.results
        if not results.option_count:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_record(self) -> None:
        chosen = self.results.current
        if chosen is None:
            self.notify(
                _("Pick a service first, or press {key} to record an unmet need.").format(
                    key=key(self, "search.unmet")
                )
            )
            return
        self.app.push_screen(
            HandoffFormScreen(self.desk, listing=chosen.listing, query=self.last_query),
            self._after_record,
        )

    def action_unmet(self) -> None:
        self.app.push_screen(
            HandoffFormScreen(self.desk, listing=None, query=self.last_query), self._after_record
        )

    def _after_record(self, saved: Handoff | None) -> None:
        if saved is None:
            return
        self.action_clear()
        self.offer_slip(saved)

    def offer_slip(self, saved: Handoff) -> None:
        """The confirmation with the slip one key away, or the slip itself when set so."""
        from navigator.tui.screens.handoff_saved import (
            SHOW_SLIP,
            HandoffSavedScreen,
            saved_message,
        )

        if saved.service is None or self.desk.settings.slip_after_handoff:
            self.notify(saved_message(saved), title=_("Handoff recorded"), markup=False)
            if saved.service is not None:
                self._show_handoff_slip(saved)
            return

        def after(answer: str | None) -> None:
            if answer == SHOW_SLIP:
                self._show_handoff_slip(saved)

        self.app.push_screen(HandoffSavedScreen(self.desk, saved), after)

    def _show_handoff_slip(self, saved: Handoff) -> None:
        from navigator.desk.referral_slip import slip_for_handoff
        from navigator.errors import NavigatorError
        from navigator.tui.screens.referral_slip import ReferralSlipScreen

        try:
            slip = slip_for_handoff(self.desk, saved.id)
        except NavigatorError as error:
            self.notify(error.translated(_), severity="error", title=_("No slip"))
            return
        self.app.push_screen(ReferralSlipScreen(self.desk, slip))

    def action_clear(self) -> None:
        """Start over: clears the query, filters and everything about the last client."""
        query = self.query_one("#query", Input)
        query.value = ""
        self.filters = SearchFilters()
        self.query_one(FilterBar).show(self.filters)
        self.slip_basket = []
        query.focus()
        self.run_search("")

    def forget_client(self) -> None:
        """Lock: the query, filters, results and detail of the last client all go."""
        self.results.show([])
        self._show_detail()
        self.action_clear()

    def action_toggle_open_now(self) -> None:
        self._set_filters(self.filters.model_copy(update={"open_now": not self.filters.open_now}))

    def action_toggle_free(self) -> None:
        self._set_filters(self.filters.model_copy(update={"free_only": not self.filters.free_only}))

    def action_filters(self) -> None:
        """F6: into the filter bar, or back to the search box from it."""
        bar = self.query_one(FilterBar)
        if bar.has_focus_within:
            self.query_one("#query", Input).focus()
        else:
            bar.focus_first()

    def _set_filters(self, filters: SearchFilters) -> None:
        self.filters = filters
        self.query_one(FilterBar).show(filters)
        self.run_search(self.query_one("#query", Input).value)

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        self.filters = event.filters
        self.run_search(self.query_one("#query", Input).value)

    def action_referral_slip(self) -> None:
        """The slip for the highlighted service (and any added before), to print or save."""
        # Lazy: fpdf2 is ~20% of start-up (-X importtime), and the slip screen imports this one.
        from navigator.desk.referral_slip import slip_for_listings
        from navigator.tui.screens.referral_slip import ADD_ANOTHER, ReferralSlipScreen

        chosen = self.results.current
        if chosen is None:
            self.notify(
                _("Pick a service first, then press {key} for its referral slip.").format(
                    key=key(self, "search.referral_slip")
                )
            )
            return
        wanted = {listing.id: listing for listing in [*self.slip_basket, chosen.listing]}
        listings = list(wanted.values())

        def after(answer: str | None) -> None:
            self.slip_basket = listings if answer == ADD_ANOTHER else []
            self._update_status(self.last_query, self.results.results)
            if self.slip_basket:
                self.notify(
                    _("{count} on the slip: pick another service and press {key}.").format(
                        count=len(listings), key=key(self, "search.referral_slip")
                    ),
                    title=_("Referral slip"),
                )

        self.app.push_screen(
            ReferralSlipScreen(self.desk, slip_for_listings(self.desk, listings), can_add=True),
            after,
        )

    def action_flag_listing(self) -> None:
        """Report the highlighted listing as wrong (closed, moved, phone dead...)."""
        chosen = self.results.current
        if chosen is None:
            self.notify(
                _("Pick a service first, then press {key} to flag it.").format(
                    key=key(self, "search.flag_listing")
                )
            )
            return
        self.app.push_screen(FlagListingScreen(self.desk, chosen.listing), self._after_flag)

    def reopen(self, form: object) -> None:
        """After an unlock by the same volunteer: the form they had open, as they left it."""
        from navigator.tui.screens.flag_listing import FlagFormState, FlagListingScreen
        from navigator.tui.screens.handoff_form import HandoffFormScreen, HandoffFormState

        if isinstance(form, HandoffFormState):
            self.app.push_screen(
                HandoffFormScreen(self.desk, listing=form.listing, query=form.query, restore=form),
                self._after_record,
            )
        elif isinstance(form, FlagFormState):
            self.app.push_screen(
                FlagListingScreen(self.desk, form.listing, restore=form), self._after_flag
            )

    def _after_flag(self, saved: ListingFlag | None) -> None:
        if saved is None:
            return
        self.flags = flagged_listings(self.desk)
        self.results.show(self.results.results, self.flags, keep_highlight=True)
        self._show_detail()
        self.notify(
            _("Flagged: {reason} - sent with the next sync").format(reason=_(saved.reason.label)),
            title=_("Thank you"),
        )
