"""The third-party licences Séance Desk ships (resources/licences/, package data read with
importlib.resources): shown by « Aide → À propos » (ui/dialogs/about_dialog.py).

Generated, not written by hand: `python -m seance_desk.tools.licences` (from a checkout, in the
environment the bundle is built from) walks the runtime dependencies of pyproject.toml, and those of
the optional extras the installers include all the same (BUNDLED_EXTRAS: psycopg), through
importlib.metadata, and writes for each installed distribution its name, version and licence
(License-Expression, else License, else the classifiers) into composants.json, with a copy of the
licence files its wheel carries (« <nom>--LICENSE.txt »: one flat folder, one package to list in
pyproject.toml). The texts no wheel carries are kept by hand
beside it: Qt's and PySide6's LGPL-3 (with the GPL-3 it supplements: the PySide6 wheel carries
neither), Python's own licence, the DejaVu fonts' (resources/fonts).

Reading (`shipped_licences`) is cheap and Qt-free; generating needs `packaging` (pip's own).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

INDEX = "composants.json"
# Optional extras of pyproject.toml that the installers include all the same (packaging/seance-desk.spec
# collects them): the shared mode's PostgreSQL driver, psycopg 3 with its libpq (psycopg-binary).
BUNDLED_EXTRAS = ("postgresql",)
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
# The texts kept by hand, listed first; paths relative to seance_desk.resources.
HAND_KEPT = (
    {"nom": "Qt 6 (bibliothèques de PySide6)", "licence": "LGPL-3.0-only", "fichiers": ["licences/LGPL-3.txt", "licences/GPL-3.txt"],
     "note": "Qt et PySide6 sont distribués sous la licence LGPL version 3, qui complète la GPL version 3 (les deux textes)."},
    {"nom": "Python", "licence": "PSF-2.0", "fichiers": ["licences/Python-LICENSE.txt"], "note": "L'interpréteur Python livré avec l'application."},
    {"nom": "Bibliothèques de psycopg-binary (libpq, OpenSSL, Kerberos, OpenLDAP, Cyrus SASL…)",
     "licence": "PostgreSQL AND Apache-2.0 AND MIT AND OLDAP-2.8 AND BSD-Attribution-HPND-disclaimer AND LGPL-2.1-or-later",
     "fichiers": ["licences/psycopg-binary-bibliotheques.txt"],
     "note": "Les bibliothèques C que la roue psycopg-binary embarque pour le mode partagé ; elle ne porte pas leurs textes."},
    {"nom": "Polices DejaVu", "licence": "Bitstream-Vera AND LicenseRef-Public-Domain", "fichiers": ["fonts/LICENSE-DejaVu.txt"],
     "note": "Les polices incorporées aux documents PDF."},
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    files: tuple[str, ...]  # relative to seance_desk.resources
    note: str = ""

    def texts(self) -> str:
        """Every licence text of the component, one after another; what is missing is said."""
        parts = []
        for relative in self.files:
            target = resources.files("seance_desk.resources").joinpath(*relative.split("/"))
            try:
                parts.append(f"——— {relative.split('/')[-1]} ———\n\n{target.read_text(encoding='utf-8', errors='replace')}")
            except OSError:
                parts.append(f"——— {relative} : texte introuvable dans cette installation ———")
        return "\n\n".join(parts) if parts else "Aucun texte de licence n'accompagne ce composant ; sa licence est indiquée ci-dessus."


def licences_folder():
    return resources.files("seance_desk.resources").joinpath("licences")


def shipped_licences() -> list[Component]:
    """The components and their licences, as generated into composants.json (hand-kept ones first).
    An installation without the index (a damaged one) gives the hand-kept entries alone."""
    components = [Component(entry["nom"], "", entry["licence"], tuple(entry["fichiers"]), entry["note"]) for entry in HAND_KEPT]
    try:
        listed = json.loads(licences_folder().joinpath(INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return components
    for entry in listed:
        components.append(Component(entry["nom"], entry["version"], entry["licence"], tuple(f"licences/{name}" for name in entry["fichiers"])))
    return components


# ---------------------------------------------------------------------------- generating
def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(roots: list[str]) -> list:
    """The installed distributions `roots` need at run time (requirements with the extras they ask
    for, « psycopg[binary] » bringing psycopg-binary; markers evaluated here), transitively; the
    project itself excluded."""
    import importlib.metadata as metadata

    from packaging.requirements import Requirement

    found: dict[str, metadata.Distribution] = {}
    extras_done: dict[str, set[str]] = {}
    todo = [(root, frozenset()) for root in roots]
    while todo:
        text, parent_extras = todo.pop()
        requirement = Requirement(text)
        if requirement.marker is not None and not any(
            requirement.marker.evaluate({"extra": extra}) for extra in ("", *parent_extras)
        ):
            continue
        key = _key(requirement.name)
        extras = set(requirement.extras)
        if key in found and extras <= extras_done[key]:
            continue
        try:
            distribution = found.get(key) or metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # e.g. a Windows-only dependency, absent here
        found[key] = distribution
        extras_done[key] = extras_done.get(key, set()) | extras
        todo.extend((child, frozenset(extras)) for child in distribution.requires or [])
    return [found[key] for key in sorted(found)]


def licence_of(distribution) -> str:
    meta = distribution.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    if declared and len(declared) <= 80 and "\n" not in declared:
        return declared
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return declared.splitlines()[0][:80] if declared else "non indiquée"


def generate(project: Path, out: Path) -> list[dict]:
    """Writes composants.json and the wheels' licence files into `out` for the runtime dependencies
    of `project`'s pyproject.toml, as installed in this interpreter. Returns the entries."""
    import tomllib

    declared = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # The installers ship the optional extras of BUNDLED_EXTRAS too: their licences go with them.
    roots = declared["dependencies"] + [r for extra in BUNDLED_EXTRAS for r in declared["optional-dependencies"][extra]]
    for stale in out.glob("*--*"):  # the previous generation's copies; the hand-kept texts have no « -- »
        stale.unlink()
    entries = []
    for distribution in runtime_distributions(roots):
        name = _key(distribution.metadata["Name"])
        copied = []
        for file in distribution.files or []:
            parts = Path(str(file)).parts
            if not parts[0].endswith(".dist-info"):
                continue
            inside = Path(*parts[1:])  # below the dist-info folder
            if inside.parts[0] == "licenses" and len(inside.parts) > 1:  # PEP 639: every file there is a licence
                inside = Path(*inside.parts[1:])
            elif not LICENCE_FILE.search(file.name):
                continue
            flat = f"{name}--{'__'.join(inside.parts)}"
            (out / flat).write_bytes(Path(distribution.locate_file(file)).read_bytes())
            copied.append(flat)
        licence = licence_of(distribution)
        if not copied and "LGPL-3.0" in licence:  # PySide6 and shiboken6: their wheels carry no text
            copied = ["LGPL-3.txt", "GPL-3.txt"]
        entries.append({"nom": name, "version": distribution.version, "licence": licence, "fichiers": sorted(copied)})
    (out / INDEX).write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return entries


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    written = generate(root, root / "resources" / "licences")
    print(f"{len(written)} composants et leurs licences écrits dans {root / 'resources' / 'licences'}", file=sys.stderr)
