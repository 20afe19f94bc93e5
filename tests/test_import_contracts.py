"""The import contracts cover the whole product: a module added beside the layers is
named in the "measurement stands apart" contract, or that contract would not check it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import navigator

ROOT = Path(__file__).resolve().parent.parent


def test_every_product_module_is_kept_apart_from_the_benchmarks() -> None:
    # Given the contracts as import-linter reads them
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    apart = next(c for c in contracts if c.get("forbidden_modules") == ["navigator.bench"])
    # When every package and module of navigator is listed
    package = Path(navigator.__file__).parent
    product = {
        f"navigator.{p.stem}"
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py")
    } - {"navigator.__init__", "navigator.__main__", "navigator.bench"}
    # Then each of them is a source of the contract that forbids importing the benchmarks
    assert product - set(apart["source_modules"]) == set()


def test_every_module_outside_the_layers_is_kept_below_them() -> None:
    # Given the contracts, and the layers' packages
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    layered = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    shared = next(c for c in contracts if c["name"].startswith("Shared modules stay below"))
    # When the top-level modules beside the layers are listed
    package = Path(navigator.__file__).parent
    beside = {
        f"navigator.{p.stem}"
        for p in package.glob("*.py")
        if p.stem not in {"__init__", "__main__"} and p.stem not in layered
    }
    # Then each is a source of the contract that keeps them below every layer
    assert beside - set(shared["source_modules"]) == set()
