"""The executables' Windows version resource (packaging/windows/version_resource.py), which the spec
builds only on Windows: built and serialised here as PyInstaller will embed it, so that IT's build is
not the first to run it. PyInstaller's versioninfo module imports two Windows-only names at load
time (pefile, used to write a PE file, and compat.win32api); the structure itself does not use them,
so they are stubbed for the import."""

from __future__ import annotations

import importlib.util
import sys
import types

import pytest

from seance_desk import __version__

from .conftest import load_script, unavailable


@pytest.fixture
def version_resource(monkeypatch):
    if importlib.util.find_spec("PyInstaller") is None:
        unavailable("PyInstaller is not installed (pip install -e '.[test]' brings it)")
    import PyInstaller.compat

    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    if importlib.util.find_spec("pefile") is None:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    yield load_script("windows/version_resource.py").version_resource
    sys.modules.pop("PyInstaller.utils.win32.versioninfo", None)  # imported with the stubs: not for later users


def test_the_executables_carry_the_package_version_in_french(version_resource):
    raw = version_resource().toRaw()
    for text in ("ProductVersion", __version__, "Séance Desk", "poste du président de séance", "040C04B0"):
        assert text.encode("utf-16-le") in raw
    # The four numbers Windows compares, two per 32-bit word. (Read from the structure: toRaw packs
    # it with native longs, 4 bytes on Windows but 8 here, so its bytes only mean something there.)
    major, minor, patch, build = load_script("project_version.py").version_quad(__version__)
    assert _numbers(version_resource()) == ((major << 16) | minor, (patch << 16) | build) * 2


def test_a_later_version_changes_the_numbers_windows_compares(version_resource):
    resource = version_resource("2.10.3")
    assert _numbers(resource) == ((2 << 16) | 10, 3 << 16) * 2
    assert "2.10.3".encode("utf-16-le") in resource.toRaw()


def _numbers(resource) -> tuple[int, int, int, int]:
    fixed = resource.ffi
    return fixed.fileVersionMS, fixed.fileVersionLS, fixed.productVersionMS, fixed.productVersionLS
