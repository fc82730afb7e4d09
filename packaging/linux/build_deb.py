"""Builds Séance Desk's Debian package from the PyInstaller folder (dist/seance-desk/):

    python3 packaging/linux/build_deb.py [--bundle dist/seance-desk] [--out dist/] [--compression xz]

The package installs the folder under /opt/seance-desk, links /usr/bin/seance-desk (the window; with
a sub-command, the command line) and /usr/bin/seance-desk-cli to it, and adds the menu entry
(.desktop) and the icon. Its Depends are the Debian packages that hold the system libraries the
bundle links to, read on the build machine (ldd, then dpkg-query -S): build it on the distribution
you deploy to. The X11 libraries Qt's window needs on a desktop but a server may lack are
Recommends (apt installs them; dpkg alone does not). Needs dpkg-deb; no root, no fakeroot
(--root-owner-group). Prints the path of the .deb; exit code 0, or 1 with a French message."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from project_version import REPO, project_version  # noqa: E402 — the packaging folder is not a package

PACKAGE = "seance-desk"
PREFIX = Path("opt") / PACKAGE
PROGRAMS = ("seance-desk", "seance-desk-cli")
# Qt's xcb platform plugin (the window on an X11 desktop) loads these; a server without a display,
# or a machine running offscreen, does not need them.
WINDOW_RECOMMENDS = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libegl1")
COMPRESSIONS = ("xz", "gzip", "zstd", "none")


class BuildError(Exception):
    """A French sentence saying why the package cannot be built."""


def check_bundle(bundle: Path) -> None:
    missing = [name for name in PROGRAMS if not (bundle / name).is_file()]
    if not bundle.is_dir() or missing:
        raise BuildError(
            f"{bundle} n'est pas le dossier construit par PyInstaller sous Linux (il y manque {', '.join(missing) or 'tout'}) : "
            "lancez d'abord pyinstaller --noconfirm packaging/seance-desk.spec (voir packaging/README.md)."
        )


def _elf_files(bundle: Path):
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as stream:
                if stream.read(4) == b"\x7fELF":
                    yield path


def system_libraries(bundle: Path) -> tuple[set[str], set[str]]:
    """(the system libraries the bundle's programs and libraries link to, the names found nowhere).
    A library the bundle carries itself (same file name) is neither."""
    carried = {path.name for path in bundle.rglob("*.so*")}
    resolved: set[str] = set()
    not_found: set[str] = set()
    for elf in _elf_files(bundle):
        done = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
        for line in done.stdout.splitlines():
            match = re.match(r"\s*(\S+) => (\S+) \(0x", line)
            missing = re.match(r"\s*(\S+) => not found", line)
            if missing and missing.group(1) not in carried:
                not_found.add(missing.group(1))
            elif match and match.group(1) not in carried and not match.group(2).startswith(str(bundle)):
                resolved.add(match.group(2))
    return resolved, not_found


def owning_packages(paths: set[str]) -> set[str]:
    """The Debian packages holding these files (dpkg-query -S), architecture qualifiers dropped. On a
    merged-/usr system ldd may name /lib/… where dpkg recorded /usr/lib/… (or the reverse): both are asked."""
    asked = {alias for path in paths for alias in _aliases(path)}
    if not asked:
        return set()
    done = subprocess.run(["dpkg-query", "-S", *sorted(asked)], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    packages: set[str] = set()
    for line in done.stdout.splitlines():
        owners, _, _file = line.partition(": ")
        if "diversion" in owners:
            continue
        packages |= {owner.strip().split(":")[0] for owner in owners.split(",")}
    return packages


def _aliases(path: str) -> set[str]:
    names = {path, os.path.realpath(path)}
    return names | {name.removeprefix("/usr") if name.startswith("/usr/") else "/usr" + name for name in names if name.startswith(("/lib", "/usr/lib"))}


def control_text(version: str, architecture: str, depends: set[str], installed_kib: int) -> str:
    lines = [
        f"Package: {PACKAGE}",
        f"Version: {version}",
        f"Architecture: {architecture}",
        "Maintainer: Séance Desk <informatique@invalid>",
        f"Installed-Size: {installed_kib}",
        f"Depends: {', '.join(sorted(depends))}" if depends else "",
        f"Recommends: {', '.join(name for name in WINDOW_RECOMMENDS if name not in depends)}",
        "Section: misc",
        "Priority: optional",
        "Description: poste du président de séance des assemblées locales",
        " Séance Desk conduit une séance d'assemblée délibérante locale française :",
        " appel nominal, quorum, pouvoirs, votes, huis clos, procès-verbal en PDF/A",
        " signé. Commandes : seance-desk (la fenêtre) et seance-desk-cli (la ligne de",
        " commande). Programme autonome installé dans /opt/seance-desk.",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def copyright_text() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Séance Desk\n\n"
        "Files: *\n"
        "Copyright: Séance Desk\n"
        "License: LicenseRef-Proprietary\n\n"
        "Files: opt/seance-desk/_internal/*\n"
        "Copyright: their authors (Python, Qt, PySide6 and the other libraries the program carries)\n"
        "License: various\n"
        " The program carries Python and its libraries, Qt among them (LGPL-3). Their licence texts are in\n"
        " /opt/seance-desk/_internal/seance_desk/resources/licences/ and in the program's « Aide → À propos ».\n"
    )


def _copy_tree(source: Path, target: Path) -> None:
    """The bundle into the package tree: hard links when on the same file system (300 MB in an
    instant), copies otherwise; symbolic links kept as links."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)


def stage(bundle: Path, root: Path, version: str, architecture: str, depends: set[str]) -> None:
    _copy_tree(bundle, root / PREFIX)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in PROGRAMS:
        (bin_dir / name).symlink_to(Path("/") / PREFIX / name)
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(HERE / "seance-desk.desktop", share / "applications" / "seance-desk.desktop")
    for size, source in (("scalable", REPO / "resources" / "icons" / "seance-desk.svg"), ("256x256", HERE / "seance-desk.png")):
        icons = share / "icons" / "hicolor" / size / "apps"
        icons.mkdir(parents=True)
        shutil.copyfile(source, icons / f"seance-desk{source.suffix}")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    installed = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control_text(version, architecture, depends, (installed + 1023) // 1024), encoding="utf-8")
    _normalise_modes(root)


def _normalise_modes(root: Path) -> None:
    """Whatever umask the build ran with: folders and programs 0755, other files 0644 (dpkg-deb
    refuses a DEBIAN folder that is not 0755; a user must be able to read every installed file).
    Hard-linked files share their mode with the bundle's: the same modes there do no harm."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644)


def build_deb(bundle: Path, out_dir: Path, compression: str = "xz", level: int | None = None) -> Path:
    check_bundle(bundle)
    for tool in ("dpkg-deb", "dpkg-query", "ldd"):
        if shutil.which(tool) is None:
            raise BuildError(f"{tool} est introuvable : construisez le paquet sur une machine Debian ou Ubuntu (paquet dpkg).")
    bundle = bundle.resolve()
    version = project_version()
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    resolved, not_found = system_libraries(bundle)
    depends = owning_packages(resolved)
    if not_found:
        print(f"Bibliothèques absentes de cette machine, non comptées dans Depends : {', '.join(sorted(not_found))}", file=sys.stderr)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir.resolve() / f"{PACKAGE}_{version}_{architecture}.deb"
    # Staged beside the output, so that the bundle's files are hard-linked rather than copied.
    with tempfile.TemporaryDirectory(prefix="seance-desk-deb-", dir=out_dir) as folder:
        root = Path(folder) / "racine"
        stage(bundle, root, version, architecture, depends)
        command = ["dpkg-deb", "--root-owner-group", f"-Z{compression}"]
        if level is not None:
            command.append(f"-z{level}")
        done = subprocess.run([*command, "--build", str(root), str(out)], capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"dpkg-deb a échoué (code {done.returncode}) : {done.stderr.strip()}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le paquet Debian de Séance Desk depuis le dossier de PyInstaller.")
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "seance-desk", help="dossier construit par PyInstaller (défaut : dist/seance-desk)")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="dossier où écrire le .deb (défaut : dist)")
    parser.add_argument("--compression", choices=COMPRESSIONS, default="xz", help="compression du paquet (défaut : xz, le plus petit)")
    parser.add_argument("--level", type=int, choices=range(10), metavar="0-9", help="niveau de compression (défaut : celui de dpkg-deb)")
    args = parser.parse_args(argv)
    try:
        out = build_deb(args.bundle, args.out, args.compression, args.level)
    except BuildError as exc:
        print(f"build_deb : {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
