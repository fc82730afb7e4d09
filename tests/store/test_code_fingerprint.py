"""The domain code's fingerprint that keys the state checkpoint (store/state_checkpoint.py): read
without pathlib for the start-up's sake, it is the very digest of the domain's sources in pathlib's
order, and a change of any source changes it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import seance_desk.models
from seance_desk import __version__
from seance_desk.store import state_checkpoint


def _by_pathlib(root: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return f"{__version__}:{digest.hexdigest()}"


def test_the_fingerprint_is_the_domain_sources_digest_in_pathlib_order(monkeypatch):
    monkeypatch.setattr(state_checkpoint, "_fingerprint", None)
    assert state_checkpoint.code_fingerprint() == _by_pathlib(Path(seance_desk.models.__file__).parent)


def test_the_sources_come_in_pathlib_order_and_a_changed_one_changes_the_fingerprint(tmp_path, monkeypatch):
    for name in ("b.py", "a/z.py", "a/b/c.py", "A.py", "a_b.py", "ab/x.py", "note.txt", "a/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"# {name}\n")
    found = state_checkpoint._domain_sources(str(tmp_path))
    assert [Path(path) for _parts, path in found] == sorted(tmp_path.rglob("*.py"))
    assert ["/".join(parts) for parts, _path in found] == [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.py"))]
    fake_init = tmp_path / "__init__.py"
    fake_init.write_text("")
    monkeypatch.setattr(seance_desk.models, "__file__", str(fake_init))
    monkeypatch.setattr(state_checkpoint, "_fingerprint", None)
    first = state_checkpoint.code_fingerprint()
    assert first == _by_pathlib(tmp_path)
    (tmp_path / "a/b/c.py").write_text("# changed\n")
    monkeypatch.setattr(state_checkpoint, "_fingerprint", None)
    assert state_checkpoint.code_fingerprint() != first
