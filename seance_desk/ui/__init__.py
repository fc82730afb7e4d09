"""The window (PySide6). Importing it loads PySide6 first, then makes PySide6's look at each module
imported after it cheap (pyside_import_check.py): whatever imports the window's modules first (run_app,
the bench's start-up children, the tests) pays ≈ 30 µs a module instead of ≈ 130 µs."""

import PySide6  # noqa: F401 — before the check below, which replaces a hook PySide6 installs

from ..pyside_import_check import quicken_pyside_import_check

quicken_pyside_import_check()
