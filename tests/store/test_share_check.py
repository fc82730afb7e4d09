"""Issue 14 § 6: a SQLite database on a network share is refused, in French, pointing to PostgreSQL;
IT can override. Linux detection is tested with fake mountinfo files; the Windows UNC form on any
system (GetDriveTypeW itself needs Windows)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from seance_desk.store import Store
from seance_desk.store.errors import StoreError
from seance_desk.store.share_check import ALLOW_ENV, check_not_on_network_share, linux_kind, network_file_system, read_mountinfo

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/mairie rw,relatime shared:20 - cifs //serveur/seances rw,vers=3.1.1
41 22 0:36 / /srv/nfs rw shared:21 - nfs4 serveur:/export rw
42 40 8:2 / /mnt/mairie/local rw - ext4 /dev/sdb1 rw
43 22 0:37 / /home/secretaire/distant rw - fuse.sshfs secretaire@portable:/ rw
44 22 0:38 / /mnt/dossier\\040partagé rw - smb3 //serveur/x rw
45 22 0:39 / /mnt/plan9 rw - 9p drvfs rw
ligne abîmée sans séparateur
46 22 0:40 / /mnt/vide rw -
"""


@pytest.fixture
def mountinfo(tmp_path: Path) -> Path:
    path = tmp_path / "mountinfo"
    path.write_text(MOUNTINFO, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "where, kind",
    [
        ("/mnt/mairie/seance-desk.sqlite3", "cifs"),
        ("/srv/nfs/seances/base.sqlite3", "nfs4"),
        ("/home/secretaire/distant/base.sqlite3", "fuse.sshfs"),
        ("/mnt/dossier partagé/base.sqlite3", "smb3"),
        ("/mnt/plan9/base.sqlite3", "9p"),
        ("/mnt/mairie/local/base.sqlite3", None),  # a local disk mounted inside the share: local
        ("/home/president/base.sqlite3", None),
        ("/mnt/mairieX/base.sqlite3", None),  # a sibling whose name begins like the share's
    ],
)
def test_the_mount_holding_the_file_tells_its_kind(mountinfo: Path, where: str, kind: str | None):
    assert linux_kind(Path(where), mountinfo) == kind


def test_a_malformed_or_missing_mountinfo_is_not_a_reason_to_refuse(tmp_path: Path):
    garbage = tmp_path / "mountinfo"
    garbage.write_bytes(b"\xff\xfe\x00 - \n" + b"x" * 100_000 + b"\n - \n")
    assert linux_kind(Path("/mnt/mairie/base.sqlite3"), garbage) is None
    assert read_mountinfo(tmp_path / "absent") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mountinfo")
def test_the_refusal_explains_and_points_to_postgresql_and_it_can_override(tmp_path: Path):
    share, local = tmp_path / "mairie", tmp_path / "local"
    share.mkdir()
    local.mkdir()
    fake = tmp_path / "mountinfo"
    fake.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:35 / {share} rw - cifs //serveur/seances rw\n", encoding="utf-8")
    database = share / "seances" / "seance-desk.sqlite3"  # not created yet: its folder neither
    with pytest.raises(StoreError) as refused:
        check_not_on_network_share(database, environ={}, mountinfo=fake)
    message = str(refused.value)
    assert "partage réseau (cifs)" in message and "PostgreSQL" in message and ALLOW_ENV in message
    check_not_on_network_share(database, environ={ALLOW_ENV: "1"}, mountinfo=fake)
    check_not_on_network_share(local / "base.sqlite3", environ={}, mountinfo=fake)
    check_not_on_network_share(Path("postgresql://serveur/seances"), environ={}, mountinfo=fake)


@pytest.mark.parametrize("unc", ["\\\\serveur\\partage\\seance-desk.sqlite3", "//serveur/partage/seance-desk.sqlite3"])
def test_a_windows_unc_path_is_a_share_on_any_system(unc: str):
    assert network_file_system(unc) == "partage Windows (UNC)"  # type: ignore[arg-type]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mountinfo")
def test_store_open_refuses_a_share_before_creating_anything(tmp_path: Path, monkeypatch):
    import seance_desk.store.share_check as share_check

    fake = tmp_path / "mountinfo"
    fake.write_text(f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 22 0:35 / {tmp_path} rw - nfs serveur:/x rw\n", encoding="utf-8")
    monkeypatch.setattr(share_check, "MOUNTINFO", fake)
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    database = tmp_path / "base" / "seance-desk.sqlite3"
    with pytest.raises(StoreError, match="partage réseau"):
        Store.open(database)
    assert not database.exists() and not database.parent.exists()
    monkeypatch.setenv(ALLOW_ENV, "1")
    with Store.open(database):
        pass
