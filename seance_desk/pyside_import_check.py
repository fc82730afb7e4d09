"""PySide6's look at each module imported after it, made cheap (issue 8, start-up time).

Why: once loaded, PySide6 asks of every module imported after it whether it uses PySide6 (its
`__feature__` switching, shibokensupport/feature.py, PYSIDE-2029). It finds out by reading the
module's source with inspect.getsource, which goes through linecache and inspect.getmodule (a walk
over sys.modules at each call): about 25-30 ms of the start-up's CPU time for the ≈ 250 modules
imported between PySide6 and the window's first paint (measured with the bench's start-up child),
and as much on the way to the chain verified. The same question is answered by reading the file
itself: whether its bytes hold "PySide6" (the text PySide6 looks for, ASCII: in a UTF-8 or Latin
source, the same answer). A module without a .py file (in the PyInstaller bundle, an extension
module, a file that cannot be read) still takes PySide6's own way.

Only PySide6's private hook is replaced, when it is there under the expected name: with a PySide6
that has none, nothing changes. Standard library only, and does nothing if PySide6 is not loaded."""

from __future__ import annotations

import os
import sys

_MARK = "_seance_desk_quick"


def quicken_pyside_import_check() -> bool:
    """Installs the cheap check if PySide6 is loaded and has the hook; True if it is in place."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True

    # Known without reading them (≈ 4 ms of the 6 the check took before « usable »): the standard
    # library's modules (not the site-packages folder within it) and the domain's, pure Python by
    # rule (tests/test_architecture.py), never use PySide6 — the answer their source gives too.
    standard = os.path.dirname(os.__file__) + os.sep

    def _mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            if getattr(module, "__name__", "").startswith("seance_desk.models."):
                return False
            if path.startswith(standard) and "-packages" not in path[len(standard) :]:
                return False
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(_mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = _mod_uses_pyside
    return True
