"""A SQLite database on a network share is refused (issue 14 § 6), with the way out: PostgreSQL.

Why: SQLite's locks and its WAL's shared memory (-shm) rely on the local kernel. Over SMB/CIFS,
NFS, SSHFS or a VM's shared folder, byte-range locks are emulated or ignored and mmap is not
coherent between machines: two posts then write over each other and the file is damaged, or an
acknowledged action silently disappears (sqlite.org, « SQLite Over a Network, Caveats and
Considerations »; WAL mode is explicitly unsupported there). The heads file (heads.py) would notice
the loss afterwards; better to refuse before.

Detection, where the system tells:
- Linux: the file system type of the mount holding the file, from /proc/self/mountinfo;
- Windows: a UNC path (\\\\serveur\\partage\\…), or a drive letter GetDriveTypeW calls DRIVE_REMOTE;
- macOS: statfs's f_fstypename (smbfs, nfs, afpfs, webdav…) and its MNT_LOCAL flag.
Anything else (a share the system presents as local, e.g. some FUSE mounts) is not detected: the
README says SQLite on a share is unsupported either way.

IT can override (SEANCE_DESK_ALLOW_NETWORK_DB=1), e.g. for a single post on a share it knows to be
safe; the refusal's message says so.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from .errors import StoreError

ALLOW_ENV = "SEANCE_DESK_ALLOW_NETWORK_DB"
MOUNTINFO = Path("/proc/self/mountinfo")
# Linux file system types that live on another machine (mountinfo's "fstype" after " - ").
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "sshfs", "fuse.sshfs", "ceph", "fuse.ceph",
    "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "gpfs", "beegfs",
    "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse", "prl_fs", "afpfs", "webdav",
})
MAC_NETWORK_FS_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "ftp", "cifs"})
DRIVE_REMOTE = 4
MAX_MOUNTINFO_BYTES = 4 * 1024 * 1024


def check_not_on_network_share(path: Path, environ: dict[str, str] | None = None, mountinfo: Path | None = None) -> None:
    """Raises StoreError (French) if the SQLite file `path` is on a network file system, unless IT
    set SEANCE_DESK_ALLOW_NETWORK_DB=1."""
    if "://" in str(path):
        return  # a database address (PostgreSQL…), not a file
    env = os.environ if environ is None else environ
    if env.get(ALLOW_ENV, "").strip().lower() in ("1", "oui", "yes", "true"):
        return
    kind = network_file_system(path, mountinfo)
    if kind is not None:
        raise StoreError(refusal(path, kind))


def refusal(path: Path, kind: str) -> str:
    return (
        f"La base de données « {path} » est sur un partage réseau ({kind}) : SQLite n'y est pas fiable "
        "(les verrous ne sont pas garantis à travers le réseau ; la base peut être endommagée ou des actions "
        "enregistrées perdues quand deux postes l'utilisent). Pour travailler à plusieurs postes, utilisez une base "
        "PostgreSQL (seance-desk --database postgresql://utilisateur@serveur/seances) ; pour un seul poste, placez la "
        "base sur un disque local (réglage [donnees] dossier, ou SEANCE_DESK_DATA_DIR). Le service informatique peut "
        f"passer outre en définissant {ALLOW_ENV}=1."
    )


def network_file_system(path: Path, mountinfo: Path | None = None) -> str | None:
    """The network file system type holding `path` (a file that may not exist yet), or None."""
    if sys.platform == "win32" or _is_unc(str(path)):
        return _windows_kind(path)
    existing = _existing_ancestor(Path(path))
    if sys.platform == "darwin":
        return _mac_kind(existing)
    if sys.platform.startswith("linux"):
        return linux_kind(existing, mountinfo)
    return None


def _existing_ancestor(path: Path) -> Path:
    current = Path(os.path.abspath(path))
    while not current.exists() and current.parent != current:
        current = current.parent
    try:
        return current.resolve()
    except OSError:
        return current


# ------------------------------------------------------------------------------ Linux
def linux_kind(path: Path, mountinfo: Path | None = None) -> str | None:
    mounts = read_mountinfo(mountinfo)
    best: tuple[int, str] | None = None
    text = str(path)
    for mount_point, fs_type in mounts:
        if text == mount_point or text.startswith(mount_point.rstrip("/") + "/"):
            if best is None or len(mount_point) >= best[0]:  # the last, deepest mount wins (mounted over)
                best = (len(mount_point), fs_type)
    if best is not None and (best[1] in NETWORK_FS_TYPES or best[1].split(".", 1)[0] in NETWORK_FS_TYPES):
        return best[1]
    return None


def read_mountinfo(mountinfo: Path | None = None) -> list[tuple[str, str]]:
    """(mount point, fs type) of each well-formed line of a mountinfo file; [] if unreadable.
    Octal escapes (\\040 for a space) in mount points are decoded; malformed lines are skipped."""
    try:
        with open(mountinfo or MOUNTINFO, "rb") as handle:
            data = handle.read(MAX_MOUNTINFO_BYTES)
    except OSError:
        return []
    found = []
    for raw in data.decode("utf-8", "surrogateescape").splitlines():
        left, separator, right = raw.partition(" - ")
        fields, tail = left.split(" "), right.split(" ")
        if not separator or len(fields) < 5 or not tail or not tail[0]:
            continue
        found.append((_unescape(fields[4]), tail[0]))
    return found


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 3 < len(text) and text[i + 1 : i + 4].isdigit():
            try:
                out.append(chr(int(text[i + 1 : i + 4], 8)))
                i += 4
                continue
            except ValueError:
                pass
        out.append(text[i])
        i += 1
    return "".join(out)


# ------------------------------------------------------------------------------ Windows
def _is_unc(text: str) -> bool:
    return text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./"))


def _windows_kind(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\?\\UNC\\"):
        return "partage Windows (UNC)"
    if _is_unc(text):
        return "partage Windows (UNC)"
    drive = PureWindowsPath(text).drive
    if sys.platform != "win32" or not drive:
        return None
    try:
        import ctypes

        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return None
    return f"lecteur réseau {drive}" if kind == DRIVE_REMOTE else None


# ------------------------------------------------------------------------------ macOS
MNT_LOCAL = 0x00001000


def _mac_kind(path: Path) -> str | None:
    try:
        import ctypes
        import ctypes.util

        class StatFs(ctypes.Structure):  # struct statfs, 64-bit inode layout (macOS 10.6+, arm64 and x86_64)
            _fields_ = [
                ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
                ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64),
                ("f_files", ctypes.c_uint64), ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
                ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32),
                ("f_fssubtype", ctypes.c_uint32), ("f_fstypename", ctypes.c_char * 16),
                ("f_mntonname", ctypes.c_char * 1024), ("f_mntfromname", ctypes.c_char * 1024),
                ("f_flags_ext", ctypes.c_uint32), ("f_reserved", ctypes.c_uint32 * 7),
            ]

        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
        result = StatFs()
        if statfs(os.fsencode(path), ctypes.byref(result)) != 0:
            return None
    except (OSError, AttributeError, TypeError):
        return None
    name = result.f_fstypename.decode("ascii", "replace")
    if name in MAC_NETWORK_FS_TYPES or not result.f_flags & MNT_LOCAL:
        return name or "partage réseau"
    return None
