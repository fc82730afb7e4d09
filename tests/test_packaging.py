"""What the installer ships: every package on disk is listed in pyproject.toml, and the resources
(fonts for the PDFs) are reachable through importlib.resources, as in a wheel or a frozen app."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])

    def folders(top: Path, prefix: tuple[str, ...]) -> set[str]:
        found = {".".join(prefix)}
        for folder in top.rglob("*"):
            if folder.is_dir() and "__pycache__" not in folder.parts and any(folder.iterdir()):
                found.add(".".join(prefix + folder.relative_to(top).parts))
        return found

    # Every folder ships: Python packages and data folders alike (fonts, migrations).
    on_disk = folders(ROOT / "seance_desk", ("seance_desk",)) | folders(ROOT / "resources", ("seance_desk", "resources"))
    assert listed == on_disk


def test_fonts_are_package_data():
    fonts = resources.files("seance_desk.resources").joinpath("fonts")
    names = {entry.name for entry in fonts.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"} <= names
