"""The version resource of the two Windows executables (Explorer's « Détails » tab: product name,
description, version), built from the package's version; packaging/seance-desk.spec passes it to
PyInstaller's EXE(version=…), which embeds it on Windows only. Kept apart so that a test builds and
serialises it on Linux too, where the spec never does."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from project_version import project_version, version_quad  # noqa: E402 — the packaging folder is not a package

PRODUCT = "Séance Desk"
FRENCH_UNICODE = "040C04B0"  # French (France), UTF-16: the string table's language and code page


def version_resource(version: str | None = None, description: str = "Séance Desk — poste du président de séance"):
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    version = version or project_version()
    numbers = version_quad(version)
    strings = [
        StringStruct("CompanyName", PRODUCT),
        StringStruct("FileDescription", description),
        StringStruct("FileVersion", version),
        StringStruct("ProductName", PRODUCT),
        StringStruct("ProductVersion", version),
        StringStruct("LegalCopyright", PRODUCT),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[StringFileInfo([StringTable(FRENCH_UNICODE, strings)]), VarFileInfo([VarStruct("Translation", [0x040C, 1200])])],
    )
