"""What the installer ships: every package on disk is listed in pyproject.toml, and the resources
(fonts for the PDFs) are reachable through importlib.resources, as in a wheel or a frozen app."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "seance_desk").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    on_disk.add("seance_desk.resources")  # mapped from the top-level resources/ folder
    assert listed == on_disk


def test_fonts_are_package_data():
    fonts = resources.files("seance_desk.resources").joinpath("fonts")
    names = {entry.name for entry in fonts.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"} <= names
