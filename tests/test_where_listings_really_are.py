"""Where a listing really is, seen from a desk in Miami: the address shown, the distance next
to it and "by ZIP" all speak of one place; a service at several places shows the nearest;
coordinates that cannot be right give way to the address's ZIP code."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import text

from navigator.bench.places import km_between
from navigator.cli import main
from navigator.config import Settings
from navigator.desk.context import open_desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.domain.catalogue import Address, Listing, Location, Service
from navigator.domain.locating import placed, zip_place
from navigator.store.database import alembic_config, make_engine, open_database
from navigator.tui.app import NavigatorApp
from navigator.tui.widgets.result_list import ResultList
from navigator.tui.widgets.service_detail import ServiceDetail

SITE = (25.787, -80.200)
MIAMI_SITE = {
    "NAVIGATOR_SITE_LATITUDE": "25.787",
    "NAVIGATOR_SITE_LONGITUDE": "-80.200",
    "NAVIGATOR_TIMEZONE": "America/New_York",
}
MIAMI = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "miami-211-hsds-1.1"

# (location id, latitude, longitude, address, ZIP code)
LOCATIONS = [
    # A school office 12 km west, geocoded to the school board's downtown head office.
    ("meals", "25.7890343757821", "-80.190763389692", "7042 W Flagler Street", "33144"),
    # One pantry at two places: Homestead (listed first) and downtown, near the site.
    ("homestead", "25.4687", "-80.4776", "30 N Krome Avenue", "33030"),
    ("downtown", "25.7743", "-80.1937", "100 W Flagler Street", "33130"),
    # Latitude and longitude swapped by the directory.
    ("swapped", "-80.1937", "25.7743", "101 W Flagler Street", "33130"),
    # A clinic with a ZIP but no coordinates, and a point with no address after it.
    ("clinic", "", "", "1 NE 1st Street", "33132"),
    ("far-point", "26.1224", "-80.1373", "", ""),
    # (0, 0): no place at all, but a ZIP to place it by.
    ("null-island", "0", "0", "200 SE 1st Street", "33131"),
    # A phone line: no address, no point.
    ("phone", "", "", "", ""),
]
# (service id, name, location ids in the directory's order)
SERVICES = [
    ("s-meals", "School Meals Office", ["meals"]),
    ("s-two", "Two Site Food Pantry", ["homestead", "downtown"]),
    ("s-swap", "Swapped Food Pantry", ["swapped"]),
    ("s-clinic", "Clinic Food Pantry", ["clinic", "far-point"]),
    ("s-null", "Null Island Food Pantry", ["null-island"]),
    ("s-phone", "Food Hotline", ["phone"]),
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _package(tmp_path: Path) -> Path:
    """A small HSDS 1.1 tabular package with every kind of place above."""
    folder = tmp_path / "package"
    folder.mkdir()
    _write(folder / "organizations.csv", ["id", "name", "description"],
           [["org", "Food Helpers", "Food for families"]])  # fmt: skip
    _write(folder / "services.csv", ["id", "organization_id", "name", "description"],
           [[sid, "org", name, "Free groceries and meals for anyone hungry."]
            for sid, name, _ in SERVICES])  # fmt: skip
    _write(folder / "locations.csv", ["id", "organization_id", "name", "latitude", "longitude"],
           [[lid, "org", lid, lat, lon] for lid, lat, lon, _, _ in LOCATIONS])  # fmt: skip
    _write(folder / "physical_addresses.csv",
           ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country"],
           [[f"a-{lid}", lid, street, "Miami", "FL", code, "US"]
            for lid, _, _, street, code in LOCATIONS if street])  # fmt: skip
    _write(folder / "services_at_location.csv", ["id", "service_id", "location_id"],
           [[f"{sid}-{lid}", sid, lid] for sid, _, lids in SERVICES for lid in lids])  # fmt: skip
    return folder


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(_package(tmp_path)),
                                       "--db", str(db)])  # fmt: skip
    assert result.exit_code == 0, result.output
    return db


def _search(db: Path, *args: str, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        main, ["search", *args, "--json", "--limit", "20", "--db", str(db)], env=env
    )
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def _km_to_zip(code: str) -> float:
    centre = zip_place(code)
    assert centre is not None
    return km_between(SITE, (centre.latitude, centre.longitude))


# --- a service at several places --------------------------------------------------------------


def test_a_pantry_at_two_places_shows_the_one_near_the_desk(tmp_path: Path) -> None:
    # Given a pantry listed in Homestead first and downtown second
    db = _imported(tmp_path)
    # When a volunteer in Miami searches
    found = {r["name"]: r for r in _search(db, "food pantry", env=MIAMI_SITE)}
    # Then it shows the downtown address with the downtown distance
    pantry = found["Two Site Food Pantry"]
    assert pantry["address"] == "100 W Flagler Street, Miami, FL 33130"
    distance = pantry["distance_km"]
    assert isinstance(distance, float)
    assert distance == pytest.approx(km_between(SITE, (25.7743, -80.1937)), abs=0.05)
    assert pantry["located_by"] == "exact"
    assert f"{distance:.1f} km" in str(pantry["explanation"])


def test_the_within_km_filter_keeps_a_service_whose_nearest_place_is_near(
    tmp_path: Path,
) -> None:
    db = _imported(tmp_path)
    near = {r["name"] for r in _search(db, "food", "--within-km", "5", env=MIAMI_SITE)}
    assert "Two Site Food Pantry" in near
    assert "School Meals Office" not in near  # 12 km west, whatever its geocode says


def test_a_distance_is_never_one_places_and_the_address_anothers(tmp_path: Path) -> None:
    # Given a clinic whose first location has a street address placed by ZIP, and whose
    # second is a bare point in Fort Lauderdale
    db = _imported(tmp_path)
    found = {r["name"]: r for r in _search(db, "food pantry", env=MIAMI_SITE)}
    clinic = found["Clinic Food Pantry"]
    # Then the address shown is the downtown one, with its own ZIP distance
    assert clinic["address"] == "1 NE 1st Street, Miami, FL 33132"
    assert clinic["located_by"] == "postal_code"
    assert clinic["distance_km"] == pytest.approx(_km_to_zip("33132"), abs=0.05)
    assert "by ZIP" in str(clinic["explanation"])


def test_without_a_site_a_listing_shows_its_first_place() -> None:
    by_zip = Location(id="a", latitude=1.0, longitude=1.0, located_by="postal_code",
                      addresses=(Address(address_1="1 Main St"),))  # fmt: skip
    exact = Location(id="b", latitude=2.0, longitude=2.0, addresses=(Address(address_1="2 Elm"),))
    listing = Listing(service=Service(id="s", name="S"), locations=(by_zip, exact))
    assert (listing.address, listing.coordinates, listing.located_by) == (
        "1 Main St", (1.0, 1.0), "postal_code")  # fmt: skip
    seen = listing.seen_from((2.1, 2.1))
    assert (seen.address, seen.coordinates, seen.located_by) == ("2 Elm", (2.0, 2.0), "exact")


# --- coordinates that cannot be right -----------------------------------------------------------


def test_a_geocode_of_another_building_gives_way_to_the_zip_code(tmp_path: Path) -> None:
    # Given an office at 7042 W Flagler St (ZIP 33144) geocoded to downtown, 1 km from the desk
    db = _imported(tmp_path)
    # When a volunteer searches for food
    found = {r["name"]: r for r in _search(db, "hungry", env=MIAMI_SITE)}
    # Then it is shown 12 km away, by ZIP, as its address says
    meals = found["School Meals Office"]
    assert meals["address"] == "7042 W Flagler Street, Miami, FL 33144"
    assert meals["located_by"] == "postal_code"
    assert meals["distance_km"] == pytest.approx(_km_to_zip("33144"), abs=0.05)
    assert meals["distance_km"] > 10  # type: ignore[operator]
    assert "by ZIP" in str(meals["explanation"])


def test_swapped_and_null_island_coordinates_are_put_right(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    found = {r["name"]: r for r in _search(db, "food pantry", env=MIAMI_SITE)}
    swapped = found["Swapped Food Pantry"]
    assert swapped["located_by"] == "exact"
    assert swapped["distance_km"] == pytest.approx(km_between(SITE, (25.7743, -80.1937)), abs=0.05)
    null_island = found["Null Island Food Pantry"]
    assert null_island["located_by"] == "postal_code"
    assert null_island["distance_km"] == pytest.approx(_km_to_zip("33131"), abs=0.05)


def test_the_import_report_counts_each_correction(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(_package(tmp_path)),
                                       "--db", str(db)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "coordinates far from the address's ZIP code; placed by ZIP instead" in result.stdout
    assert "latitude and longitude swapped" in result.stdout


def test_coordinates_near_their_own_zip_code_are_kept() -> None:
    # 1111 Brickell Ave is 1.5 km from its ZIP centre: an honest geocode stays exact
    location = Location(id="b", latitude=25.7625, longitude=-80.1925, addresses=(
        Address(address_1="1111 Brickell Ave", city="Miami", state_province="FL",
                postal_code="33131"),))  # fmt: skip
    kept, correction = placed(location)
    assert correction is None
    assert (kept.latitude, kept.longitude, kept.located_by) == (25.7625, -80.1925, "exact")


@pytest.mark.parametrize("point", [(0.0, 0.0), (95.0, -80.2), (25.7, -200.0)])
def test_impossible_coordinates_are_dropped_for_the_zip_code(point: tuple[float, float]) -> None:
    address = Address(address_1="1 Flagler St", postal_code="33130")
    location = Location(id="x", latitude=point[0], longitude=point[1], addresses=(address,))
    fixed, correction = placed(location)
    assert correction == "out of range"
    assert fixed.located_by == "postal_code"


def test_a_far_point_whose_zip_says_little_is_checked_against_its_town() -> None:
    # A Washington address geocoded to Miami; its ZIP is one building's (the SBA's), too
    # small a sample to judge by, but the town says Washington
    location = Location(id="w", latitude=25.7583, longitude=-80.1992, addresses=(
        Address(address_1="409 3rd St SW", city="Washington", state_province="DC",
                postal_code="20416"),))  # fmt: skip
    fixed, correction = placed(location)
    assert correction == "far from town"
    # and it is then placed by its address, as if it had come without coordinates
    assert fixed == placed(location.model_copy(update={"latitude": None, "longitude": None}))[0]
    assert fixed.located_by == "postal_code"
    assert fixed.latitude is not None
    assert 38 < fixed.latitude < 39.5


# --- no address at all ------------------------------------------------------------------------


def test_a_phone_line_shows_no_distance_and_is_not_ranked_as_near(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    found = _search(db, "food", env=MIAMI_SITE)
    names = [r["name"] for r in found]
    hotline = found[names.index("Food Hotline")]
    assert hotline["address"] is None
    assert hotline["distance_km"] is None
    assert hotline["located_by"] is None
    assert " km" not in str(hotline["explanation"])
    assert names.index("Food Hotline") > names.index("Two Site Food Pantry")


# --- the Miami 211 package ----------------------------------------------------------------------


@pytest.mark.skipif(not MIAMI.exists(), reason=f"the Miami 211 package is not at {MIAMI}")
def test_miami_school_meals_is_not_shown_at_the_head_offices_distance(tmp_path: Path) -> None:
    # Given Miami 211, where M-DCPS offices all carry the school board's downtown point
    db = tmp_path / "miami.db"
    result = CliRunner().invoke(main, ["catalogue", "import", str(MIAMI), "--db", str(db)])
    assert result.exit_code == 0, result.output
    # When a volunteer at the Miami site asks for school meals
    by_name = {r["id"]: r for r in _search(db, "school meals", env=MIAMI_SITE)}
    # Then it is 12 km west by its ZIP code, not 1 km away at the head office's point
    meals = by_name["1220"]
    assert meals["address"] == "7042 W Flagler Street, Miami, FL 33144"
    assert meals["located_by"] == "postal_code"
    assert meals["distance_km"] > 10  # type: ignore[operator]
    # And for "hungry", every distance placed by ZIP is that of the ZIP shown
    for r in _search(db, "hungry", "--limit", "50", env=MIAMI_SITE):
        code = re.search(r"([0-9]{5})(?:-[0-9]{4})?$", str(r["address"]))
        if r["located_by"] == "postal_code" and code:
            assert r["distance_km"] == pytest.approx(_km_to_zip(code.group(1)), abs=0.1), r


# --- an existing database -------------------------------------------------------------------


def test_upgrading_a_database_checks_its_directory_coordinates(tmp_path: Path) -> None:
    # Given a database at revision 0008 holding the head office's point on a far office,
    # an honest point, and a point with no address to check it by
    path = tmp_path / "old.db"
    path.touch(mode=0o600)
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0008")
    with engine.begin() as c:
        c.execute(text("INSERT INTO location (id, kind, latitude, longitude, located_by, "
                       "accessibility) VALUES "
                       "('far', 'physical', 25.789, -80.1908, 'exact', '[]'), "
                       "('fits', 'physical', 25.7743, -80.1937, 'exact', '[]'), "
                       "('bare', 'physical', 26.1224, -80.1373, 'exact', '[]')"))  # fmt: skip
        c.execute(text("INSERT INTO address (location_id, position, address_1, city, "
                       "state_province, postal_code) VALUES "
                       "('far', 0, '7042 W Flagler Street', 'Miami', 'FL', '33144'), "
                       "('fits', 0, '100 W Flagler Street', 'Miami', 'FL', '33130')"))  # fmt: skip
    engine.dispose()
    # When the desk opens it
    upgraded = open_database(path)
    with upgraded.connect() as c:
        rows = {
            r.id: r
            for r in c.execute(text("SELECT id, latitude, longitude, located_by FROM location"))
        }
    upgraded.dispose()
    # Then the far office is placed by its ZIP, and the others keep their points
    centre = zip_place("33144")
    assert centre is not None
    assert (rows["far"].latitude, rows["far"].longitude) == (centre.latitude, centre.longitude)
    assert rows["far"].located_by == "postal_code"
    assert (rows["fits"].latitude, rows["fits"].located_by) == (25.7743, "exact")
    assert (rows["bare"].latitude, rows["bare"].located_by) == (26.1224, "exact")


# --- the desk app -----------------------------------------------------------------------------


async def test_the_detail_pane_shows_the_near_address_with_its_own_distance(
    tmp_path: Path,
) -> None:
    # Given a desk in Miami with the pantry at two places and a phone line
    settings = Settings(site_id="site-test", timezone="America/New_York",
                        site_latitude=SITE[0], site_longitude=SITE[1])  # fmt: skip
    desk = open_desk(tmp_path / "desk.db", settings=settings, load_demo=False)
    import_catalogue(desk, _package(tmp_path))
    app = NavigatorApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            # When the volunteer looks for a pantry and highlights each result
            await pilot.press(*"food pantry")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            results = app.screen.query_one(ResultList)
            shown: dict[str, str] = {}
            for row in range(results.option_count):
                results.highlighted = row
                await pilot.pause()
                body = app.screen.query_one(ServiceDetail)
                detail = str(body.render())
                shown[detail.strip().splitlines()[0]] = detail
    finally:
        desk.close()
    # Then the pantry shows its downtown door with the downtown distance
    two_sites = shown["Two Site Food Pantry"]
    assert "100 W Flagler Street" in two_sites
    assert "30 N Krome" not in two_sites
    assert f"{km_between(SITE, (25.7743, -80.1937)):.1f} km from this site" in two_sites
    # and the school office its own street, by ZIP; the phone line no distance at all
    meals = shown["School Meals Office"]
    assert "7042 W Flagler Street" in meals
    assert f"{_km_to_zip('33144'):.1f} km from this site · by ZIP" in meals
    hotline = shown["Food Hotline"]
    assert "Phone or online only" in hotline
    assert "from this site" not in hotline


def test_the_slip_and_the_handoff_give_the_door_the_desk_showed(tmp_path: Path) -> None:
    # Given the pantry at two places, imported at a desk in Miami
    db = _imported(tmp_path)
    runner = CliRunner()
    # When the volunteer prints a slip for it and records the handoff
    slip = runner.invoke(main, ["slip", "s-two", "--db", str(db)], env=MIAMI_SITE)
    record = ["handoff", "record", "--service", "s-two", "--kind", "info", "--need", "food"]
    saved = runner.invoke(main, [*record, "--db", str(db), "--json"], env=MIAMI_SITE)
    assert slip.exit_code == 0, slip.output
    assert saved.exit_code == 0, saved.output
    handoff = json.loads(saved.stdout)["id"]
    again = runner.invoke(main, ["slip", "--handoff", handoff, "--db", str(db)], env=MIAMI_SITE)
    assert again.exit_code == 0, again.output
    # Then both give the downtown address the search showed, never Homestead's
    for printed in (slip.stdout, again.stdout):
        assert "100 W Flagler Street" in printed
        assert "Krome" not in printed
