"""Where Navigator keeps its files: the platform's user folders, or what the user says."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_documents_path

APP_NAME = "navigator"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    override = os.environ.get("NAVIGATOR_CONFIG")
    if override:
        return Path(override)
    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def enrollment_file() -> Path:
    """Where `navigator site join` keeps the site's enrollment (0600), beside the config file."""
    return config_file().parent / "enrollment.json"


def hub_keys_file() -> Path:
    """Where the agency keeps the hub's private keys and agency URL (0600), beside the config."""
    override = os.environ.get("NAVIGATOR_HUB_KEYS")
    if override:
        return Path(override).expanduser()
    return config_file().parent / "hub-keys.json"


def default_database() -> Path:
    """`NAVIGATOR_DB` if set, else navigator.db in the user data folder."""
    override = os.environ.get("NAVIGATOR_DB")
    if override:
        return Path(override).expanduser()
    return data_dir() / "navigator.db"


def ensure_private_dir(path: Path) -> None:
    """Create a folder readable only by this user (client data lives below it)."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
        # mkdir's mode is filtered by the umask; insist.
        path.chmod(0o700)


def slips_dir() -> Path:
    """Where slips are saved when there is no printer: `NAVIGATOR_SLIPS_DIR`, else Documents."""
    override = os.environ.get("NAVIGATOR_SLIPS_DIR")
    if override:
        return Path(override).expanduser()
    return user_documents_path() / "Navigator slips"
