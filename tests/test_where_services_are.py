"""Where services are: listings without coordinates are placed by ZIP code or town at import,
the desk can be placed by its ZIP code, and distances say how they were found."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import text

from navigator.catalogue.hsds3_export import catalogue_records
from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.config import Settings
from navigator.domain.catalogue import Address, Listing, Location, Service, distance_text
from navigator.domain.locating import city_place, locate, locate_address, us_zip, zip_place
from navigator.domain.needs import default_lexicon
from navigator.store.database import alembic_config, make_engine, open_database

MIAMI_SITE = {"NAVIGATOR_SITE_LATITUDE": "25.787", "NAVIGATOR_SITE_LONGITUDE": "-80.200"}
COLUMNS = ["organization", "service", "needs", "address", "city", "state", "postal_code",
           "latitude", "longitude"]  # fmt: skip


def _sheet(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _miami_sheet(tmp_path: Path) -> Path:
    """Four pantries near Miami: one with coordinates, one with a ZIP, one with a town only,
    one with nothing to place it by."""
    return _sheet(
        tmp_path / "pantries.csv",
        [
            {"organization": "Exact Org", "service": "Exact Pantry", "needs": "food",
             "address": "1 Flagler St", "city": "Miami", "state": "FL", "postal_code": "33130",
             "latitude": "25.774", "longitude": "-80.194"},
            {"organization": "Zip Org", "service": "Zip Pantry", "needs": "food",
             "address": "2 SW 8th St", "city": "", "state": "FL", "postal_code": "33130-1234",
             "latitude": "", "longitude": ""},
            {"organization": "Town Org", "service": "Town Pantry", "needs": "food",
             "address": "3 Palm Ave", "city": "Hialeah", "state": "Florida",
             "postal_code": "n/a", "latitude": "", "longitude": ""},
            {"organization": "Nowhere Org", "service": "Nowhere Pantry", "needs": "food",
             "address": "4 Unknown Rd", "city": "", "state": "", "postal_code": "3313",
             "latitude": "", "longitude": ""},
        ],
    )  # fmt: skip


def _search(db: Path, *args: str, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        main, ["search", *args, "--json", "--limit", "20", "--db", str(db)], env=env
    )
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(
        main, ["catalogue", "import", str(_miami_sheet(tmp_path)), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db


# --- the locator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [("33130", "33130"), (" 33130-1234 ", "33130"), ("331301234", "33130"), ("3313", None),
     ("n/a", None), ("", None), (None, None), ("SW1A 1AA", None), ("K1A 0B1", None),
     ("331300", None), ("33130-12", None), ("３３１３０", None), ("෧5᭕𞋹𞋹", None)],
)  # fmt: skip
def test_only_real_zip_shapes_are_read_as_zip_codes(written: str | None, code: str | None) -> None:
    assert us_zip(written) == code


def test_a_zip_code_is_placed_at_its_centre() -> None:
    place = zip_place("33130")
    assert place is not None
    assert place.located_by == "postal_code"
    assert (round(place.latitude, 1), round(place.longitude, 1)) == (25.8, -80.2)


def test_an_unknown_or_contradicted_zip_code_places_nothing() -> None:
    assert zip_place("00000") is None
    # 33130 is in Florida: an address saying Texas has a typo somewhere, so it is not trusted
    assert locate_address(Address(address_1="x", postal_code="33130", state_province="TX")) is None


def test_a_foreign_postcode_is_never_read_as_a_us_zip_code() -> None:
    # Given a Berlin address whose postcode has five digits, like a US ZIP code
    berlin = Address(address_1="Unter den Linden 1", city="Berlin", postal_code="10117",
                     country="Germany")  # fmt: skip
    # Then it is placed in Berlin by its town, not in the US by "ZIP code" 10117
    place = locate_address(berlin)
    assert place is not None
    assert place.located_by == "city"
    assert 52 < place.latitude < 53


def test_a_town_is_placed_when_the_zip_code_is_bad() -> None:
    place = locate_address(
        Address(address_1="x", city="Hialeah", state_province="Florida", postal_code="3313")
    )
    assert place is not None
    assert place.located_by == "city"
    assert 25.7 < place.latitude < 26.0


def test_without_zip_code_or_town_nothing_is_placed() -> None:
    assert locate_address(Address(address_1="4 Unknown Rd", postal_code="n/a")) is None
    assert city_place("", "FL") is None
    assert locate_address(Address(address_1="x", city="Nowheresville Qq", country="US")) is None
    assert locate_address(Address(address_1="x", city="Paris", country="Atlantis")) is None


def test_coordinates_from_the_directory_are_kept_and_called_exact() -> None:
    # (coordinates that fit their ZIP code: ones that do not are in
    # test_where_listings_really_are.py)
    location = Location(id="l", latitude=25.77, longitude=-80.2,
                        addresses=(Address(address_1="x", postal_code="33130"),))  # fmt: skip
    placed = locate(location)
    assert (placed.latitude, placed.longitude, placed.located_by) == (25.77, -80.2, "exact")


def test_a_zip_code_beats_a_town_among_a_locations_addresses() -> None:
    location = Location(
        id="l",
        addresses=(Address(address_1="x", city="Hialeah", state_province="FL"),
                   Address(address_1="y", postal_code="33130")),
    )  # fmt: skip
    assert locate(location).located_by == "postal_code"


texts = st.none() | st.text(max_size=20) | st.from_regex(r"\d{3,10}(-\d{0,5})?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(postal=texts, city=texts, state=texts, country=texts)
def test_any_address_is_placed_on_the_globe_or_not_at_all(
    postal: str | None, city: str | None, state: str | None, country: str | None
) -> None:
    address = Address(address_1="1 Main St", postal_code=postal, city=city,
                      state_province=state, country=country)  # fmt: skip
    place = locate_address(address)
    if place is not None:
        assert place.located_by in {"postal_code", "city"}
        assert -90 <= place.latitude <= 90
        assert -180 <= place.longitude <= 180
        if place.located_by == "postal_code":
            assert us_zip(postal) is not None


@given(st.floats(0, 20_000, allow_nan=False))
def test_the_distance_says_how_the_place_was_found(km: float) -> None:
    assert distance_text(km, "exact") == f"{km:.1f} km"
    assert distance_text(km, "postal_code") == f"{km:.1f} km · by ZIP"
    assert distance_text(km, "city") == f"{km:.1f} km · by city"


def test_a_listing_shows_one_location_and_its_own_point() -> None:
    # The point and "by ZIP" belong to the location whose address is shown: the first one
    # (or, from a site, the nearest: see test_where_listings_really_are.py).
    by_zip = Location(id="a", latitude=1.0, longitude=1.0, located_by="postal_code")
    exact = Location(id="b", latitude=2.0, longitude=2.0)
    listing = Listing(service=Service(id="s", name="S"), locations=(by_zip, exact))
    assert (listing.coordinates, listing.located_by) == ((1.0, 1.0), "postal_code")
    assert listing.seen_from((2.0, 2.0)).located_by == "exact"
    only_zip = Listing(service=Service(id="s", name="S"), locations=(by_zip,))
    assert (only_zip.coordinates, only_zip.located_by) == ((1.0, 1.0), "postal_code")
    nowhere = Listing(service=Service(id="s", name="S"), locations=(Location(id="c"),))
    assert (nowhere.coordinates, nowhere.located_by) == (None, None)


# --- the site's ZIP code ----------------------------------------------------------------------


def test_the_site_can_be_set_by_zip_code_and_coordinates_win() -> None:
    by_zip = Settings(site_postal_code="33130-1234")
    assert by_zip.site_postal_code == "33130"
    point = by_zip.site_coordinates
    assert point is not None
    assert (round(point[0], 1), round(point[1], 1)) == (25.8, -80.2)
    both = Settings(site_postal_code="33130", site_latitude=42.3, site_longitude=-71.8)
    assert both.site_coordinates == (42.3, -71.8)
    assert Settings().search_radius_km == 40.0


@pytest.mark.parametrize("bad", ["3313", "n/a", "SW1A 1AA"])
def test_a_site_zip_code_that_is_not_one_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="not a US ZIP code"):
        Settings(site_postal_code=bad)


def test_a_site_zip_code_the_package_does_not_know_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="00000 is not a ZIP code Navigator knows"):
        Settings(site_postal_code="00000")
    # unless coordinates are set, which win anyway
    assert Settings(site_postal_code="00000", site_latitude=1, site_longitude=2).site_coordinates


def test_the_cli_names_an_unknown_site_zip_code(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    result = CliRunner().invoke(
        main, ["search", "pantry", "--db", str(db)], env={"NAVIGATOR_SITE_POSTAL_CODE": "00000"}
    )
    assert result.exit_code != 0
    assert "00000 is not a ZIP code Navigator knows" in result.output


def test_the_cli_refuses_a_bad_site_zip_code(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    result = CliRunner().invoke(
        main, ["search", "pantry", "--db", str(db)], env={"NAVIGATOR_SITE_POSTAL_CODE": "3313"}
    )
    assert result.exit_code != 0
    assert "site_postal_code" in result.output


# --- import, search and the within-km filter --------------------------------------------------


def test_imported_pantries_without_coordinates_get_a_distance_by_zip_or_town(
    tmp_path: Path,
) -> None:
    # Given a sheet where only one pantry has coordinates, imported with the site in Miami
    db = _imported(tmp_path)
    # When the volunteer searches
    found = {r["name"]: r for r in _search(db, "pantry", env=MIAMI_SITE)}
    # Then each pantry says how far it is and how that was found
    assert found["Exact Pantry"]["located_by"] == "exact"
    assert found["Zip Pantry"]["located_by"] == "postal_code"
    assert "km · by ZIP" in str(found["Zip Pantry"]["explanation"])
    assert found["Town Pantry"]["located_by"] == "city"
    assert "km · by city" in str(found["Town Pantry"]["explanation"])
    assert found["Nowhere Pantry"]["located_by"] is None
    assert found["Nowhere Pantry"]["distance_km"] is None
    assert all(isinstance(found[n]["distance_km"], float) for n in ("Zip Pantry", "Town Pantry"))


def test_the_within_km_filter_keeps_pantries_placed_by_zip_code(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    near = {r["name"] for r in _search(db, "pantry", "--within-km", "10", env=MIAMI_SITE)}
    assert near == {"Exact Pantry", "Zip Pantry"}  # Hialeah's centre is about 12 km away
    wider = {r["name"] for r in _search(db, "pantry", "--within-km", "20", env=MIAMI_SITE)}
    assert wider == {"Exact Pantry", "Zip Pantry", "Town Pantry"}


def test_a_site_set_by_zip_code_gives_distances(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    found = _search(db, "pantry", env={"NAVIGATOR_SITE_POSTAL_CODE": "33130"})
    by_name = {r["name"]: r for r in found}
    zip_pantry = by_name["Zip Pantry"]["distance_km"]
    assert isinstance(zip_pantry, float)
    assert zip_pantry < 0.1  # the same ZIP centre as the site


def test_human_search_output_shows_by_zip(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    result = CliRunner().invoke(main, ["search", "zip pantry", "--db", str(db)], env=MIAMI_SITE)
    assert result.exit_code == 0, result.output
    assert "km · by ZIP" in result.stdout


def test_export_writes_only_the_directorys_own_coordinates(tmp_path: Path) -> None:
    catalogue = read_catalogue(_miami_sheet(tmp_path)).catalogue
    records = catalogue_records(catalogue, default_lexicon())
    locations = [loc for record in records for loc in record.get("service_at_locations", [])]
    assert locations, "the export nests locations under services"
    points = [(sal["location"].get("name"), sal["location"].get("latitude")) for sal in locations]
    assert ("Exact Org", 25.774) in points
    assert all(lat is None for name, lat in points if name != "Exact Org")


# --- an existing database ---------------------------------------------------------------------


def test_upgrading_an_old_database_places_its_locations(tmp_path: Path) -> None:
    # Given a database at revision 0007 holding a location with only a ZIP code
    path = tmp_path / "old.db"
    path.touch(mode=0o600)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0007")
    with engine.begin() as c:
        c.execute(text("INSERT INTO location (id, kind, latitude, longitude, accessibility) "
                       "VALUES ('zip', 'physical', NULL, NULL, '[]'), "
                       "('exact', 'physical', 25.0, -80.0, '[]'), "
                       "('none', 'physical', NULL, NULL, '[]')"))  # fmt: skip
        c.execute(text("INSERT INTO address (location_id, position, address_1, postal_code) "
                       "VALUES ('zip', 0, '2 SW 8th St', '33130'), "
                       "('none', 0, '4 Unknown Rd', 'n/a')"))  # fmt: skip
    engine.dispose()
    # When the desk opens it
    upgraded = open_database(path)
    # Then the ZIP-only location has its ZIP centre, and each says how it was found
    with upgraded.connect() as c:
        rows = {
            r.id: r
            for r in c.execute(text("SELECT id, latitude, longitude, located_by FROM location"))
        }
    upgraded.dispose()
    assert rows["zip"].located_by == "postal_code"
    assert round(rows["zip"].latitude, 1) == 25.8
    assert (rows["exact"].latitude, rows["exact"].located_by) == (25.0, "exact")
    assert (rows["none"].latitude, rows["none"].located_by) == (None, None)


def test_the_demo_still_imports_with_its_own_coordinates(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"
    result = CliRunner().invoke(main, ["catalogue", "import", str(demo), "--db", str(db)])
    assert result.exit_code == 0, result.output
    catalogue = read_catalogue(demo).catalogue
    assert {loc.located_by for loc in catalogue.locations} <= {"exact", None}
    assert sum(loc.located_by == "exact" for loc in catalogue.locations) == 75
