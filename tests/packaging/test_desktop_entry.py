"""The menu entry the .deb installs passes freedesktop.org's validator (desktop-file-validate, Debian
package desktop-file-utils), and names the program and icon the package installs."""

from __future__ import annotations

import configparser
import shutil
import subprocess

from .conftest import PACKAGING, unavailable

ENTRY = PACKAGING / "linux" / "seance-desk.desktop"


def test_the_desktop_entry_is_valid():
    if shutil.which("desktop-file-validate") is None:
        unavailable("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    done = subprocess.run(["desktop-file-validate", str(ENTRY)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_entry_starts_the_installed_window_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ENTRY, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Exec"] == fields["TryExec"] == "seance-desk"  # /usr/bin/seance-desk, the windowed program
    assert fields["Icon"] == "seance-desk"  # hicolor/…/apps/seance-desk.svg and .png, installed by the .deb (test_deb.py)
    assert fields["Terminal"] == "false" and fields["Name"] == "Séance Desk"
