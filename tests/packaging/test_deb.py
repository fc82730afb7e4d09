"""The Debian package, round trip on this machine: built from the bundle by
packaging/linux/build_deb.py, installed with dpkg, its two programs run from /usr/bin — the console
companion's commands (help, demo, pv signed and not, verify), the window started offscreen until
usable — then purged, the program gone and the user's data kept. Needs root and dpkg (the CI runs
as root on Debian); elsewhere skipped, but failed under CI=true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from seance_desk import __version__
from seance_desk.paths import CONFIG_DIR_ENV, DATA_DIR_ENV, DB_FILENAME
from seance_desk.tools.start_probe import EXIT_AFTER_ENV

from tests.support.testcert import make_test_pkcs12

from .conftest import ROOT, load_script, unavailable

# The first test to ask for the bundle builds it (a minute or more on two loaded cores): more room than the default 600 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

PACKAGE = "seance-desk"
PREFIX = Path("/opt/seance-desk")
PROGRAMS = {name: Path("/usr/bin") / name for name in ("seance-desk", "seance-desk-cli")}


def _installed_version() -> str | None:
    done = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Abbrev}${Version}", PACKAGE], capture_output=True, text=True)
    return done.stdout[3:] if done.returncode == 0 and done.stdout.startswith("ii") else None


@pytest.fixture(scope="module")
def deb(frozen_bundle, tmp_path_factory) -> Iterator[Path]:
    if shutil.which("dpkg-deb") is None:
        unavailable("dpkg-deb is not installed: the .deb cannot be built here")
    build_deb = load_script("linux/build_deb.py")
    # gzip -1: this package is installed and removed at once; the release default, xz, takes minutes.
    package = build_deb.build_deb(frozen_bundle, tmp_path_factory.mktemp("deb"), compression="gzip", level=1)
    yield package
    package.unlink(missing_ok=True)  # 160 MB


@pytest.fixture(scope="module")
def installed(deb):
    if shutil.which("dpkg") is None or os.geteuid() != 0:
        unavailable("installing the .deb needs dpkg and root rights")
    if _installed_version() is not None:
        unavailable(f"{PACKAGE} is already installed on this machine: the test would replace it and then remove it")
    done = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    yield deb
    if _installed_version() is not None:
        subprocess.run(["dpkg", "--purge", PACKAGE], capture_output=True, text=True, timeout=600)


@pytest.fixture
def user_env(tmp_path) -> dict[str, str]:
    """A user of the installed program: their own home, data and settings folders, no display."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY")}
    home = tmp_path / "utilisateur"
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "donnees"), XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "etat"), XDG_CACHE_HOME=str(home / "cache"))
    env.update({DATA_DIR_ENV: str(tmp_path / "donnees"), CONFIG_DIR_ENV: str(tmp_path / "reglages"), "QT_QPA_PLATFORM": "offscreen"})
    return env


def _run(program: str, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(PROGRAMS[program]), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_package_puts_the_programs_the_menu_entry_and_the_icon_in_place(installed):
    assert _installed_version() == __version__
    # Depends: the packages of the system libraries the bundle links to — the C library at least.
    depends = subprocess.run(["dpkg-query", "-W", "-f", "${Depends}", PACKAGE], capture_output=True, text=True).stdout
    assert "libc6" in [name.strip() for name in depends.split(",")]
    for name, link in PROGRAMS.items():
        assert link.is_symlink() and link.resolve() == PREFIX / name
    desktop = Path("/usr/share/applications/seance-desk.desktop").read_text(encoding="utf-8")
    assert "\nExec=seance-desk\n" in desktop and "\nIcon=seance-desk\n" in desktop and "\nName=Séance Desk\n" in desktop
    assert Path("/usr/share/icons/hicolor/scalable/apps/seance-desk.svg").is_file()
    assert Path("/usr/share/icons/hicolor/256x256/apps/seance-desk.png").is_file()
    # The package's resources, as importlib.resources finds them in the frozen program.
    resources = PREFIX / "_internal" / "seance_desk" / "resources"
    assert (resources / "icons" / "seance-desk.svg").is_file() and (resources / "fonts" / "DejaVuSans.ttf").is_file()
    # Every file of resources/ ships: the fonts, the icon, the third-party licence texts (resources/licences/).
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts:
            assert (resources / source.relative_to(ROOT / "resources")).is_file(), source


def test_the_console_companion_runs_the_command_line(installed, user_env, tmp_path):
    helped = _run("seance-desk-cli", "--help", env=user_env, cwd=tmp_path)
    assert helped.returncode == 0 and "utilisation : seance-desk" in helped.stdout
    assert _run("seance-desk-cli", "--version", env=user_env, cwd=tmp_path).stdout.strip() == f"Séance Desk {__version__}"

    demo = _run("seance-desk-cli", "demo", "--out", "seance.json", env=user_env, cwd=tmp_path)
    assert demo.returncode == 0 and "Séance de démonstration écrite dans seance.json" in demo.stdout
    verified = _run("seance-desk-cli", "verify", "seance.json", env=user_env, cwd=tmp_path)
    assert verified.returncode == 0 and "chaîne SHA-256 vérifiée" in verified.stdout

    pv = _run("seance-desk-cli", "pv", "seance.json", "--out", "pv.pdf", env=user_env, cwd=tmp_path)
    assert pv.returncode == 0 and (tmp_path / "pv.pdf").read_bytes()[:5] == b"%PDF-"
    unsigned = _run("seance-desk-cli", "verify", "pv.pdf", env=user_env, cwd=tmp_path)
    assert unsigned.returncode == 1 and "ne porte aucune signature" in unsigned.stderr

    certificate = make_test_pkcs12()
    (tmp_path / "mairie.p12").write_bytes(certificate.p12)
    signing_env = {**user_env, "SEANCE_DESK_CERT_PASSWORD": certificate.passphrase.decode()}
    signed = _run("seance-desk-cli", "pv", "seance.json", "--out", "pv-signe.pdf", "--sign", "mairie.p12", env=signing_env, cwd=tmp_path)
    assert signed.returncode == 0, signed.stderr
    # pyHanko, frozen, reads the signature back: it names the signer (whatever the trust verdict).
    read_back = _run("seance-desk-cli", "verify", "pv-signe.pdf", "--session", "seance.json", env=user_env, cwd=tmp_path)
    assert certificate.common_name in read_back.stdout + read_back.stderr
    tampered = bytearray((tmp_path / "pv-signe.pdf").read_bytes())
    tampered[tampered.index(b"/Producer") + 1] ^= 0x20  # one byte of the signed range
    (tmp_path / "pv-altere.pdf").write_bytes(bytes(tampered))
    assert _run("seance-desk-cli", "verify", "pv-altere.pdf", env=user_env, cwd=tmp_path).returncode != 0


def test_the_window_starts_offscreen_and_opens_a_session(installed, user_env, tmp_path):
    """The windowed program, from /usr/bin, up to usable (chain verified, actions allowed) on the
    demonstration a first start creates; it ends by itself (SEANCE_DESK_EXIT_AFTER)."""
    started = _run("seance-desk", env={**user_env, EXIT_AFTER_ENV: "usable"}, cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout.strip().splitlines()[-1])["rss_mb"] > 0
    assert (tmp_path / "donnees" / DB_FILENAME).is_file()
    listed = _run("seance-desk-cli", "sessions", env=user_env, cwd=tmp_path)
    (first,) = listed.stdout.strip().splitlines()  # the demonstration the window created, and only it
    assert listed.returncode == 0 and first.startswith("1\t") and "événements" in first


def test_the_installed_programs_work_on_a_postgresql_server(installed, user_env, tmp_path, pg_url):
    """The shared mode from /usr/bin (issue 14): the installers carry psycopg and its own libpq
    (psycopg-binary). PSYCOPG_IMPL=binary forbids psycopg any other libpq — this machine has one
    (the test server's), a town hall's laptop has none. The console companion imports a session into
    the server and verifies it there; the window opens on the server until usable."""
    env = {**user_env, "PSYCOPG_IMPL": "binary"}
    assert _run("seance-desk-cli", "demo", "--members", "33", "--items", "4", "--out", "seance.json", env=env, cwd=tmp_path).returncode == 0
    imported = _run("seance-desk-cli", "--database", pg_url, "import", "seance.json", env=env, cwd=tmp_path)
    assert imported.returncode == 0 and "Séance importée : 1" in imported.stdout, imported.stderr
    verified = _run("seance-desk-cli", "--database", pg_url, "verify", "--seance", "1", env=env, cwd=tmp_path)
    assert verified.returncode == 0 and "Séance n° 1 intègre" in verified.stdout, verified.stderr
    started = _run("seance-desk", "--database", pg_url, env={**env, EXIT_AFTER_ENV: "usable"}, cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    listed = _run("seance-desk-cli", "--database", pg_url, "sessions", env=env, cwd=tmp_path)
    # The imported session, and the demonstration the window created on the server (it had no last session).
    assert listed.returncode == 0 and sorted(line.split("\t")[0] for line in listed.stdout.splitlines()) == ["1", "2"], listed.stdout + listed.stderr
    assert not (tmp_path / "donnees" / DB_FILENAME).exists()  # all of it on the server


def test_purging_removes_the_program_and_keeps_the_users_data(installed, user_env, tmp_path):
    _run("seance-desk-cli", "demo", "--out", "seance.json", env=user_env, cwd=tmp_path)
    assert _run("seance-desk-cli", "import", "seance.json", env=user_env, cwd=tmp_path).returncode == 0
    database = tmp_path / "donnees" / DB_FILENAME
    before = database.stat().st_size
    done = subprocess.run(["dpkg", "--purge", PACKAGE], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _installed_version() is None
    assert not PREFIX.exists() and not any(link.is_symlink() or link.exists() for link in PROGRAMS.values())
    assert not Path("/usr/share/applications/seance-desk.desktop").exists()
    assert database.stat().st_size == before  # the user's sessions are theirs
