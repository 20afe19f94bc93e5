"""The result list and the detail pane draw their own lines (no layout of the screen per
keystroke): what a volunteer needs from them still works, a long listing scrolls to
its end, a short one shows no scroll bar, and every keystroke's results reach the screen."""

from __future__ import annotations

from textual.message import Message

from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.quiet_scroll_bar import QuietScrollBar
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail


def _pane_text(detail: ServiceDetail) -> str:
    height = detail.scrollable_content_region.height
    return "\n".join(detail.render_line(y).text for y in range(height))


async def test_a_long_listing_scrolls_to_the_end_of_its_description(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        # Given the volunteer found a pantry whose detail is longer than the pane
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = app.screen.query_one(ServiceDetail)
        text = str(detail.render())
        assert detail.virtual_size.height > detail.scrollable_content_region.height
        last_words = " ".join(text.split()[-2:])
        assert last_words not in _pane_text(detail)
        # When they scroll the pane to its end
        detail.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        # Then the end of the description is in sight, and the name has scrolled away
        assert last_words in _pane_text(detail)
        assert text.splitlines()[0] not in _pane_text(detail)
        # and a move in the list brings the next listing's top back into view
        await pilot.press("down")
        await pilot.pause()
        assert str(detail.render()).splitlines()[0] in _pane_text(detail)


async def test_a_listing_that_fits_shows_an_empty_gutter_not_a_scroll_bar(desk: Desk) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = app.screen.query_one(ServiceDetail)
        bar = detail.vertical_scrollbar
        assert isinstance(bar, QuietScrollBar)
        assert detail.virtual_size.height <= detail.scrollable_content_region.height
        lines = bar.render_lines(bar.size.region)
        assert lines
        assert all(line.text.strip() == "" for line in lines)
        assert not any(seg.style and seg.style.meta for line in lines for seg in line)


async def test_every_keystroke_gets_its_own_results_on_screen(desk: Desk) -> None:
    shown: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, SearchScreen.ResultsShown):
            shown.append(message.text)

    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        for char in "bus pass":
            await pilot.press("space" if char == " " else char)
            await app.workers.wait_for_complete()
            await pilot.pause()
        results = app.screen.query_one(ResultList)
        # Then the last results announced are the whole query's, and the list shows them
        assert shown[-1] == "bus pass"
        names = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert names
        assert all(
            str(app.screen.query_one(ResultList).results[i].listing.service.name) in names[i]
            for i in range(len(names))
        )


async def test_a_click_on_a_listing_picks_that_listing(desk: Desk) -> None:
    from navigator.tui.screens.handoff_form import HandoffFormScreen

    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        # Given results for "hungry", drawn once with the top listing highlighted
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        third = results.results[2].listing
        # When the volunteer hovers over, then clicks, the third listing's second line
        row = results._line_cache.lines.index((2, 1)) - results.scroll_offset.y
        offset = (results.gutter.left + 2, results.gutter.top + row)
        await pilot.hover(ResultList, offset=offset)
        assert results._mouse_hovering_over == 2
        await pilot.click(ResultList, offset=offset)
        await pilot.pause()
        # Then that listing is the one highlighted, and its handoff form opens
        assert results.highlighted == 2
        assert isinstance(app.screen, HandoffFormScreen)
        assert app.screen.listing is not None
        assert app.screen.listing.id == third.id


async def test_after_a_burst_of_typing_the_detail_shows_the_final_top_listing(
    desk: Desk,
) -> None:
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Given a volunteer typing "bus pass" without a pause between keys
        for char in "bus pass":
            await pilot.press("space" if char == " " else char)
        # When the last key's search is done
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the detail pane shows the top listing for the whole query
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.last_query == "bus pass"
        top = screen.results.current
        assert top is not None
        assert str(screen.query_one(ServiceDetail).render()).startswith(top.listing.service.name)
