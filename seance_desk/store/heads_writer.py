"""The live heads file of an open store: one line appended per durable commit, on the action's path,
and a background thread that fdatasyncs it off that path (heads.py says why, with the measures).

Standard library only, as heads.py.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..paths import PRIVATE_FILE_MODE
from .heads_format import MAGIC

# The background sync's minimum spacing (see heads.py's docstring).
SYNC_INTERVAL_S = 0.1


class HeadsFile:
    """The open heads file of one store: `record` appends a line per durable commit (one write, on
    the action's path); a daemon thread fdatasyncs after each (off it). See heads.py's docstring."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()  # guards the fd when the syncer reopens a replaced file
        self._fd = self._open()
        self._last: dict[int, bytes] = {}  # our latest line per session, written again into a replaced file
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None

    def _open(self) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, PRIVATE_FILE_MODE)
        if os.fstat(fd).st_size == 0:
            os.write(fd, f"{MAGIC}\n".encode("ascii"))
        return fd

    def record(self, session_id: int, seq: int, digest: str, at: str) -> None:
        """After a durable commit, before it is acknowledged. Never raises: the action is stored; a
        heads file that cannot be written weakens the check at the next start, no more."""
        line = f"{session_id} {seq} {digest} {at or '-'}\n".encode("ascii")
        with self._lock:
            try:
                os.write(self._fd, line)
            except OSError:
                return
            self._last[session_id] = line
            if self._thread is None:
                self._thread = threading.Thread(target=self._sync_forever, name="seance-desk-heads-sync", daemon=True)
                self._thread.start()
        # Set only if not set yet (setting takes a lock and a notify): a flag still set means the
        # syncer has not cleared it yet, and it clears it before each sync, so its next sync comes
        # after the line written above. In a burst of actions the flag mostly stays set.
        if not self._wake.is_set():
            self._wake.set()

    def _sync_forever(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._closing.is_set():
                return
            try:
                _datasync(self._fd)
                if os.fstat(self._fd).st_nlink == 0:
                    self._reopen()
            except OSError:
                pass  # best effort: the database is the record, this file is its witness
            # Lines written meanwhile wait for the next turn (the wake stays set); close interrupts.
            if self._closing.wait(SYNC_INTERVAL_S):
                return

    def _reopen(self) -> None:
        """Another store compacted the file (renamed a new one over it): write our heads into the new one."""
        with self._lock:  # no line may go to the old file between writing ours and the swap
            fd = self._open()
            os.write(fd, b"".join(self._last.values()))
            old, self._fd = self._fd, fd
        os.close(old)
        _datasync(fd)

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        try:
            _datasync(self._fd)
        except OSError:
            pass
        os.close(self._fd)


def _datasync(fd: int) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fd)
