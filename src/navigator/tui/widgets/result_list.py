"""The ranked results: one option per service, re-drawn cheaply on every keystroke."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple, cast

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.events import MouseEvent
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.visual import RenderOptions
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from navigator.domain.listing_flag import FlagReason
from navigator.search.index import SearchResult
from navigator.translation import _
from navigator.tui.safe_text import Part, content
from navigator.tui.widgets.quiet_scroll_bar import SteadyScrollBar
from navigator.tui.widgets.styled_rows import FramedRows

MIN_PAGE = 8
"""Fewest options built at once; more when the list is tall enough to show more."""
KEPT_OPTIONS = 512
"""Options (and their drawn lines) kept for reuse by the next keystrokes' results."""
REST_AFTER_PAUSE = 0.3
"""Seconds without new results before the options beyond the first page are built."""


class _Frame(NamedTuple):
    """What every line of one frame of the list shares."""

    lines: Sequence[tuple[int, int]]  # (option index, line within the option) per line
    first: int  # the line at the top (scroll offset)
    highlighted: int | None
    hover: int | None
    normal: Style
    chosen: Style
    hovered: Style
    disabled: Style
    padding: Spacing
    width: int
    blank: Strip


class ResultList(OptionList, SteadyScrollBar):
    """Search results; the option id is the service id.

    Only the options a volunteer can see are built (and measured, which costs most of a
    keystroke's drawing) before the results are drawn: a page on each keystroke. The rest
    follow once typing pauses (`build_rest_once_drawn`), or sooner as the highlight
    or the scroll comes near the end of what is built. `results` always holds them all.
    """

    DEFAULT_CSS = """
    ResultList { height: 1fr; overflow-y: scroll; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[SearchResult] = []
        self._flags: Mapping[str, Sequence[FlagReason]] = {}
        self._describe: Callable[[SearchResult], str] = lambda result: result.explanation
        self._rest_timer: Timer | None = None
        self._made: OrderedDict[str, tuple[tuple[Part, ...], Option]] = OrderedDict()
        self._drawn: LRUCache[tuple[Option, Style, Spacing, int], list[Strip]] = LRUCache(
            KEPT_OPTIONS * 2
        )
        self._frame: _Frame | None = None
        self._styles_cache = FramedRows()

    @property
    def page(self) -> int:
        """Options enough to fill the visible list and a little more (each is 3+ lines)."""
        return max(MIN_PAGE, self.scrollable_content_region.height // 3 + 3)

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
        self._flags = flags or {}
        if describe is not None:
            self._describe = describe
        if not self.results:  # as on a lock: nothing of the last searches kept
            self._made.clear()
            self._drawn.clear()
        built = min(len(self.results), max(self.page, (kept or 0) + self.page))
        self.set_options(self._option(result) for result in self.results[:built])
        if self.results:
            self.highlighted = kept if kept is not None and kept < len(self.results) else 0

    def extend(
        self,
        results: Sequence[SearchResult],
        flags: Mapping[str, Sequence[FlagReason]] | None = None,
    ) -> None:
        """All of the results whose first page is shown: the options drawn stay as they
        are, the rest are built once typing pauses. Should the first ones differ after
        all, the whole list is shown again, keeping the highlight."""
        shown = [result.listing.id for result in self.results]
        if [result.listing.id for result in results[: len(shown)]] != shown:
            self.show(results, flags, keep_highlight=True)
            return
        self.results = list(results)
        self._flags = flags or {}

    def build_up_to(self, index: int) -> None:
        """Build the options up to `index` and a page beyond, if they are not built yet."""
        built = self.option_count
        if built >= len(self.results) or index + self.page <= built:
            return
        end = min(len(self.results), index + 2 * self.page)
        self.add_options(self._option(result) for result in self.results[built:end])

    def build_rest_once_drawn(self) -> None:
        """Once typing pauses, the rest (the scroll bar then tells the true length), unless
        a newer keystroke's results have replaced these. Building them right after each
        keystroke's draw cost a full layout and redraw per keystroke (a third of the time
        from key to the next results drawn, measured with `navigator bench screen`)."""
        shown = self.results
        if self._rest_timer is not None:
            self._rest_timer.stop()

        def build_rest() -> None:
            self._rest_timer = None
            if self.results is shown:
                self.build_up_to(len(self.results))

        self._rest_timer = self.set_timer(REST_AFTER_PAUSE, build_rest)

    def _option(self, result: SearchResult) -> Option:
        """The listing's option, the same object as last time when its text is unchanged:
        its measured and drawn lines are then reused (see `_get_option_render`)."""
        listing = result.listing
        flags = self._flags.get(listing.id)
        status_style = "$text-success" if result.availability.open_now else "$text-muted"
        parts: tuple[Part, ...] = (
            ("! " + _("flagged") + " " if flags else "", "bold $text-error"),
            (listing.service.name, "bold"),
            "\n",
            (listing.organization_name or " ", "$text-muted"),
            "\n",
            (self._describe(result), status_style if not result.stale else "$text-warning"),
        )
        kept = self._made.get(listing.id)
        if kept is not None and kept[0] == parts:
            self._made.move_to_end(listing.id)
            return kept[1]
        option = Option(content(*parts), id=listing.id)
        self._made[listing.id] = (parts, option)
        if len(self._made) > KEPT_OPTIONS:
            self._made.popitem(last=False)
        return option

    def render_lines(self, crop: Region) -> list[Strip]:
        """The visible lines; what every line of one frame shares is looked up once
        (OptionList looked up its styles, sizes and padding again for each line: about
        half the cost of drawing a page of results, measured with `navigator bench screen`)."""
        self._update_lines()
        self._frame = self._frame_constants()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_constants(self) -> _Frame:
        look = self.get_visual_style
        normal = look("option-list--option")
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        return _Frame(
            lines=self._line_cache.lines,
            first=self.scroll_offset.y,
            highlighted=self.highlighted,
            hover=self._mouse_hovering_over,
            normal=normal,
            chosen=look("option-list--option", "option-list--option-highlighted"),
            hovered=look("option-list--option", "option-list--option-hover"),
            disabled=look("option-list--option", "option-list--option-disabled"),
            padding=self.get_component_styles("option-list--option").padding,
            width=width,
            blank=Strip.blank(width, normal.rich_style),
        )

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._frame_constants()
        line = frame.first + y
        if not 0 <= line < len(frame.lines):
            return frame.blank
        index, offset = frame.lines[line]
        option = self._options[index]
        if option.disabled:
            style = frame.disabled
        elif index == frame.highlighted:
            style = frame.chosen
        elif index == frame.hover:
            style = frame.hovered
        else:
            style = frame.normal
        strips = self._render_option(option, index, style, frame.padding, frame.width)
        return strips[offset] if offset < len(strips) else frame.blank

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        return self._render_option(option, self._option_to_index[option], style, padding, width)

    def _render_option(
        self, option: Option, index: int, style: Style, padding: Spacing, width: int
    ) -> list[Strip]:
        """An option's lines, drawn once per look (style, width) and kept across
        keystrokes: typing on, the top listings are mostly the same ones, and the same
        line objects let every later step reuse its work (`FramedRows`). The lines do
        not say which option they belong to: a click finds it from its row."""
        key = (option, style, padding, width)
        drawn = self._drawn.get(key)
        if drawn is None:
            # The option's Content straight to strips, padded: the way round through
            # Visual.to_strips also looked for links in every line (options have none),
            # a third of the cost of drawing a fresh page of results.
            inner = width - padding.width
            rich_style = style.rich_style
            lines = self._unwrapped(option, inner, style)
            if lines is None:
                options = RenderOptions(self._get_style, cast(RulesMap, self.styles))
                lines = self._get_visual(option).render_strips(inner, None, style, options)
            blank = Strip.blank(width, rich_style)
            drawn = [
                *[blank] * padding.top,
                *[line.crop_pad(inner, padding.left, padding.right, rich_style) for line in lines],
                *[blank] * padding.bottom,
            ]
            self._drawn[key] = drawn
        return drawn

    def _unwrapped(self, option: Option, width: int, style: Style) -> list[Strip] | None:
        """The option's lines when each fits `width` as it is (the usual case), drawn
        segment by segment; None when one needs wrapping. Content.render_strips wrapped
        and aligned every line, and marked each segment with its offset for text
        selection (option lists allow none): nearly three times the cost (measured)."""
        visual = self._get_visual(option)
        if not isinstance(visual, Content) or "\t" in visual.plain:
            return None
        rows = visual.split("\n", allow_blank=True)
        if len(rows) != visual.plain.count("\n") + 1 or any(
            row.cell_length > width for row in rows
        ):
            return None
        get_style = self._get_style
        return [
            Strip(
                [
                    Segment(text, (style + text_style).rich_style)
                    for text, text_style in row.render(style, end="", parse_style=get_style)
                ],
                row.cell_length,
            )
            for row in rows
        ]

    def _option_under(self, event: MouseEvent) -> int | None:
        """The index of the option under the mouse, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = self.scroll_offset.y + offset.y
        lines = self._line_cache.lines
        return lines[line][0] if 0 <= line < len(lines) else None

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own handler reads a row's option index
        clicked = self._option_under(event)
        if clicked is not None and not self._options[clicked].disabled:
            self.highlighted = clicked
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        event.prevent_default()
        self._mouse_hovering_over = self._option_under(event)

    def _update_lines(self) -> None:
        """OptionList's line map (Textual 8.2, `OptionList._update_lines`), with each new
        option measured by `_height`: wrapping every new option to measure it, and again
        to draw it, was two thirds of the cost of putting a keystroke's results in the
        list (measured with `navigator bench screen`)."""
        if not self.scrollable_content_region:
            return
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if next_index < len(self.options):
            inner = width - self.get_component_styles("option-list--option").padding.width
            for index, option in enumerate(self.options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                line_count = self._height(option, inner) + option._divider
                line_cache.heights[index] = line_count
                lines.extend([(index, line_no) for line_no in range(line_count)])
        last_divider = self.options and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _height(self, option: Option, width: int) -> int:
        """Lines the option takes at `width`: one per line of its text when every line
        fits (the usual case), else as wrapped."""
        visual = self._get_visual(option)
        if isinstance(visual, Content) and "\t" not in visual.plain:  # tabs widen when drawn
            text_lines = visual.plain.split("\n")
            if all(cell_len(line) <= width for line in text_lines):
                return len(text_lines)
        return visual.get_height(cast(RulesMap, self.styles), width)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None:
            self.build_up_to(highlighted)
        super().watch_highlighted(highlighted)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        bottom = new_value + self.scrollable_content_region.height
        if bottom + self.scrollable_content_region.height >= self.virtual_size.height:
            self.build_up_to(self.option_count - 1)

    @property
    def current(self) -> SearchResult | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.results):
            return None
        return self.results[index]
