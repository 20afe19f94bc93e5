"""The desk in the volunteer's language: every word a screen shows goes through gettext.

Given `language = "es"` (or NAVIGATOR_LANGUAGE=es), the search screen, the form, the
footer, the help and the confirmations are in Spanish; the listings stay as written.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Markdown, Static

import navigator.desk
import navigator.domain
import navigator.errors
import navigator.tui
from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.volunteers import add_volunteer, sign_in
from navigator.domain.follow_up import parse_follow_up
from navigator.errors import NavigatorError, Rule
from navigator.translation import LOCALES_DIR, gettext_for
from navigator.tui.app import NavigatorApp
from navigator.tui.keymap import PLACEHOLDER
from navigator.tui.screens.handoff_form import HandoffFormScreen
from navigator.tui.screens.help import HELP_FILE, HelpScreen, help_file
from navigator.tui.screens.search import SearchScreen
from navigator.tui.widgets.service_detail import ServiceDetail
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
        detail = str(screen.query_one(ServiceDetail).render())
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
        detail = str(app.screen.query_one(ServiceDetail).render())
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


# --- Messages from below the screens (errors, warnings, summaries) -------------------------

BELOW_THE_SCREENS = [Path(navigator.desk.__file__).parent, Path(navigator.domain.__file__).parent]
# Raised only on the command line, never on a screen: they stay English, as the CLI does.
CLI_ONLY = {
    "desk/export_catalogue.py",  # catalogue export
    "desk/import_catalogue.py",  # `catalogue import` (the app's import screen: see below)
    "desk/join_site.py",  # site join
    "desk/sync_bundle.py",  # sync bundle / ack
    "desk/search_services.py",  # search --need
    "desk/export_log.py",  # log export --format (the log screen picks csv)
    "desk/follow_ups.py",  # follow-up record OUTCOME (the screen offers only the three)
    "desk/volunteers.py",  # volunteer add / remove: names, roles and PINs
}
USER_ERRORS = {
    name
    for name, value in vars(navigator.errors).items()
    if isinstance(value, type) and issubclass(value, (navigator.errors.NavigatorError, Rule))
}


def _raised_in_english(path: Path, root: Path) -> Iterator[str]:
    """An app error (or a domain Rule) built from a literal: words Babel never sees."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in ast.walk(tree):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in USER_ERRORS
            and call.args
            and isinstance(call.args[0], ast.Constant | ast.JoinedStr)
        ):
            yield f"{path.relative_to(root)}:{call.lineno}: {ast.unparse(call.args[0])[:60]}"


def test_no_message_raised_below_the_screens_skips_the_catalogue() -> None:
    """An error a screen may show is written N_("... {value} ...") with its values apart,
    so Babel extracts it and the screen shows it translated (error.translated(_))."""
    root = Path(navigator.__file__).parent
    found = [
        line
        for folder in BELOW_THE_SCREENS
        for path in sorted(folder.rglob("*.py"))
        if str(path.relative_to(root)) not in CLI_ONLY
        for line in _raised_in_english(path, root)
    ]
    assert found == [], "raised without N_():\n" + "\n".join(found)


def _english_sentences() -> list[re.Pattern[str]]:
    """Each English message of three words or more that Spanish says differently, as a
    pattern (its placeholders match anything): seen on a Spanish desk, it was missed."""
    import gettext

    spanish = gettext.translation("navigator", LOCALES_DIR, languages=["es"])
    patterns = []
    for message in _catalogue_ids():
        parts = re.split(r"\{[^{}]*\}", message)
        words = re.findall(r"[A-Za-z]{2,}", " ".join(parts))
        if len(words) < 3 or spanish.gettext(message) == message:
            continue
        patterns.append(re.compile(".+?".join(re.escape(part) for part in parts)))
    return patterns


def _catalogue_ids() -> list[str]:
    from babel.messages.pofile import read_po

    with (LOCALES_DIR / "navigator.pot").open("rb") as handle:
        return [message.id for message in read_po(handle) if isinstance(message.id, str)]


def _shown(app: NavigatorApp) -> list[str]:
    """Every toast the volunteer has seen, and the words on the screen now."""
    toasts = [str(notice.message) for notice in app._notifications]
    words = [str(widget.render()) for widget in app.screen.query(Static)]
    return toasts + words


def assert_spanish(shown: list[str], english: list[re.Pattern[str]]) -> None:
    missed = [(text, p.pattern) for text in shown for p in english if p.search(text)]
    assert missed == [], "English on a Spanish desk:\n" + "\n".join(map(str, missed))


async def test_refusals_warnings_and_form_errors_reach_a_spanish_desk_in_spanish(
    desk: Desk,
) -> None:
    english = _english_sentences()
    # Given a Spanish desk with a lead and a volunteer, and a clock a day behind its records
    add_volunteer(desk, "Rosa", "lead", "135790")
    add_volunteer(desk, "Sam", "volunteer", "1357", acting=sign_in(desk, "Rosa", "135790"))
    desk.signed_in = None
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("housing",)))
    today = desk.clock()
    desk.clock = lambda: today - timedelta(days=1)
    desk.settings = desk.settings.model_copy(update={"language": "es"})
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Then the clock warning is Spanish
        assert any("El reloj de este portátil marca" in text for text in _shown(app))
        # When Sam types a wrong PIN, the refusal is Spanish
        await pilot.press(*"Sam", "enter", *"9999", "enter")
        await pilot.pause()
        assert any("no coinciden con ningún voluntario" in text for text in _shown(app))
        assert_spanish(_shown(app), english)
        await pilot.press(*"1357", "enter")
        await pilot.pause()
        assert desk.signed_in is not None
        assert desk.signed_in.name == "Sam"
        # When Sam, not a lead, asks to import a catalogue or to sync
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any(
            "Solo un responsable del puesto puede importar un catálogo." in text
            for text in _shown(app)
        )
        # And the need names, the key names and the results are Spanish
        await pilot.press(*"hungry")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#search-status", Static).render())
        assert "Necesidades: Comida" in status
        assert "Arriba/Abajo" in status
        assert "Intro" in status
        assert_spanish(_shown(app), english)
        # When the form is saved with a follow-up date that is not a date
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HandoffFormScreen)
        form.query_one("#follow-up", Input).value = "mañana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#form-error", Static).render())
        assert error == (
            "La fecha de seguimiento «mañana» no es una fecha: use AAAA-MM-DD, "
            "o +7 para dentro de una semana."
        )
        # And with a name where the client reference goes (a domain rule, via pydantic)
        form.query_one("#follow-up", Input).value = ""
        form.query_one("#client-ref", Input).value = "Maria"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#form-error", Static).render())
        assert error.startswith("Referencia: use un código como AB-1042")
        assert_spanish(_shown(app), english)


async def test_a_failed_sync_speaks_spanish(desk: Desk) -> None:
    # Given a Spanish desk with no hub configured
    desk.settings = desk.settings.model_copy(update={"language": "es", "hub_url": None})
    app = NavigatorApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # When the volunteer syncs from today's log
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Then the reason and the way out are Spanish
        shown = _shown(app)
        assert any("Este puesto no tiene ningún hub configurado." in text for text in shown)
        assert_spanish(shown, _english_sentences())


def test_the_english_desk_and_the_command_line_keep_english_messages(desk: Desk) -> None:
    # The same error, printed by the CLI (str) and shown on an English desk (_ in English)
    with pytest.raises(NavigatorError) as refused:
        parse_follow_up("mañana", desk.today())
    assert str(refused.value) == (
        "Follow-up date 'mañana' is not a date: use YYYY-MM-DD or +7 for a week."
    )
    assert refused.value.translated(gettext_for("en")) == str(refused.value)
    assert refused.value.translated(gettext_for("es")).startswith("La fecha de seguimiento")
