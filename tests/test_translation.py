"""Slips in the client's language: gettext catalogues complete, compiled and in agreement."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from navigator.desk.context import Desk
from navigator.desk.referral_slip import slip_as_text, slip_for_services
from navigator.desk.search_services import search_services
from navigator.translation import (
    DOMAIN,
    LOCALES_DIR,
    available_languages,
    gettext_for,
    next_language,
    normalize_language,
)

babel = pytest.importorskip("babel", reason="Babel (a dev dependency) reads the .po sources")


def _po(language: str):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _code_messages() -> set[str]:
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    # The build's own mapping: the code, and the need names in the lexicon's TOML.
    with (LOCALES_DIR / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {"_": None, "N_": None}
    found = extract_from_dir(str(LOCALES_DIR.parent), method_map, options_map, keywords=keywords)
    return {message for _file, _line, message, _comments, _context in found}


def test_spanish_ships() -> None:
    assert available_languages() == ("en", "es")
    assert normalize_language("es_US.UTF-8") == "es"
    assert normalize_language("fr") == "en"
    assert next_language("en") == "es"
    assert next_language("es") == "en"


@pytest.mark.parametrize("language", ["es"])
def test_every_message_in_the_code_is_translated(language: str) -> None:
    catalogue = _po(language)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = sorted(_code_messages() - translated)
    assert missing == [], f"untranslated in {language}.po: {missing}"


@pytest.mark.parametrize("language", ["es"])
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    catalogue = _po(language)
    mo_path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalogue:
        if message.id and message.string:
            assert compiled.gettext(message.id) == message.string, (
                f"{mo_path.name} is older than the .po for {message.id!r}: run pybabel compile"
            )
    assert len(compiled._catalog) - 1 == sum(  # type: ignore[attr-defined]
        1 for m in catalogue if m.id and m.string
    ), "the .mo holds messages the .po no longer has: run pybabel compile"


def test_compiled_catalogues_ship_in_the_wheel() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    packages = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert "src/navigator" in packages
    assert (LOCALES_DIR / "es" / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def test_spanish_slip_keeps_the_listing_as_written(desk: Desk) -> None:
    listing = search_services(desk, "shleter")[0].listing
    text = slip_as_text(slip_for_services(desk, [listing.id], language="es"))
    assert text.startswith("HOJA DE REFERENCIA\n")
    assert "martes 24 de noviembre de 2026" in text
    assert "Hoy" in text
    assert listing.service.name.upper() in text
    assert gettext_for("es")("Address") == "Dirección"


def test_the_language_setting_picks_the_slip_language(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navigator.config import Settings

    monkeypatch.setenv("NAVIGATOR_LANGUAGE", "es")
    assert Settings().language == "es"
    desk.settings = desk.settings.model_copy(update={"language": "es"})
    listing = search_services(desk, "shleter")[0].listing
    assert slip_for_services(desk, [listing.id]).language == "es"
    # And a slip can still be asked for in English
    assert slip_for_services(desk, [listing.id], language="en").language == "en"
