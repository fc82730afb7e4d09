"""What the frozen application weighs and how fast it starts, as JSON:

    .venv/bin/python packaging/report.py [--bundle dist/seance-desk] [--repeat 3] [--no-startup]

- `size_mib`: the PyInstaller folder by component — `qt` (PySide6, shiboken6, Qt's libraries and
  plugins), `python` (the interpreter, its standard library, the bootloaders), `seance_desk` (our
  code and resources), `others` (every other library, detailed in `others_mib`, largest first).
  Python modules are counted inside the executables' PYZ archive, where PyInstaller packs them
  compressed (each executable carries its own copy: `executables_mib`).
- `startup`: cold starts of the frozen program against the venv's `python -m seance_desk`, timed in
  the same run, interleaved, from spawn to exit: to the window's first paint (`*_window_s`) and to
  usable — chain verified, actions allowed (`*_usable_s`), on the 240-member, 80-item session the
  bench uses; each start ends by itself (SEANCE_DESK_EXIT_AFTER, seance_desk/tools/start_probe.py).
  Medians; `floor_s` is the bare PySide6 window of the bench (bench_ui.floor_child).

Run it with the project's venv (it builds the session with the package); PyInstaller, in the
`packaging` extra, reads the executables' archive (without it, modules count as `python`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's package, the one the bundle was built from (not another editable install's)
MIB = 1024 * 1024
QT_TOP = ("PySide6", "shiboken6")
QT_LIBRARY_PREFIXES = ("libQt6", "libpyside6", "libshiboken6", "libicu", "Qt6", "pyside6", "shiboken6")
PYTHON_FILES = ("base_library.zip", "lib-dynload", f"python{sys.version_info.major}.{sys.version_info.minor}")
# A distribution's files under other names than its import name (its .libs, its dist-info).
SAME_LIBRARY = {"pil": "pillow"}
PROGRAMS = ("seance-desk", "seance-desk-cli")


# ---------------------------------------------------------------------- sizes
def _program(bundle: Path, name: str) -> Path:
    windows = bundle / f"{name}.exe"
    return windows if windows.exists() else bundle / name


def component_of_file(relative: Path) -> str:
    """`qt`, `python`, `seance_desk`, or the top-level name of another library's file in _internal."""
    parts = relative.parts
    if parts and parts[0] == "_internal":
        parts = parts[1:]
    if not parts:
        return "python"
    top, name = parts[0], parts[-1]
    if top in QT_TOP or name.startswith(QT_LIBRARY_PREFIXES):
        return "qt"
    if top in PYTHON_FILES or name.startswith(("libpython", "python3", "vcruntime", "ucrtbase", "api-ms-win")):
        return "python"
    if top == "seance_desk":
        return "seance_desk"
    if len(parts) == 1:  # a library PyInstaller copied from the system (libssl, libX11…)
        return "bibliothèques système"
    return _library(top.split("-")[0].split(".")[0])  # cryptography-50.0.2.dist-info, numpy.libs → cryptography, numpy


def component_of_module(module: str) -> str:
    top = module.split(".")[0]
    if top in QT_TOP:
        return "qt"
    if top == "seance_desk":
        return "seance_desk"
    if top in sys.stdlib_module_names or top.startswith(("pyimod", "pyiboot", "pyi_rth", "_pyi")):
        return "python"
    return _library(top)


def _library(name: str) -> str:
    return SAME_LIBRARY.get(name.lower(), name.lower())


def _pyz_modules(program: Path) -> tuple[int, dict[str, int]] | None:
    """(bytes of the PYZ archive inside the executable, compressed bytes by component) — None
    without PyInstaller to read it."""
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        return None
    archive = CArchiveReader(str(program))
    by_component: dict[str, int] = {}
    pyz_bytes = 0
    for name, entry in archive.toc.items():
        if entry[-1] != "z":
            continue
        pyz_bytes += entry[1]
        for module, (_kind, _offset, length) in archive.open_embedded_archive(name).toc.items():
            component = component_of_module(module)
            by_component[component] = by_component.get(component, 0) + length
    return pyz_bytes, by_component


def bundle_sizes(bundle: Path) -> dict:
    totals: dict[str, int] = {}
    files = 0
    executables: dict[str, int] = {}
    programs = {_program(bundle, name) for name in PROGRAMS}
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue  # a link weighs nothing; its target is counted once
        files += 1
        size = path.stat().st_size
        if path in programs:
            executables[path.name] = size
            modules = _pyz_modules(path)
            if modules is not None:
                pyz_bytes, by_component = modules
                for component, length in by_component.items():
                    totals[component] = totals.get(component, 0) + length
                # The archive's own headers and table of contents, and the bootloader, are Python's.
                totals["python"] = totals.get("python", 0) + size - sum(by_component.values())
                continue
            totals["python"] = totals.get("python", 0) + size
            continue
        component = component_of_file(path.relative_to(bundle))
        totals[component] = totals.get(component, 0) + size
    main = ("qt", "python", "seance_desk")
    others = {name: size for name, size in totals.items() if name not in main}
    total = sum(totals.values())
    return {
        "bundle": str(bundle),
        "files": files,
        "total_mib": _mib(total),
        "size_mib": {**{name: _mib(totals.get(name, 0)) for name in main}, "others": _mib(sum(others.values()))},
        "share": {**{name: round(totals.get(name, 0) / total, 3) for name in main}, "others": round(sum(others.values()) / total, 3)},
        "others_mib": {name: _mib(size) for name, size in sorted(others.items(), key=lambda kv: -kv[1])[:15]},
        "executables_mib": {name: _mib(size) for name, size in sorted(executables.items())},
    }


def _mib(size: int) -> float:
    return round(size / MIB, 1)


# ---------------------------------------------------------------------- cold starts
START_TIMEOUT_S = 120


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=START_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # A start that never ends is waiting on a dialog: typically a bundle built from older code,
        # which finds the session's database newer than it and asks what to do.
        raise RuntimeError(
            f"le démarrage mesuré ({' '.join(command)}) n'a pas abouti en {START_TIMEOUT_S} s : une boîte de dialogue attend sans doute une réponse "
            "(dossier construit depuis une version plus ancienne du code ? reconstruisez-le)"
        ) from None
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"le démarrage mesuré a échoué ({' '.join(command)}, code {done.returncode}) : {done.stderr.strip()[-800:]}")
    return elapsed


def cold_starts(bundle: Path, repeat: int = 3, members: int = 240, items: int = 80) -> dict:
    from seance_desk.paths import CONFIG_DIR_ENV, DATA_DIR_ENV, DB_FILENAME
    from seance_desk.store import Store
    from seance_desk.tools.bench_ui import BENCH_DATE, _compile_package
    from seance_desk.tools.demo import build_demo
    from seance_desk.tools.start_probe import EXIT_AFTER_ENV

    _compile_package()  # the venv's start reads compiled modules, as the bundle's does
    frozen = [str(_program(bundle, "seance-desk"))]
    venv = [sys.executable, "-m", "seance_desk"]
    floor = [sys.executable, "-c", "from seance_desk.tools.bench_ui import floor_child; floor_child()"]
    times: dict[str, list[float]] = {key: [] for key in ("frozen_window_s", "venv_window_s", "frozen_usable_s", "venv_usable_s", "floor_s")}
    with tempfile.TemporaryDirectory(prefix="seance-desk-report-") as folder:
        data, config = Path(folder) / "donnees", Path(folder) / "reglages"
        data.mkdir()
        demo = build_demo(members, items, session_date=BENCH_DATE, until_item=items // 2)
        with Store.open(data / DB_FILENAME) as store:
            store.set_last_session_id(store.import_session(demo.assembly, demo.setup, demo.events))
        env = {**os.environ, DATA_DIR_ENV: str(data), CONFIG_DIR_ENV: str(config)}
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        for _ in range(repeat):  # interleaved, so that the machine's load weighs on all alike
            for end in ("window", "usable"):
                ended = {**env, EXIT_AFTER_ENV: end}
                times[f"venv_{end}_s"].append(_timed(venv, ended, REPO))
                times[f"frozen_{end}_s"].append(_timed(frozen, ended, REPO))
            times["floor_s"].append(_timed(floor, env, REPO))
    result: dict = {key: round(statistics.median(values), 3) for key, values in times.items()}
    result["frozen_vs_venv_window"] = round(result["frozen_window_s"] / result["venv_window_s"], 2)
    result["frozen_vs_venv_usable"] = round(result["frozen_usable_s"] / result["venv_usable_s"], 2)
    result.update(members=members, items=items, events=len(demo.events), repeat=repeat)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Taille du programme autonome par composant et démarrage à froid, comparé à l'environnement Python, en JSON.")
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "seance-desk", help="dossier construit par PyInstaller (défaut : dist/seance-desk)")
    parser.add_argument("--repeat", type=int, default=3, help="démarrages mesurés de chaque sorte (défaut : 3 ; la médiane est donnée)")
    parser.add_argument("--members", type=int, default=240)
    parser.add_argument("--items", type=int, default=80)
    parser.add_argument("--no-startup", action="store_true", help="la taille seulement")
    args = parser.parse_args(argv)
    if not _program(args.bundle, "seance-desk").is_file():
        print(f"report : {args.bundle} ne contient pas le programme construit par PyInstaller (pyinstaller --noconfirm packaging/seance-desk.spec).", file=sys.stderr)
        return 1
    report = bundle_sizes(args.bundle)
    if not args.no_startup:
        try:
            report["startup"] = cold_starts(args.bundle, args.repeat, args.members, args.items)
        except RuntimeError as exc:
            print(f"report : {exc}", file=sys.stderr)
            return 1
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
