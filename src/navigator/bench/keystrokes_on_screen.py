"""Keystroke to results on screen, measured by driving the real app headless.

Keys are pressed with Textual's Pilot, and the times are taken from public messages
the app posts: when the search box reports its new value (Input.Changed), and when the
search screen has shown the results for exactly that text (SearchScreen.ResultsShown).
The results are on screen once the next refresh after that message is done
(`call_after_refresh`): the layout and the drawing of the new rows count too.
A burst posts its keys as the terminal driver would, without Pilot's wait after each.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from time import perf_counter

from textual import events
from textual.message import Message
from textual.widgets import Input

from navigator.bench.measure_search import Latency
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.screens.search import SearchScreen

RESULT_TIMEOUT = 10.0  # seconds to wait for one keystroke's results before giving up


@dataclass(frozen=True)
class ScreenReport:
    keystrokes: int
    echo: Latency  # key sent -> the search box holds the new text
    results: Latency  # key sent -> that text's results are in the result list
    drawn: Latency  # key sent -> the screen has been drawn with those results
    search: Latency  # of which: the search itself, in the worker thread
    timeouts: int
    burst_seconds: float  # a whole query typed without waiting -> its final results shown
    burst_result_sets: int  # result sets drawn during the burst (the rest were cancelled)


class _Clock:
    """Timestamps of the search box changing and of results being shown, by text.

    Both are public messages seen through run_test's message hook: the search box's
    Input.Changed, and SearchScreen.ResultsShown, posted once the list holds the results.
    """

    def __init__(self) -> None:
        self.app: NavigatorApp | None = None
        self.echoed: dict[str, float] = {}
        self.shown: dict[str, float] = {}
        self.drawn: dict[str, float] = {}
        self.shown_count = 0
        self.search_ms: dict[str, float] = {}

    def hook(self, message: Message) -> None:
        if isinstance(message, Input.Changed) and message.input.id == "query":
            self.echoed.setdefault(message.value, perf_counter())
        elif isinstance(message, SearchScreen.ResultsShown):
            self.shown_count += 1
            if message.text not in self.shown:
                self.shown[message.text] = perf_counter()
                if self.app is not None:
                    self.app.call_after_refresh(self._drawn, message.text)
            self.search_ms.setdefault(message.text, message.search_ms)

    def _drawn(self, text: str) -> None:
        self.drawn.setdefault(text, perf_counter())

    def reset(self) -> None:
        self.echoed.clear()
        self.shown.clear()
        self.drawn.clear()
        self.shown_count = 0

    async def wait_shown(self, text: str) -> bool:
        """Until the results for `text` are drawn (False after RESULT_TIMEOUT)."""
        deadline = perf_counter() + RESULT_TIMEOUT
        while text not in self.drawn:
            if perf_counter() > deadline:
                return False
            await asyncio.sleep(0.0002)
        return True


def _key(char: str) -> str:
    return "space" if char == " " else char


async def _drive(desk: Desk, queries: list[str]) -> ScreenReport:
    clock = _Clock()
    app = NavigatorApp(desk)
    clock.app = app
    echo: list[float] = []
    shown: list[float] = []
    drawn: list[float] = []
    searching: list[float] = []
    timeouts = 0
    async with app.run_test(size=(140, 40), message_hook=clock.hook) as pilot:
        assert isinstance(app.screen, SearchScreen)
        await app.workers.wait_for_complete()
        for query in queries:
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            clock.reset()
            for i, char in enumerate(query, start=1):
                text = query[:i]
                started = perf_counter()
                await pilot.press(_key(char))
                if not await clock.wait_shown(text):
                    timeouts += 1
                    continue
                echo.append((clock.echoed.get(text, clock.shown[text]) - started) * 1000)
                shown.append((clock.shown[text] - started) * 1000)
                drawn.append((clock.drawn[text] - started) * 1000)
                searching.append(clock.search_ms[text])
                await pilot.pause()  # let the frame be drawn before the next key
        # A burst: the last query typed as fast as keys come. Pilot waits for the app to
        # be idle after each key (so for each search), which is no burst: the keys are
        # posted to the app as the terminal driver would post them, one loop turn apart.
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        clock.reset()
        started = perf_counter()
        for char in queries[-1]:
            app.post_message(events.Key(_key(char), char))
            await asyncio.sleep(0)
        await clock.wait_shown(queries[-1])
        burst = perf_counter() - started
        result_sets = clock.shown_count
    return ScreenReport(
        len(echo),
        Latency.of(echo),
        Latency.of(shown),
        Latency.of(drawn),
        Latency.of(searching),
        timeouts,
        burst,
        result_sets,
    )


def measure_screen(desk: Desk, queries: list[str]) -> ScreenReport:
    """Type each query into the running app one key at a time, waiting for its results."""
    return asyncio.run(_drive(desk, queries))
