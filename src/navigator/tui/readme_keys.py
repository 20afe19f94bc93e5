"""The README's key tables, made from help.md and the bindings: `python -m
navigator.tui.readme_keys README.md` rewrites them; a test fails when they are stale."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from textual.app import App

from navigator.tui.app import NavigatorApp
from navigator.tui.screens.help import help_text

README_BEGIN = (
    "<!-- keys: made from help.md and the bindings;"
    " python -m navigator.tui.readme_keys README.md -->"
)
README_END = "<!-- /keys -->"


def readme_key_tables(app: type[App[Any]]) -> str:
    """help.md's key tables, each under its section's name, filled in from the bindings."""
    out: list[str] = []
    section = ""
    for line in help_text(app).splitlines():
        if line.startswith("## "):
            section = line.removeprefix("## ").strip()
        elif line.startswith("|"):
            if line.startswith("| Key "):
                out += ["", f"**{section}**", ""]
            out.append(line)
    return "\n".join(out).strip()


def with_readme_keys(readme: str, app: type[App[Any]]) -> str:
    """The README text with its key table (between the markers) made afresh."""
    start = readme.index(README_BEGIN) + len(README_BEGIN)
    end = readme.index(README_END)
    return readme[:start] + "\n" + readme_key_tables(app) + "\n" + readme[end:]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m navigator.tui.readme_keys README.md", file=sys.stderr)
        return 2
    readme = Path(argv[0])
    readme.write_text(with_readme_keys(readme.read_text(encoding="utf-8"), NavigatorApp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
