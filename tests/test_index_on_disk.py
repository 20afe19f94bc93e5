"""The search index is saved beside the database and opened from there, never stale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED_DATA, fixed_clock
from navigator.config import Settings
from navigator.desk.catalogue_index import index_path, keep_listings_at_hand, open_index
from navigator.desk.context import Desk, open_desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.desk.search_services import search_services
from navigator.search.building import IndexedCatalogue
from navigator.search.filters import SearchFilters
from navigator.search.index import SearchIndex, SearchResult
from navigator.search.index_file import open_index_file, save_index_file
from navigator.store.catalogue_store import load_catalogue, service_count

NOW = datetime(2026, 11, 24, 10, 30)
DEMO_QUERIES = (
    "", "food", "fo", "food pantry", "shelter tonight", "housing food", "spanish",
    "legal help eviction", "dentist", "mental health", "xyzzy", "clothes for kids",
)  # fmt: skip
MIAMI = SHARED_DATA / "miami-211-hsds-1.1"
MIAMI_SITE = (25.787, -80.200)
MIAMI_QUERIES = (
    "food", "food pantry", "shelter", "rent help", "dental", "mental health counseling",
    "immigration lawyer", "comida", "diapers", "bus pass", "alcohol", "hiv testing",
    "domestic violence", "job training", "el", "senior meals",
)  # fmt: skip


def _shown(results: list[SearchResult]) -> list[tuple[object, ...]]:
    return [
        (r.listing, r.score, r.matched_needs, r.availability, r.distance_km, r.stale, r.explanation)
        for r in results
    ]


def _in_memory(desk: Desk) -> SearchIndex:
    """The old way: every listing read back and indexed in memory, in id order."""
    with desk.session() as session:
        listings = load_catalogue(session).listings()
    return SearchIndex(listings, desk.lexicon)


def _from_file(desk: Desk) -> SearchIndex:
    """Built from the database into the file (when missing), then opened from the file."""
    open_index(desk)
    assert index_path(desk.db_path).exists()
    return open_index(desk)


def _same_answers(
    memory: SearchIndex, disk: SearchIndex, queries: tuple[str, ...], site: tuple[float, float]
) -> None:
    for text in queries:
        for filters in (SearchFilters(), SearchFilters(open_now=True, free_only=True)):
            expected = memory.search(text, now=NOW, site=site, filters=filters)
            got = disk.search(text, now=NOW, site=site, filters=filters)
            assert _shown(got) == _shown(expected), (text, filters)


def test_index_opened_from_its_file_answers_exactly_as_one_built_in_memory(desk: Desk) -> None:
    # Given the demo catalogue indexed from the database into the file beside it
    index_path(desk.db_path).unlink(missing_ok=True)
    disk = _from_file(desk)
    # Then every query gives the same results, scores, hours and explanations
    memory = _in_memory(desk)
    _same_answers(memory, disk, DEMO_QUERIES, (42.300, -71.800))
    assert len(disk) == len(memory)
    assert disk.listing(memory.data.ids[0]) == memory.listing(memory.data.ids[0])
    assert disk.listing("no-such-service") is None


@pytest.fixture(scope="module")
def miami_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    if not MIAMI.exists():
        pytest.skip(f"the Miami 211 export is not at {MIAMI}")
    settings = Settings(
        site_id="site-miami",
        timezone="America/New_York",
        site_latitude=MIAMI_SITE[0],
        site_longitude=MIAMI_SITE[1],
    )
    db = tmp_path_factory.mktemp("miami-index") / "navigator.db"
    opened = open_desk(db, settings=settings, clock=fixed_clock, load_demo=False)
    import_catalogue(opened, MIAMI)
    yield opened
    opened.close()


def test_miami_index_from_its_file_answers_exactly_as_one_built_in_memory(
    miami_desk: Desk,
) -> None:
    disk = _from_file(miami_desk)
    memory = _in_memory(miami_desk)
    _same_answers(memory, disk, MIAMI_QUERIES, MIAMI_SITE)


def test_every_column_survives_the_file_whatever_its_name(tmp_path: Path, desk: Desk) -> None:
    # Given an index with a column added later (as ranking work may add one)
    data = desk.index.data
    data.walk_score = np.arange(len(data), dtype=np.float32)  # type: ignore[attr-defined]
    path = tmp_path / "index"
    # When it is saved and opened again
    save_index_file(path, data.columns(), {"catalogue": "x"})
    columns = open_index_file(path, {"catalogue": "x"})
    assert columns is not None
    loaded = IndexedCatalogue.from_columns(columns, desk.lexicon)
    # Then every column comes back equal, the new one included
    for name, value in data.columns().items():
        back = getattr(loaded, name)
        if isinstance(value, np.ndarray):
            assert np.array_equal(back, value, equal_nan=value.dtype.kind == "f"), name
        elif isinstance(value, dict):
            assert sorted(back) == sorted(value), name
            assert all(np.array_equal(back[k], value[k]) for k in value), name
        else:
            assert list(back) == list(value), name
    assert loaded.vocabulary.words == data.vocabulary.words


def test_a_column_the_file_cannot_keep_is_named(tmp_path: Path, desk: Desk) -> None:
    columns = desk.index.data.columns() | {"scores_by_word": {"food": 1.0}}
    with pytest.raises(TypeError, match="scores_by_word"):
        save_index_file(tmp_path / "index", columns, {})


def _reopened(desk: Desk) -> Desk:
    """The same database opened by a new process."""
    return open_desk(desk.db_path, settings=desk.settings, clock=fixed_clock)


def test_a_new_catalogue_is_indexed_afresh_and_the_file_follows_it(
    desk: Desk, tmp_path: Path
) -> None:
    # Given a desk whose index file holds the demo catalogue
    desk.rebuild_index()
    assert search_services(desk, "food")
    before = index_path(desk.db_path).read_bytes()
    # When another catalogue is imported
    flat = tmp_path / "services.csv"
    flat.write_text(
        "id,organization,service,description\n"
        "s1,Harbor Club,Harbor Kayak Club,Paddling lessons for teens\n"
    )
    import_catalogue(desk, flat)
    # Then this process and the next one find the new listing, not the old ones
    assert [r.listing.id for r in search_services(desk, "kayak", finished=True)] == ["s1"]
    assert not search_services(desk, "pantry", finished=True)
    assert index_path(desk.db_path).read_bytes() != before
    later = _reopened(desk)
    try:
        assert [r.listing.id for r in search_services(later, "kayak", finished=True)] == ["s1"]
    finally:
        later.close()


@pytest.mark.parametrize(
    "damage",
    ["missing", "truncated", "flipped byte", "garbage", "empty", "other catalogue"],
)
def test_a_damaged_or_mismatched_index_file_is_rebuilt(desk: Desk, damage: str) -> None:
    # Given an index file saved for the demo catalogue
    desk.rebuild_index()
    expected = [r.listing.id for r in search_services(desk, "food pantry")]
    path = index_path(desk.db_path)
    good = path.read_bytes()
    # When the file is lost, cut short, corrupted or made for another catalogue
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flipped byte":
        path.write_bytes(good[:-100] + bytes([good[-100] ^ 0xFF]) + good[-99:])
    elif damage == "garbage":
        path.write_bytes(b"not an index" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        save_index_file(path, {"ids": ["elsewhere"]}, {"catalogue": "another"})
    # Then a new process rebuilds it and answers as before
    later = _reopened(desk)
    try:
        assert [r.listing.id for r in search_services(later, "food pantry")] == expected
    finally:
        later.close()
    assert open_index_file(path, _stamp_of(desk)) is not None


def _stamp_of(desk: Desk) -> dict[str, object]:
    from navigator.desk.catalogue_index import _stamp
    from navigator.store.listing_details import catalogue_stamp

    with desk.session() as session:
        return _stamp(catalogue_stamp(session), desk.lexicon)


def test_an_index_file_from_other_index_code_is_not_used(desk: Desk) -> None:
    desk.rebuild_index()
    path = index_path(desk.db_path)
    stamp = _stamp_of(desk)
    assert open_index_file(path, stamp) is not None
    assert open_index_file(path, stamp | {"code": "older"}) is None
    assert open_index_file(path, stamp | {"lexicon": "edited"}) is None


async def test_typing_while_a_missing_index_is_rebuilt_shows_the_latest_query(desk: Desk) -> None:
    # Given a desk opened after its index file was lost (a new laptop, a wiped folder)
    from textual.widgets import Static

    from navigator.tui.app import NavigatorApp
    from navigator.tui.screens.search import SearchScreen

    path = index_path(desk.db_path)
    path.unlink(missing_ok=True)
    desk.forget_index()
    app = NavigatorApp(desk)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # When the volunteer types at once, key by key
        await pilot.press(*"food pantry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the results are those of the whole query, and the file is back
        assert screen.last_query == "food pantry"
        shown = [r.listing.id for r in screen.results.results]
        assert shown == [r.listing.id for r in search_services(desk, "food pantry")]
        assert shown
        assert "Loading" not in str(screen.query_one("#search-status", Static).render())
    assert path.exists()


def test_numbers_of_any_width_accented_words_and_empty_columns_round_trip(
    tmp_path: Path,
) -> None:
    columns = {
        "small": np.arange(5, dtype=np.uint16),
        "half": np.array([1.5, np.nan], dtype=np.float16),
        "words": ["café", "niño", ""],
        "postings": {"añadir": np.array([1, 2], dtype=np.int32), "x": np.zeros(0, np.int32)},
        "nothing": np.zeros(0, dtype=np.int64),
        "no_postings": {},
    }
    save_index_file(tmp_path / "index", columns, {"v": 1})
    back = open_index_file(tmp_path / "index", {"v": 1})
    assert back is not None
    assert np.array_equal(back["small"], columns["small"])
    assert np.array_equal(back["half"], columns["half"], equal_nan=True)
    assert list(back["words"]) == ["café", "niño", ""]
    assert back["words"][-1] == ""
    assert sorted(back["postings"]) == ["añadir", "x"]
    assert back["postings"]["añadir"].tolist() == [1, 2]
    assert back["nothing"].size == 0
    assert dict(back["no_postings"]) == {}


def test_a_city_sized_directory_is_read_once_and_then_kept(desk: Desk) -> None:
    # Given a desk whose index is opened from its file, reading listings on demand
    desk.index_loader = open_index
    desk.forget_index()
    queries = ("food", "shelter tonight", "")
    read_on_demand = [_shown(search_services(desk, q, filters=SearchFilters())) for q in queries]
    # When the app keeps the listings at hand after the index opens
    kept = keep_listings_at_hand(desk)
    # Then every listing of this small directory is held, and searches show the same
    with desk.session() as session:
        assert kept == service_count(session) > 0
    kept_answers = [_shown(search_services(desk, q, filters=SearchFilters())) for q in queries]
    assert kept_answers == read_on_demand
