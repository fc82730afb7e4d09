"""paths.py's private-file helpers: what holds session data is readable by its owner only, whatever
the umask (POSIX modes; Windows relies on the profile directory's ACL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seance_desk.paths import create_private_file, private_dir, restrict_to_owner, write_private_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture(autouse=True)
def permissive_umask():
    previous = os.umask(0o002)  # as on many desktops: group-writable, world-readable by default
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_private_dir_makes_only_what_is_missing_owner_only(tmp_path: Path):
    existing = tmp_path / "partage"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    made = private_dir(existing / "a" / "b")
    assert made.is_dir() and mode(existing / "a") == mode(existing / "a" / "b") == 0o700
    assert mode(existing) == 0o755  # a folder chosen by the user is left as it is


def test_write_private_file_is_atomic_and_owner_only(tmp_path: Path):
    target = tmp_path / "seance.json"
    target.write_text("ancien")
    os.chmod(target, 0o644)
    write_private_file(target, b"nouveau")
    assert target.read_bytes() == b"nouveau" and mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["seance.json"]  # no temporary file left


def test_create_private_file_and_restrict(tmp_path: Path):
    path = tmp_path / "base.sqlite3"
    assert create_private_file(path) and mode(path) == 0o600
    assert not create_private_file(path)  # an existing file is not touched
    loose = tmp_path / "ancienne.sqlite3"
    loose.write_text("x")
    os.chmod(loose, 0o664)
    restrict_to_owner(loose)
    assert mode(loose) == 0o600
    shared = tmp_path / "partagee.sqlite3"  # shared with a group on purpose: left alone
    shared.write_text("x")
    os.chmod(shared, 0o660)
    restrict_to_owner(shared)
    assert mode(shared) == 0o660


def test_exports_of_a_session_are_owner_only(tmp_path: Path):
    """The session file (members' e-mails, phones, birth dates) and the PV as PDF/A."""
    from seance_desk.tools.demo import build_demo
    from seance_desk.documents.builders.pv_builder import build_pv
    from seance_desk.documents.pdf.pdfa import render_pdfa
    from seance_desk.files.session_file import write_session_file
    from seance_desk.models.state.session_state import SessionState

    demo = build_demo(members=9, items=2)
    exported = tmp_path / "seance.json"
    write_session_file(exported, demo.assembly, demo.setup, demo.events)
    pv = tmp_path / "pv.pdf"
    assert render_pdfa(build_pv(SessionState.fold(demo.assembly, demo.setup, demo.events)), pv) >= 1
    assert mode(exported) == mode(pv) == 0o600
    assert pv.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob(".*.tmp"))  # nothing left half-written beside them
