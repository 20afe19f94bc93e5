"""One key map: every key a volunteer reads about is the key its screen answers.

Keys are declared once, on Bindings with ids; help, the README table, the palette's
hints and every message ask the bindings. These tests fail when text names a key
some other way, or names one that its screen does not bind.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from textual.binding import Binding

import navigator
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.keymap import PLACEHOLDER, UnboundKey, all_bindings, bindings_of, key
from navigator.tui.readme_keys import with_readme_keys
from navigator.tui.screens.day_summary import DaySummaryScreen
from navigator.tui.screens.export_dialog import ExportDialog
from navigator.tui.screens.flag_listing import FlagListingScreen
from navigator.tui.screens.follow_ups import FollowUpsScreen
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.help import HELP_FILE, HelpScreen, help_text
from navigator.tui.screens.import_catalogue import ImportCatalogueScreen
from navigator.tui.screens.lock import OpenDeskLockScreen
from navigator.tui.screens.referral_slip import ReferralSlipScreen
from navigator.tui.screens.search import SearchScreen
from navigator.tui.screens.todays_log import TodaysLogScreen

SOURCE = Path(navigator.__file__).parent
README = Path(__file__).resolve().parents[1] / "README.md"

# Each screen's binding ids start with its name in the key map.
OWNERS: dict[str, type] = {
    "app": NavigatorApp,
    "search": SearchScreen,
    "handoff": HandoffFormScreen,
    "log": TodaysLogScreen,
    "help": HelpScreen,
    "slip": ReferralSlipScreen,
    "flag": FlagListingScreen,
    "follow_ups": FollowUpsScreen,
    "summary": DaySummaryScreen,
    "export": ExportDialog,
    "import": ImportCatalogueScreen,
    "lock": OpenDeskLockScreen,
}
# A key named in words rather than through the key map: function keys, Ctrl+letter,
# Escape, Page Up/Down, and a lone capital letter in a help table's key column.
# (Tab, Space, Enter and the arrows in a text field or table are Textual's own keys.)
KEY_IN_WORDS = re.compile(r"\b(F\d{1,2}|Ctrl\+\w|Esc(?:ape)?|Page ?(?:Up|Down))\b")


@pytest.mark.parametrize(("prefix", "owner"), OWNERS.items(), ids=list(OWNERS))
def test_every_binding_has_an_id_named_for_its_screen(prefix: str, owner: type) -> None:
    for binding in vars(owner)["BINDINGS"]:
        assert isinstance(binding, Binding), f"{owner.__name__}: {binding!r}"
        assert binding.id, f"{owner.__name__} binds {binding.key} without an id"
        assert binding.id.startswith(f"{prefix}."), f"{binding.id} is not named for {prefix}"


def test_binding_ids_are_unique_across_the_app() -> None:
    all_bindings(OWNERS.values())  # raises on an id declared twice


def test_help_names_keys_only_through_the_key_map() -> None:
    template = HELP_FILE.read_text(encoding="utf-8")
    words = PLACEHOLDER.sub("", template)
    assert not KEY_IN_WORDS.findall(words), "help.md names a key in words"
    for line in words.splitlines():
        assert not re.match(r"^\| ?[A-Z] ?\|", line), f"help.md names a key in words: {line}"


def test_each_key_help_names_is_bound_on_the_screen_its_id_names() -> None:
    for binding_id in PLACEHOLDER.findall(HELP_FILE.read_text(encoding="utf-8")):
        owner = OWNERS[binding_id.split(".")[0]]
        assert binding_id in bindings_of(owner), f"help names {binding_id}, unbound"


def test_help_shows_every_key_that_has_a_footer_description() -> None:
    shown = set(PLACEHOLDER.findall(HELP_FILE.read_text(encoding="utf-8")))
    for prefix in ("app", "search", "handoff", "log", "slip", "flag", "follow_ups", "summary"):
        for binding_id, binding in bindings_of(OWNERS[prefix]).items():
            if binding.description and binding_id.startswith(f"{prefix}."):
                assert binding_id in shown, f"help.md does not explain {binding_id}"


def test_the_help_screen_text_is_filled_from_the_bindings() -> None:
    text = help_text(NavigatorApp)
    assert "{key:" not in text
    assert "| Ctrl+R | Referral slip for the highlighted service" in text
    assert "| F6 | Filter bar" in text


def test_the_readme_key_table_matches_the_bindings() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme == with_readme_keys(readme, NavigatorApp), (
        "README key table is stale: python -m navigator.tui.readme_keys README.md"
    )


def _user_facing_strings(path: Path) -> list[tuple[int, str]]:
    """String literals of a module except docstrings (those are for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_message_names_a_key_in_words() -> None:
    # Notifications, labels and hints get their keys from the bindings (tui.keymap.key),
    # so a key moved to another binding can no longer leave a message behind.
    named: list[str] = []
    for package in ("tui", "desk", "cli", "domain", "errors.py"):
        paths = [SOURCE / package] if package.endswith(".py") else (SOURCE / package).rglob("*.py")
        for path in paths:
            if path.name == "keymap.py":
                continue  # the names of keys themselves
            for line, text in _user_facing_strings(path):
                if KEY_IN_WORDS.search(text):
                    named.append(f"{path.relative_to(SOURCE)}:{line}: {text!r}")
    assert not named, "\n".join(named)


def test_text_cannot_name_a_key_its_screen_does_not_bind() -> None:
    assert key(SearchScreen, "search.referral_slip") == "Ctrl+R"
    with pytest.raises(UnboundKey):
        key(TodaysLogScreen, "search.filters")


async def test_a_volunteer_asking_for_a_slip_is_told_the_slip_key(desk: Desk) -> None:
    # Given a search that found nothing to pick
    app = NavigatorApp(desk)
    told: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.notify = lambda message, **_: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press(*"zzqxjv wqxz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.results.current is None
        # When the volunteer presses the slip key
        await pilot.press("ctrl+r")
        await pilot.pause()
    # Then the hint names the key that opens the slip (it once said F6, the filter bar)
    assert told == ["Pick a service first, then press Ctrl+R for its referral slip."]
