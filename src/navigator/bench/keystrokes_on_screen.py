"""Keystroke to results on screen, measured by driving the real app headless.

Each key is posted to the app as the terminal driver posts it, and the clock starts
then. The app runs headless, but every frame it draws is turned into the bytes a
terminal would be sent (Textual's headless driver skips that step; it is part of the
cost of each frame), and the clock reads the moment each frame is done:

- echo: the frame that shows the new text in the search box;
- painted (the target's figure): the first frame whose result list holds the results
  for exactly that text, i.e. what the volunteer sees, written to the terminal;
- detail: the frame from which the detail pane shows the top result too.

`results in the list` (the list holds them, nothing drawn yet) and the search time in
the worker are kept as parts of that whole.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, thread_time
from typing import Any, TypeVar

from rich.console import RenderableType
from textual import events
from textual._compositor import ChopsUpdate, CompositorUpdate
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from navigator.bench.measure_search import Latency
from navigator.desk.context import Desk
from navigator.search.index import SearchResult
from navigator.tui import app as app_module
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail

_T = TypeVar("_T")

RESULT_TIMEOUT = 10.0  # seconds to wait for one keystroke's results before giving up
DETAIL_TIMEOUT = 2.0  # seconds more for the detail pane to follow


@dataclass(frozen=True)
class ScreenReport:
    keystrokes: int
    echo: Latency  # key posted -> a frame shows the new text in the search box
    results: Latency  # key posted -> that text's results are in the result list (not drawn)
    drawn: Latency  # key posted -> a frame with those results written out (the target's)
    detail: Latency  # key posted -> a frame with the detail pane on the top result too
    search: Latency  # of which: the search itself, in the worker thread
    timeouts: int
    burst_seconds: float  # a whole query typed without waiting -> its final results painted
    burst_result_sets: int  # result sets shown during the burst (the rest were cancelled)
    frames_per_key: float  # frames written from a key to its results painted, on average
    ui_cpu: Latency  # of which: CPU time of the app's own thread (the search runs in another)
    full_collections: int = 0  # full garbage collections on the app's thread during the keys
    full_collection_ms: float = 0.0  # their CPU time, all together


@dataclass
class _Clock:
    """What each frame carried, and when it was written out."""

    echoed: dict[str, float] = field(default_factory=dict)
    shown: dict[str, tuple[float, list[SearchResult]]] = field(default_factory=dict)
    search_ms: dict[str, float] = field(default_factory=dict)
    shown_count: int = 0
    frames: int = 0
    screen: SearchScreen | None = None
    # Set while a frame is being composed, by the widgets it draws, with where they are:
    list_in_frame: tuple[list[SearchResult], Region] | None = None
    query_in_frame: tuple[str, Region] | None = None
    detail_in_frame: tuple[object, Region] | None = None
    # What frames have carried, with the time each was written:
    list_painted: list[tuple[list[SearchResult], float, int, float]] = field(default_factory=list)
    detail_painted: list[tuple[object, float]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def hook(self, message: Message) -> None:
        if isinstance(message, SearchScreen.ResultsShown) and self.screen is not None:
            self.shown_count += 1
            self.shown.setdefault(message.text, (perf_counter(), self.screen.results.results))
            self.search_ms.setdefault(message.text, message.search_ms)
            self.changed.set()

    def frame(self, update: CompositorUpdate, written: float, cpu: float) -> None:
        """A frame went out: what it wrote over each watched widget is now on screen."""
        self.frames += 1

        def wrote(drawn: tuple[Any, Region] | None) -> bool:
            if drawn is None:
                return False
            if not isinstance(update, ChopsUpdate):
                return True  # the whole screen
            region = drawn[1]
            return any(
                region.y <= y < region.bottom and x1 < region.right and x2 > region.x
                for y, x1, x2 in update.spans
            )

        if wrote(self.query_in_frame):
            assert self.query_in_frame is not None
            self.echoed.setdefault(self.query_in_frame[0], written)
        if wrote(self.list_in_frame):
            assert self.list_in_frame is not None
            self.list_painted.append((self.list_in_frame[0], written, self.frames, cpu))
        if wrote(self.detail_in_frame):
            assert self.detail_in_frame is not None
            self.detail_painted.append((self.detail_in_frame[0], written))
        self.list_in_frame = self.query_in_frame = self.detail_in_frame = None
        self.changed.set()

    def reset(self) -> None:
        self.echoed.clear()
        self.shown.clear()
        self.list_painted.clear()
        self.shown_count = 0
        self.frames = 0
        # detail_painted is kept: the pane may already show the next top result

    def painted(self, text: str) -> tuple[float, int, float] | None:
        """When the list first went out holding the results for `text`: the time, how
        many frames had been written since the key, and the app thread's CPU time."""
        if text not in self.shown:
            return None
        results = self.shown[text][1]
        return next((p[1:] for p in self.list_painted if p[0] is results), None)

    def detail_settled(self, text: str, painted: float) -> float | None:
        """When the detail pane went out showing the top result for `text` (or the
        moment the list did, if the pane already showed it)."""
        results = self.shown[text][1]
        wanted = results[0].listing.id if results else None
        if not self.detail_painted or self.detail_painted[-1][0] != wanted:
            return None
        since = self.detail_painted[-1][1]
        for listing, t in reversed(self.detail_painted):
            if listing != wanted:
                break
            since = t
        return max(since, painted)

    async def wait(self, ready: Callable[[], _T | None], timeout: float) -> _T | None:
        deadline = perf_counter() + timeout
        while (answer := ready()) is None:
            left = deadline - perf_counter()
            if left <= 0:
                return None
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                return None
        return answer


class _TerminalApp(NavigatorApp):
    """The app with each frame rendered to terminal bytes, as on a real terminal."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # not beside this file

    def __init__(self, desk: Desk, clock: _Clock) -> None:
        super().__init__(desk)
        self.clock = clock
        self.bytes_written = 0

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is None or self._batch_count:
            return
        if not isinstance(renderable, CompositorUpdate):
            return  # the search screen's frames are all compositor updates
        self.bytes_written += len(renderable.render_segments(self.console))
        self.clock.frame(renderable, perf_counter(), thread_time())


def _watch_lines(widget: Widget, seen: Callable[[], None]) -> None:
    """Call `seen` whenever a frame draws lines of `widget`."""
    render_lines = widget.render_lines

    def watched(crop: Region) -> list[Strip]:
        seen()
        return render_lines(crop)

    widget.render_lines = watched  # type: ignore[method-assign]


def _watch_screen(screen: SearchScreen, clock: _Clock) -> None:
    results = screen.query_one(ResultList)
    detail = screen.query_one(ServiceDetail)
    query = screen.query_one("#query", Input)

    def list_seen() -> None:
        clock.list_in_frame = (results.results, results.content_region)

    def detail_seen() -> None:
        shown = detail._drawn
        listing = getattr(shown[0], "id", None) if shown else None
        clock.detail_in_frame = (listing, detail.content_region)

    def query_seen() -> None:
        clock.query_in_frame = (query.value, query.content_region)

    _watch_lines(results, list_seen)
    _watch_lines(detail, detail_seen)
    _watch_lines(query, query_seen)


def _post_key(app: NavigatorApp, char: str) -> None:
    """A key as the terminal driver posts it."""
    key = events.Key("space" if char == " " else char, char)
    key.set_sender(app)
    app.post_message(key)


class _FullCollections:
    """Full garbage collections on the app's thread while it is watched (the app moves
    them into pauses of a second; the keys here come without such pauses)."""

    def __init__(self) -> None:
        self.count = 0
        self.cpu = 0.0
        self._started: float | None = None
        self._thread = threading.get_ident()

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2 or threading.get_ident() != self._thread:
            return
        if phase == "start":
            self._started = thread_time()
        elif self._started is not None:
            self.count += 1
            self.cpu += thread_time() - self._started
            self._started = None


async def _drive(desk: Desk, queries: list[str]) -> ScreenReport:
    clock = _Clock()
    collections = _FullCollections()
    app = _TerminalApp(desk, clock)
    echo: list[float] = []
    shown: list[float] = []
    drawn: list[float] = []
    detail: list[float] = []
    searching: list[float] = []
    frames: list[int] = []
    ui_cpu: list[float] = []
    timeouts = 0
    async with app.run_test(size=(140, 40), message_hook=clock.hook) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        clock.screen = screen
        _watch_screen(screen, clock)
        await app.workers.wait_for_complete()
        gc.callbacks.append(collections)
        for query in queries:
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            for i, char in enumerate(query, start=1):
                text = query[:i]
                clock.reset()
                started, started_cpu = perf_counter(), thread_time()
                _post_key(app, char)
                seen = await clock.wait(lambda: clock.painted(text), RESULT_TIMEOUT)  # noqa: B023
                if seen is None:
                    timeouts += 1
                    await pilot.pause()
                    continue
                painted, frame_count, painted_cpu = seen
                frames.append(frame_count)
                ui_cpu.append((painted_cpu - started_cpu) * 1000)
                settled = await clock.wait(
                    lambda: clock.detail_settled(text, painted),  # noqa: B023
                    DETAIL_TIMEOUT,
                )
                echo.append((clock.echoed.get(text, painted) - started) * 1000)
                shown.append((clock.shown[text][0] - started) * 1000)
                drawn.append((painted - started) * 1000)
                detail.append(((settled or float("nan")) - started) * 1000)
                searching.append(clock.search_ms[text])
                await pilot.pause()  # the app idle again before the next key
        gc.callbacks.remove(collections)
        # A burst: the last query typed as fast as keys come, one loop turn apart.
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        clock.reset()
        started = perf_counter()
        for char in queries[-1]:
            _post_key(app, char)
            await asyncio.sleep(0)
        last = await clock.wait(lambda: clock.painted(queries[-1]), RESULT_TIMEOUT)
        burst = (last[0] if last else float("nan")) - started
        result_sets = clock.shown_count
    return ScreenReport(
        len(drawn),
        Latency.of(echo),
        Latency.of(shown),
        Latency.of(drawn),
        Latency.of(detail),
        Latency.of(searching),
        timeouts,
        burst,
        result_sets,
        sum(frames) / len(frames) if frames else 0.0,
        Latency.of(ui_cpu),
        collections.count,
        collections.cpu * 1000,
    )


def measure_screen(desk: Desk, queries: list[str]) -> ScreenReport:
    """Type each query into the running app one key at a time, waiting for its results."""
    return asyncio.run(_drive(desk, queries))
