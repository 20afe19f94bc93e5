"""Opening a catalogue: a whole `navigator search` process, and the app's first results,
each in a fresh process, for two databases side by side (a large one against a small one).

Peak memory is the child's own (os.wait4's rusage where the platform has it; otherwise
it is not reported), so the figures include start-up and imports, as a user sees them.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FIRST_RESULTS_TIMEOUT = 300.0


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    peak_rss_mb: float | None


@dataclass(frozen=True)
class OpenReport:
    db: str
    services: int
    first_search: ProcessRun  # builds the index file when it is missing or stale
    search: ProcessRun  # median time of the later runs, their highest peak memory
    app_first_results: float  # median seconds from starting a process to the results shown


def _run(arguments: list[str]) -> tuple[ProcessRun, str]:
    started = time.perf_counter()
    child = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    peak: float | None = None
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        # Linux reports kilobytes, macOS bytes.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    else:
        child.wait()
    seconds = time.perf_counter() - started
    if child.returncode:
        raise RuntimeError(f"{' '.join(arguments)} exited with {child.returncode}")
    return ProcessRun(seconds, peak), output


def search_process(db: Path, query: str) -> ProcessRun:
    """`navigator --db DB search QUERY` in its own process."""
    run, _ = _run([sys.executable, "-m", "navigator", "--db", str(db), "search", query])
    return run


def app_first_results(db: Path, query: str) -> tuple[float, int]:
    """Seconds from starting a process to the app showing results for `query`, typed as
    soon as the search box is there; and the catalogue's size."""
    code = (
        "import sys; from pathlib import Path; from navigator.bench.measure_open import "
        "_first_results_child as run; run(Path(sys.argv[1]), sys.argv[2])"
    )
    started = time.time()
    _, output = _run([sys.executable, "-c", code, str(db), query])
    answer = json.loads(output.strip().splitlines()[-1])
    return float(answer["shown_at"]) - started, int(answer["services"])


def _first_results_child(db: Path, query: str) -> None:
    """In the child: open the app, type `query` at once, print when its results show."""
    from textual.message import Message

    from navigator.desk.context import open_desk
    from navigator.tui.app import NavigatorApp
    from navigator.tui.screens.search import SearchScreen

    shown: dict[str, float] = {}

    def hook(message: Message) -> None:
        if isinstance(message, SearchScreen.ResultsShown):
            shown.setdefault(message.text, time.time())

    async def drive() -> None:
        app = NavigatorApp(desk)
        async with app.run_test(size=(140, 40), message_hook=hook) as pilot:
            for char in query:
                await pilot.press("space" if char == " " else char)
            deadline = time.time() + FIRST_RESULTS_TIMEOUT
            while query not in shown and time.time() < deadline:
                await asyncio.sleep(0.001)

    desk = open_desk(db, load_demo=False)
    try:
        asyncio.run(drive())
        services = len(desk.index)
    finally:
        desk.close()
    print(json.dumps({"shown_at": shown.get(query, float("nan")), "services": services}))


def measure_open(dbs: list[Path], query: str = "food", runs: int = 3) -> list[OpenReport]:
    """Search each database in fresh processes (the first run may build its index), then
    open the app on it; runs alternate between the databases, so a busy machine slows
    each alike, and the median is kept."""
    first = [search_process(db, query) for db in dbs]
    searches: list[list[ProcessRun]] = [[] for _ in dbs]
    shown: list[list[float]] = [[] for _ in dbs]
    services = [0 for _ in dbs]
    for _ in range(runs):
        for i, db in enumerate(dbs):
            searches[i].append(search_process(db, query))
            seconds, services[i] = app_first_results(db, query)
            shown[i].append(seconds)
    reports = []
    for i, db in enumerate(dbs):
        peaks = [r.peak_rss_mb for r in searches[i] if r.peak_rss_mb is not None]
        reports.append(
            OpenReport(
                db=str(db),
                services=services[i],
                first_search=first[i],
                search=ProcessRun(
                    statistics.median(r.seconds for r in searches[i]),
                    max(peaks) if peaks else None,
                ),
                app_first_results=statistics.median(shown[i]),
            )
        )
    return reports
