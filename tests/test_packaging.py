"""The package ships everything: every subpackage is listed and assets are package data."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "journeymap").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert "journeymap.assets" in listed


def test_assets_are_reachable_as_package_data() -> None:
    from importlib.resources import files

    assert files("journeymap.assets").joinpath("__init__.py").is_file()
