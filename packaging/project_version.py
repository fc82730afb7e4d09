"""The version the installers carry, read from the package (seance_desk/__init__.py) as text: the
build scripts run with any Python, without importing the application."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def project_version(repo: Path = REPO) -> str:
    text = (repo / "seance_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise SystemExit("Version introuvable dans seance_desk/__init__.py (__version__).")
    return found.group(1)


def version_quad(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers (0.1.0 → 0.1.0.0; 1.2.0rc1 → 1.2.0.1): the version resources'
    VIProductVersion and FILEVERSION."""
    numbers = [int(n) for n in re.findall(r"\d+", version)][:4]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]
