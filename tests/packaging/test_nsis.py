"""The Windows installer's NSIS script compiles (makensis, the Debian package nsis) over a small
stand-in for the Windows folder — the same script, in a second, where the 300 MB bundle took five
minutes — and the installer it writes packs every file of the folder and carries the package's
version. The installer itself can only run on Windows: its behaviour there (per-machine, /S,
QuietUninstallString, data kept) is what the script says, checked by reading it."""

from __future__ import annotations

import re
import shutil
import struct

import pytest

from seance_desk import __version__

from .conftest import PACKAGING, load_script, unavailable

STAND_IN = {
    "seance-desk.exe": b"MZ windowed stand-in",
    "seance-desk-cli.exe": b"MZ console stand-in",
    "_internal/base_library.zip": b"PK stand-in",
    "_internal/seance_desk/resources/fonts/DejaVuSans.ttf": b"font stand-in",
}


@pytest.fixture
def installer():
    if shutil.which("makensis") is None:
        unavailable("makensis is not installed (Debian package nsis)")
    return load_script("windows/build_installer.py")


def _stand_in(folder):
    for name, content in STAND_IN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


def test_the_script_compiles_into_an_installer_holding_the_whole_folder(installer, tmp_path):
    bundle = _stand_in(tmp_path / "seance-desk")
    out = tmp_path / "sortie" / installer.installer_name(__version__)
    log = installer.build_installer(bundle, out)
    assert out.read_bytes()[:2] == b"MZ"  # a Windows program
    packed = set(re.findall(r'^File: "([^"]+)"', log, re.MULTILINE))
    assert {name.rsplit("/", 1)[-1] for name in STAND_IN} <= packed
    assert "uninstall.exe" in log  # WriteUninstaller ran


def test_the_installer_carries_the_package_version(installer, tmp_path):
    out = tmp_path / "setup.exe"
    installer.build_installer(_stand_in(tmp_path / "seance-desk"), out)
    resource = out.read_bytes()
    # VS_VERSION_INFO's strings are UTF-16; its fixed part (after the 0xFEEF04BD signature) holds the
    # four numbers Windows shows and compares (VIProductVersion), two per 32-bit word.
    for text in ("ProductVersion", __version__, "Séance Desk"):
        assert text.encode("utf-16-le") in resource
    major, minor, patch, build = installer.version_quad(__version__)
    fixed = resource[resource.index(struct.pack("<I", 0xFEEF04BD)) :][:24]
    _signature, _struct_version, file_ms, file_ls, product_ms, product_ls = struct.unpack("<6I", fixed)
    assert (product_ms, product_ls) == (file_ms, file_ls) == ((major << 16) | minor, (patch << 16) | build)


def test_windows_reads_four_numbers_from_the_version():
    installer = load_script("windows/build_installer.py")
    assert installer.version_quad("0.1.0") == (0, 1, 0, 0)
    assert installer.version_quad("2.10.3rc1") == (2, 10, 3, 1)


def test_a_folder_not_built_on_windows_is_refused_in_french(installer, tmp_path):
    linux = tmp_path / "seance-desk"
    linux.mkdir()
    (linux / "seance-desk").write_bytes(b"\x7fELF")
    with pytest.raises(SystemExit, match="n'est pas le dossier que PyInstaller construit sous Windows"):
        installer.build_installer(linux, tmp_path / "setup.exe")
    assert not (tmp_path / "setup.exe").exists()


def test_uninstall_removes_only_what_the_installer_put():
    """RMDir /r on $INSTDIR would delete whatever else sits in a folder IT chose with /D=; the
    users' data lives elsewhere (%LOCALAPPDATA%) and no line of the uninstaller reaches it."""
    script = (PACKAGING / "windows" / "seance-desk.nsi").read_text(encoding="utf-8-sig")
    uninstall = script.split('Section "Uninstall"', 1)[1].split("SectionEnd", 1)[0]
    commands = [line.strip() for line in uninstall.splitlines() if line.strip() and not line.strip().startswith(";")]
    assert not any(re.fullmatch(r'RMDir\s+/r\s+"\$INSTDIR"', c) for c in commands)
    assert not any("APPDATA" in c or "PROFILE" in c for c in commands)
    registered = re.search(r'WriteRegStr HKLM "\$\{UNINSTALL_KEY\}" "QuietUninstallString" \'"\$INSTDIR\\uninstall.exe" /S\'', script)
    assert registered is not None
