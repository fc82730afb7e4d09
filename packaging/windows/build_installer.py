"""Builds Séance Desk's Windows installer: runs makensis on seance-desk.nsi over the folder
PyInstaller built on Windows, with the package's version.

    python packaging\\windows\\build_installer.py [--bundle dist\\seance-desk] [--out dist\\…-installation.exe]

Writes dist\\SeanceDesk-<version>-installation.exe by default. The folder must be PyInstaller's
Windows output (seance-desk.exe and seance-desk-cli.exe beside _internal\\): PyInstaller does not
cross-compile, so a Linux bundle is refused. Exit code 0 when the installer is written; otherwise a
French message and 1 (2 for makensis missing)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from project_version import REPO, project_version, version_quad  # noqa: E402 — the packaging folder is not a package

SCRIPT = HERE / "seance-desk.nsi"
PROGRAMS = ("seance-desk.exe", "seance-desk-cli.exe")


def installer_name(version: str) -> str:
    return f"SeanceDesk-{version}-installation.exe"


def makensis_command(makensis: str, bundle: Path, out: Path, version: str, icon: Path | None = None) -> list[str]:
    quad = ".".join(map(str, version_quad(version)))
    command = [
        makensis,
        "-V4",  # every file packed is named: the log says what the installer holds
        "-INPUTCHARSET",
        "UTF8",
        f"-DVERSION={version}",
        f"-DVIVERSION={quad}",
        f"-DSOURCE_DIR={bundle}",
        f"-DOUTFILE={out}",
    ]
    if icon is not None:
        command.append(f"-DICON={icon}")
    return [*command, str(SCRIPT)]


def build_installer(bundle: Path, out: Path, makensis: str = "makensis") -> str:
    """Writes the installer at `out` and returns makensis's log (each packed file on a « File: » line);
    SystemExit with a French message when it cannot be written."""
    missing = [name for name in PROGRAMS if not (bundle / name).is_file()]
    if not bundle.is_dir() or missing:
        raise SystemExit(
            f"{bundle} n'est pas le dossier que PyInstaller construit sous Windows (il y manque {', '.join(missing) or 'tout'}) : "
            "construisez-le d'abord sous Windows (voir packaging/README.md)."
        )
    found = shutil.which(makensis)
    if found is None:
        print(f"makensis est introuvable ({makensis}) : installez NSIS 3 (https://nsis.sourceforge.io ; paquet nsis sous Debian).", file=sys.stderr)
        raise SystemExit(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(makensis_command(found, bundle.resolve(), out.resolve(), project_version()), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"makensis a échoué (code {done.returncode}) :\n{done.stdout[-4000:]}{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit l'installateur Windows de Séance Desk (NSIS).")
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "seance-desk", help="dossier construit par PyInstaller sous Windows")
    parser.add_argument("--out", type=Path, help="installateur à écrire (défaut : dist/SeanceDesk-<version>-installation.exe)")
    parser.add_argument("--makensis", default="makensis", help="commande makensis (défaut : makensis, trouvée dans le PATH)")
    args = parser.parse_args(argv)
    out = args.out or REPO / "dist" / installer_name(project_version())
    build_installer(args.bundle, out, args.makensis)
    print(f"Installateur écrit : {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
