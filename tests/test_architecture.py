"""The domain stays pure Python: seance_desk/models imports no Qt, SQLAlchemy or ReportLab."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import seance_desk.models

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "pyqtgraph")
MODELS_DIR = Path(seance_desk.models.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_model_file_imports_a_framework():
    offenders = {
        str(path.relative_to(MODELS_DIR)): sorted(_imported_modules(path) & set(FORBIDDEN))
        for path in MODELS_DIR.rglob("*.py")
        if _imported_modules(path) & set(FORBIDDEN)
    }
    assert offenders == {}, f"seance_desk/models must stay pure Python: {offenders}"


def test_importing_every_model_module_loads_no_framework():
    # A fresh interpreter, so modules loaded by other tests cannot hide an indirect import.
    modules = sorted(
        "seance_desk.models." + ".".join(path.relative_to(MODELS_DIR).with_suffix("").parts)
        for path in MODELS_DIR.rglob("*.py")
        if path.name != "__init__.py"
    )
    assert len(modules) > 10
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"loaded = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        + "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing the domain loaded: {out}"
