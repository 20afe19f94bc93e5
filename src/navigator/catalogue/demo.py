"""The demo catalogue that ships in the repository's data/ folder."""

from __future__ import annotations

from pathlib import Path

DEMO_NAME = "demo_catalogue.json"


def demo_catalogue_path() -> Path:
    """data/demo_catalogue.json beside the source tree (the README installs in place)."""
    return Path(__file__).resolve().parents[3] / "data" / DEMO_NAME
