"""The cheap look PySide6 takes at each module imported after it (pyside_import_check.py): the
same answer as PySide6's own, whether the module uses PySide6 or not."""

from __future__ import annotations

import json
import sys
import types

import PySide6
import PySide6.QtCore  # noqa: F401 — loads PySide6 and its import hook

import seance_desk.models.journal as pure_module
import seance_desk.ui.shell.colors as qt_module
from seance_desk.pyside_import_check import _MARK, quicken_pyside_import_check


def _pyside_own(hook):
    """PySide6's own function (seance_desk.app may have installed the quick one already)."""
    return hook.__closure__[0].cell_contents if getattr(hook, _MARK, False) else hook


def test_the_quick_check_answers_as_pyside_does(tmp_path):
    feature = sys.modules["shibokensupport.feature"]
    before = feature._mod_uses_pyside
    own = _pyside_own(before)
    feature._mod_uses_pyside = own
    try:
        assert quicken_pyside_import_check()
        quick = feature._mod_uses_pyside
        assert quick is not own and getattr(quick, _MARK)
        assert quicken_pyside_import_check() and feature._mod_uses_pyside is quick  # installed once
        unreadable = types.ModuleType("gone")
        unreadable.__file__ = str(tmp_path / "absent.py")
        # types and json: the standard library's, answered without reading them; PySide6's own
        # package: in site-packages, read (it holds "PySide6").
        for module in (pure_module, qt_module, types, json, PySide6, sys, unreadable):  # sys: no file at all
            assert quick(module) == own(module), module
        assert quick(qt_module) is True and quick(pure_module) is False and quick(PySide6) is True
    finally:
        feature._mod_uses_pyside = before


def test_nothing_happens_without_pyside(monkeypatch):
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert quicken_pyside_import_check() is False
