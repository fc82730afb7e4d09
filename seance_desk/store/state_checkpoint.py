"""The signed state checkpoint: `seance-desk.sqlite3.etat` beside the database (issue 8, speed).

Why: the window's start-up folded the whole journal of the last session (≈ 0.1 s for 9,000 events,
a third of the start-up's budget). When a session's service closes, the state it stands at is
written here (models/state/resume.py: its slices, pickled); the next start reads it and folds only
the events after it. The hash chain and the anchors are verified before any action is allowed,
as before: the checkpoint spares the fold and the re-hashing of rows unchanged since it was
written (below), never a check.

Why it can be trusted:

- it is keyed by the session, the journal's head it stands at (seq and hash: the start-up uses it
  only if the journal read holds that very event, and the chain verification then proves the
  events before it are the ones folded), the setup's genesis hash, the application's version and a
  fingerprint of the domain's code (models/): any change of code or journal makes it worthless;
- it is authenticated with an HMAC whose key is kept outside the database, in this installation's
  anchoring folder beside the anchoring key (`cle-etat.bin`, 0600): someone who can write to the
  database, or swap this file for another installation's, cannot make one the start-up accepts.
  The MAC is checked before anything is unpickled, and the unpickling loads only the domain's
  classes and a few standard types;
- anything wrong — missing, truncated, tampered, another key, version, session or head — is ignored
  with a log line, and the start-up folds the whole journal as it always did.

Written from a verified state, it also carries, when this process knows every row's texts, the
digest of the stored rows up to its head (rows_digest.py): the start-up's verification then
re-hashes only the events after the head if the rows before it are still those very bytes.

Standard library only: it is read before SQLAlchemy or cryptography are imported.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import copyreg
import json
import logging
import os
import pickle
import threading
import time
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..paths import PRIVATE_FILE_MODE, private_dir, write_private_file

if TYPE_CHECKING:
    from ..models.state.resume import ResumePoint
    from ..models.state.session_state import SessionState
    from .integrity import StoredSession

CHECKPOINT_SUFFIX = ".etat"
KEY_FILENAME = "cle-etat.bin"  # in the anchoring folder, beside cle-ancrage.pem
# 2: the shared objects written as calls of _shared_ref instead of pickle's persistent ids.
# 3: the items written one pickle each after the rest (write_point: the interpreter's lock let go
# between them). A file of an earlier format is ignored: its MAGIC does not match, and the start-up
# folds the journal.
MAGIC = b"seance-desk-etat 3\n"
# The slices written entry by entry: « items » alone is ≈ 50 ms of pickling at 240 members and 80
# items, one C call that held the interpreter's lock against the chair's actions meanwhile.
_CHUNKED_SLICES = ("items", "elections")
_KEY_BYTES = 32
log = logging.getLogger("seance_desk.store")

_fingerprint: str | None = None
# Writes are serialized (a save after N events runs on a worker thread, the close's on the GUI
# thread), and one never replaces a later head already saved by this process.
_write_lock = threading.Lock()
_saved_heads: dict[tuple[Path, int], int] = {}


def checkpoint_path(database: Path) -> Path:
    return database.with_name(database.name + CHECKPOINT_SUFFIX)


def code_fingerprint() -> str:
    """The application's version and the SHA-256 of the domain's source (models/), so that a state
    saved by other code is never taken for this code's. In a bundle without sources, the version."""
    global _fingerprint
    if _fingerprint is None:
        from .. import __version__
        from ..models import __file__ as models_init

        digest = hashlib.sha256(__version__.encode())
        for parts, source in _domain_sources(os.path.dirname(models_init)):
            digest.update("/".join(parts).encode() + b"\0")
            with open(source, "rb") as file:
                digest.update(file.read())
        _fingerprint = f"{__version__}:{digest.hexdigest()}"
    return _fingerprint


def _domain_sources(root: str) -> list[tuple[list[str], str]]:
    """The .py files under `root`, each as (its path's parts below `root`, its path), in the order
    sorted(Path(root).rglob("*.py")) gives, hence the same fingerprint: os.walk rather than pathlib,
    whose objects cost ≈ 8 ms of the start-up for the domain's hundred files."""
    found = []
    for folder, _subfolders, names in os.walk(root):
        below = os.path.relpath(folder, root)
        parts = [] if below == os.curdir else below.split(os.sep)
        found.extend((parts + [name], os.path.join(folder, name)) for name in names if name.endswith(".py"))
    fold = str.lower if os.name == "nt" else str  # pathlib's order: case-folded parts on Windows
    found.sort(key=lambda entry: [fold(part) for part in entry[0]])
    return found


# ------------------------------------------------------------------------------ the key
def _key_path() -> Path:
    from ..documents.signing.anchor_folder import anchor_dir

    return anchor_dir() / KEY_FILENAME


def _read_key() -> bytes | None:
    try:
        key = _key_path().read_bytes()
    except OSError:
        return None
    return key if len(key) == _KEY_BYTES else None


def _key_for_writing() -> bytes:
    """The installation's checkpoint key, created (0600, in the 0700 anchoring folder) on first use;
    os.O_EXCL: two processes starting together keep the first one's key."""
    key = _read_key()
    if key is not None:
        return key
    path = _key_path()
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        key = _read_key()
        if key is None:
            raise OSError(f"clé d'état illisible : {path}") from None
        return key
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)
        key = os.urandom(_KEY_BYTES)
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def _mac(key: bytes, header: bytes, body: bytes) -> bytes:
    return hmac.new(key, MAGIC + header + b"\n" + body, hashlib.sha256).hexdigest().encode("ascii")


# ------------------------------------------------------------------------------ shared objects
def _shared(assembly: Any, setup: Any, events: list) -> dict[int, tuple]:
    """The objects the state shares with the stored session (its members, agenda items, events),
    pickled by reference and bound again on reading to the session just read."""
    shared: dict[int, tuple] = {id(assembly): ("assembly",), id(setup): ("setup",)}
    shared.update((id(member), ("member", member.id)) for member in assembly.members)
    shared.update((id(item), ("item", item.id)) for item in setup.agenda)
    shared.update((id(event), ("event", event.seq)) for event in events)
    return shared


def _shared_ref(*ref: Any) -> Any:
    """What a shared object is pickled as: a call of this, with its reference ("member", "m3")…
    Only _Unpickler binds it to the session read (find_class); called otherwise, it refuses."""
    raise pickle.UnpicklingError(f"référence {ref!r} hors de la lecture d'un état")


class _Pickler(pickle.Pickler):
    """Pickles the shared objects by reference. Through the pickler's dispatch table, looked up by
    the C pickler for objects of the shared objects' classes only: a persistent_id method, the way
    it used to be done, is a Python call for each of the state's ≈ 180,000 objects at 240 members,
    two thirds of the ≈ 130 ms of CPU that a save during the session (state_saving.py) takes on
    its worker thread, holding the interpreter lock against the chair's actions meanwhile."""

    def __init__(self, file, shared: dict[int, tuple], classes: set[type]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared
        table = copyreg.dispatch_table.copy()
        table.update((cls, self._reduce) for cls in classes)
        self.dispatch_table = table

    def _reduce(self, obj: Any) -> Any:
        ref = self._shared.get(id(obj))
        if ref is None:  # of a shared class, but not the session's own: pickled as any object
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return (_shared_ref, ref)


_ALLOWED_BUILTINS = frozenset({"set", "frozenset", "dict", "list", "tuple", "object", "bytearray", "complex"})


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, stored: StoredSession):
        super().__init__(file)
        self._stored = stored
        self._members = {member.id: member for member in stored.assembly.members}
        self._items = {item.id: item for item in stored.setup.agenda}

    def _resolve(self, *ref: Any) -> Any:
        return self.persistent_load(ref)

    def persistent_load(self, pid):  # noqa: D102 (pickle's name)
        kind = pid[0]
        if kind == "assembly":
            return self._stored.assembly
        if kind == "setup":
            return self._stored.setup
        if kind == "member":
            return self._members[pid[1]]
        if kind == "item":
            return self._items[pid[1]]
        if kind == "event":
            return self._stored.events[pid[1] - 1]
        raise pickle.UnpicklingError(f"référence inconnue {pid!r}")

    def find_class(self, module, name):  # noqa: D102 (pickle's name)
        if module == __name__ and name == "_shared_ref":
            return self._resolve  # bound to the session read
        # Defence in depth behind the MAC: the domain's classes and plain standard types only.
        if module.startswith("seance_desk.models.") or module in ("datetime", "decimal", "fractions", "collections", "copyreg"):
            return super().find_class(module, name)
        if module == "builtins" and name in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"type non admis : {module}.{name}")


# ------------------------------------------------------------------------------ writing and reading
def write_checkpoint(
    database: Path, session_id: int, genesis: str, state: SessionState, texts: Sequence[tuple[str, str]] | None = None
) -> bool:
    """Saves `state` (folded and verified by this code) beside `database`; False if there is nothing
    to save or it could not be written (logged: the next start folds the whole journal). Never raises.
    `texts`: the verified texts of the journal's first events as stored (rows_digest.rows_of), so
    that the next start need not re-hash the rows the state stands on."""
    from ..models.state.resume import resume_point

    point = resume_point(state)
    if point is None:
        return False
    return write_point(database, session_id, genesis, point, state.assembly, state.setup, list(state.events), texts=texts)


def write_point(
    database: Path, session_id: int, genesis: str, point: ResumePoint, assembly: Any, setup: Any, events: list,
    between_parts: Callable[[], None] | None = None, texts: Sequence[tuple[str, str]] | None = None,
) -> bool:
    """write_checkpoint's work, from a point already taken (a copy: it may run on a worker thread
    while the session goes on). `events`: the journal up to the point's head at least.
    `between_parts`: called after each item pickled (the worker's wait while the chair acts).
    `texts`: see write_checkpoint; the digest of the rows up to the head is saved only when every
    one of them is known (rows_digest.py)."""
    path = checkpoint_path(database)
    try:
        fields = {"session_id": session_id, "head_seq": point.head_seq, "head_hash": point.head_hash, "genesis": genesis, "code": code_fingerprint()}
        digest = _digest_of(events[: point.head_seq], texts)
        if digest is not None:
            fields["rows_digest"] = digest
        fields["anchors_digest"] = _anchors_digest_of(database, session_id, genesis, setup)
        header = json.dumps(fields, sort_keys=True).encode("utf-8")
        buffer = io.BytesIO()
        shared = _shared(assembly, setup, events[: point.head_seq])
        classes = {type(assembly), type(setup), *(type(m) for m in assembly.members), *(type(i) for i in setup.agenda)}
        if point.head_seq:
            classes.add(type(events[0]))
        pickler = _Pickler(buffer, shared, classes)  # one memo for every part: shared objects stay shared
        slices = dict(point.slices)
        chunked = {name: slices.pop(name) for name in _CHUNKED_SLICES if isinstance(slices.get(name), dict)}
        pickler.dump(
            {
                "slices": slices,
                "chunked": {name: list(entries) for name, entries in chunked.items()},
                "cancelled": point.cancelled,
                "urgency_predates_rule": point.urgency_predates_rule,
            }
        )
        for entries in chunked.values():
            for value in entries.values():
                pickler.dump(value)
                _let_others_run()
                if between_parts is not None:
                    between_parts()
        body = buffer.getvalue()
        data = MAGIC + header + b"\n" + _mac(_key_for_writing(), header, body) + b"\n" + body
        with _write_lock:
            if _saved_heads.get((path, session_id), 0) > point.head_seq:
                return False  # a later state of this process is there already
            write_private_file(path, data)
            _saved_heads[path, session_id] = point.head_seq
    except Exception as exc:  # noqa: BLE001 — a checkpoint only saves time: never fail a close for it
        log.warning("État de la séance n° %s non enregistré à côté de %s : %s", session_id, database, exc)
        return False
    return True


def _digest_of(events: list, texts: Sequence[tuple[str, str]] | None) -> str | None:
    from .rows_digest import rows_digest, rows_of

    rows = rows_of(events, texts)
    return None if rows is None else rows_digest(rows)


def _anchors_digest_of(database: Path, session_id: int, genesis: str, setup: Any) -> list | None:
    from .anchors_check import signed_anchors_digest

    found = signed_anchors_digest(database, session_id, genesis, setup.title)
    return None if found is None else list(found)


class VouchedRows(NamedTuple):
    """What a checkpoint says of the journal it stands on: the digest (rows_digest.py) of its
    first `count` stored rows, as verified when it was written."""

    count: int
    digest: str


class SavedState(NamedTuple):
    point: ResumePoint | None
    vouched: VouchedRows | None
    # The first anchor rows whose signatures held when it was written (anchors_check.signed_anchors_digest).
    vouched_anchors: VouchedRows | None = None


def read_checkpoint(database: Path, session_id: int, stored: StoredSession) -> ResumePoint | None:
    """The checkpoint beside `database` for this session and journal, or None (see the module's
    docstring: anything doubtful is ignored, with a log line). Never raises."""
    return read_saved_state(database, session_id, stored).point


def read_saved_state(database: Path, session_id: int, stored: StoredSession) -> SavedState:
    """read_checkpoint's point, and the digest of the rows it stands on when the checkpoint carries
    one (VouchedRows, None otherwise): both only from a checkpoint that passed every check of
    read_checkpoint but the unpickling. Never raises."""
    path = checkpoint_path(database)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return SavedState(None, None)
    except OSError as exc:
        return SavedState(_ignored(path, f"illisible ({exc.strerror or exc})"), None)
    vouched: dict[str, VouchedRows] = {}
    try:
        point = _parsed(path, data, session_id, stored, vouched)
    except Exception as exc:  # noqa: BLE001 — a damaged file must never stop the start-up
        point = _ignored(path, f"illisible ({type(exc).__name__})")
    return SavedState(point, vouched.get("rows"), vouched.get("anchors"))


def _parsed(path: Path, data: bytes, session_id: int, stored: StoredSession, vouched: dict[str, VouchedRows]) -> ResumePoint | None:
    from ..models.state.resume import ResumePoint

    if not data.startswith(MAGIC):
        return _ignored(path, "format inconnu")
    header, _, rest = data[len(MAGIC) :].partition(b"\n")
    mac, _, body = rest.partition(b"\n")
    key = _read_key()
    if key is None:
        return _ignored(path, "pas de clé d'état dans le dossier d'ancrage de cette installation")
    if not hmac.compare_digest(mac, _mac(key, header, body)):
        return _ignored(path, "authentification refusée (fichier modifié, tronqué ou d'une autre installation)")
    fields = json.loads(header)
    if fields.get("code") != code_fingerprint():
        return _ignored(path, "enregistré par une autre version de Séance Desk")
    if fields.get("session_id") != session_id or fields.get("genesis") != stored.genesis:
        return None  # another session's: not an anomaly, the last one closed was another
    seq, head_hash = fields.get("head_seq"), fields.get("head_hash")
    events = stored.events
    if not isinstance(seq, int) or not 0 < seq <= len(events) or events[seq - 1].hash != head_hash:
        return _ignored(path, f"le journal ne contient plus l'événement n° {seq} sur lequel il a été enregistré")
    # Both authenticated with the rest of the header (the MAC above).
    digest = fields.get("rows_digest")
    if isinstance(digest, str):
        vouched["rows"] = VouchedRows(seq, digest)
    anchors = fields.get("anchors_digest")
    if isinstance(anchors, list) and len(anchors) == 2 and type(anchors[0]) is int and isinstance(anchors[1], str):
        vouched["anchors"] = VouchedRows(*anchors)
    unpickler = _Unpickler(io.BytesIO(body), stored)
    saved = unpickler.load()
    slices = saved["slices"]
    for name, keys in saved["chunked"].items():  # written after the rest, one pickle per entry
        slices[name] = {key: unpickler.load() for key in keys}
    return ResumePoint(seq, head_hash, slices, frozenset(saved["cancelled"]), bool(saved["urgency_predates_rule"]))


def _let_others_run() -> None:
    """Between two parts of a save on the worker thread: the interpreter's lock offered to the GUI
    thread, which may be waiting to paint a chair's action (a C pickling call never lets it go)."""
    time.sleep(0)


def _ignored(path: Path, why: str) -> None:
    log.warning("État enregistré « %s » ignoré : %s ; le journal est rejoué en entier.", path, why)
    return None
