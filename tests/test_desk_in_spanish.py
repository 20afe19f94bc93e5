"""The desk in the volunteer's language: every word a screen shows goes through gettext.

Given `language = "es"` (or NAVIGATOR_LANGUAGE=es), the search screen, the form, the
footer, the help and the confirmations are in Spanish; the listings stay as written.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Markdown, Static

import navigator.tui
from navigator.desk.context import Desk
from navigator.tui.app import NavigatorApp
from navigator.tui.keymap import PLACEHOLDER
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.help import HELP_FILE, HelpScreen, help_file
from navigator.tui.screens.search import SearchScreen
from test_key_map import KEY_IN_WORDS

TUI = Path(navigator.tui.__file__).parent

# Calls whose string arguments a volunteer reads on screen.
VISIBLE = {"notify", "Label", "Static", "Button", "Checkbox", "RadioButton", "update", "_row"}
VISIBLE |= {"add_columns"}
VISIBLE_KEYWORDS = {"placeholder", "title", "prompt", "tooltip"}
# Words that stay as they are in every language: a command to type, a product name.
AS_WRITTEN = {"navigator volunteer add NAME --role lead", "Navigator"}


def _words(node: ast.expr) -> str | None:
    """A literal the screen would show as written: a string with letters, or an f-string."""
    if isinstance(node, ast.JoinedStr):  # words around the values, not the values alone
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return ast.unparse(node) if re.search(r"[A-Za-z]{2}", literal) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        if re.search(r"[A-Za-z]{2}", text) and text not in AS_WRITTEN:
            return text
    return None


def _untranslated_in(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        shown: list[ast.expr] = []
        if name in VISIBLE:
            shown += call.args
        if name == "Binding" and len(call.args) >= 3:
            shown.append(call.args[2])  # the description: the footer shows it
        if name == "content":  # (text, style) pairs and bare strings
            shown += [arg.elts[0] if isinstance(arg, ast.Tuple) else arg for arg in call.args]
        shown += [kw.value for kw in call.keywords if kw.arg in VISIBLE_KEYWORDS]
        for node in shown:
            words = _words(node)
            if words is not None:
                yield f"{path.relative_to(TUI)}:{node.lineno}: {words!r}"


def test_no_screen_shows_words_that_skip_the_catalogue() -> None:
    """A literal shown on screen must be wrapped in _() (or N_() where it is declared),
    so Babel extracts it and test_translation checks its Spanish is there."""
    found = [line for path in sorted(TUI.rglob("*.py")) for line in _untranslated_in(path)]
    assert found == [], "shown without _():\n" + "\n".join(found)


def test_spanish_help_names_the_same_keys_through_the_key_map() -> None:
    spanish = help_file("es")
    assert spanish.name == "help.es.md"
    english_keys = set(PLACEHOLDER.findall(HELP_FILE.read_text(encoding="utf-8")))
    spanish_text = spanish.read_text(encoding="utf-8")
    assert set(PLACEHOLDER.findall(spanish_text)) == english_keys
    words = PLACEHOLDER.sub("", spanish_text)
    assert not KEY_IN_WORDS.findall(words), "help.es.md names a key in words"


async def test_the_desk_opens_in_spanish(desk: Desk) -> None:
    # Given a desk whose language setting is Spanish
    desk.settings = desk.settings.model_copy(update={"language": "es"})
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # Then the search box, the status bar and the footer speak Spanish
        assert screen.query_one("#query", Input).placeholder.startswith("¿Qué necesita")
        assert "Todos los servicios" in str(screen.query_one("#search-status", Static).render())
        # The footer draws its keys after the screen: on a busy machine, a few frames later
        for _frame in range(100):
            if screen.query("FooterKey"):
                break
            await pilot.pause(0.05)
        footer = " ".join(str(key.render()) for key in screen.query("FooterKey"))
        assert "Ayuda" in footer
        assert "Registro" in footer
        assert "Help" not in footer
        # And the listings stay as the directory wrote them, with Spanish labels
        detail = str(screen.query_one("#detail-body", Static).render())
        assert "Dirección" in detail
        assert "Estado" in detail
        # When the volunteer opens the form for a handoff
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HandoffFormScreen)
        labels = " ".join(str(label.render()) for label in form.query(Label))
        assert "Necesidades atendidas" in labels
        assert str(form.query_one("#save", Button).label).startswith("Guardar")
        # And the help is the Spanish help, with the keys filled in
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one(Markdown)
        assert markdown.source.startswith("# Navigator - ayuda")
        assert "{key:" not in markdown.source


async def test_the_language_setting_comes_from_the_environment(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navigator.config import Settings

    monkeypatch.setenv("NAVIGATOR_LANGUAGE", "es")
    desk.settings = desk.settings.model_copy(update={"language": Settings().language})
    app = NavigatorApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzqqxx")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = str(app.screen.query_one("#detail-body", Static).render())
        assert detail.startswith("Ningún servicio coincide")
        assert "F3" in detail


async def test_the_personal_data_warning_speaks_spanish(desk: Desk) -> None:
    desk.settings = desk.settings.model_copy(update={"language": "es"})
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        # Given a note holding a phone number
        app.screen.query_one("#note", Input).value = "call her on 508-555-0199"
        # When the volunteer saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Then the form says what it found, in Spanish, and names the key to save anyway
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("¿Datos personales? La nota contiene un número de teléfono.")
        assert "Ctrl+Y" in error
