"""The vote table's cells encoded as Qt's own stream of items, for few Python → C++ calls (issue 11).

The table paints from a QStandardItemModel (vote_model.VoteModel): each role a paint asks (text,
font, colour…) is answered in C++, without the call into a Python data() per role and cell that a
Python model costs (≈ 2.5 ms per repaint of the table). Writing such a model one role at a time
costs a Python → C++ call each (≈ 1 µs here): a unanimity's 237 rows × 3 cells × 10 roles would take
≈ 7 ms. So the rows are encoded here as the very stream QStandardItemModel makes of its items for a
drag (mimeData, « application/x-qstandarditemmodeldatalist »): new rows are dropped into the model
in one call (dropMimeData), which builds their items in C++; a changed cell is read back whole by
its item in one call (QStandardItem.read), only the cells whose encoding differs.

A row's cells are encoded once while its VoteRow lives (rows are immutable and shared, see
vote_rows._voting_row); the parts that depend only on a cell's look (eligible, choice, global count,
column) once for every row; the colours again when the application's palette changes (light ↔ dark).
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt
from PySide6.QtGui import QFont, QGuiApplication

# The format QStandardItemModel.dropMimeData builds whole items from (values and flags).
STANDARD_ITEMS = "application/x-qstandarditemmodeldatalist"

_U32 = struct.Struct(">I").pack  # QDataStream's default byte order: big-endian
_I32 = struct.Struct(">i").pack

# What QAbstractTableModel gives each cell (the vote model's flags before it was a standard model).
FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_FLAGS = _I32(FLAGS.value)  # after an item's roles, as QStandardItem.write puts them
_NO_CHILDREN = _I32(0) + _I32(0)  # in a drag stream, after an item: its columns and children (a flat table)


def qvariant_bytes(value: object) -> bytes:
    """How Qt streams this value as a QVariant (its type, whether null, then the value)."""
    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.writeQVariant(value)
    return data.data()


# A QString QVariant: its type and « not null », then the length in bytes and the UTF-16 text.
_STRING_HEAD = qvariant_bytes("")[:-4]


def string_bytes(text: str) -> bytes:
    """qvariant_bytes(text), made in Python: a row's texts are many, and a call into Qt costs more."""
    utf16 = text.encode("utf-16-be")
    return b"".join((_STRING_HEAD, _U32(len(utf16)), utf16))


def role_bytes(role: int, value: object) -> bytes:
    """One role of an item as QStandardItem streams it: the role, then the value."""
    return _I32(role) + (string_bytes(value) if type(value) is str else qvariant_bytes(value))


class CellStream:
    """Encodes VoteRows' cells as QStandardItem streams them (QStandardItem.read reads one back).

    What a cell holds comes in two parts: the roles that depend only on its look (`look_roles`,
    encoded once for each `look_key`) and the row's own (`own_roles`: its name, its group…). A row's
    cells are encoded once while it lives (by identity: the rows are immutable)."""

    def __init__(self, look_key, look_roles, own_roles, columns: int):
        self._look_key = look_key  # row, column → a hashable key of what look_roles depends on
        self._look_roles = look_roles  # row, column, font → [(role, value)] the same for every row of that look
        self._own_roles = own_roles  # row, column → [(role, value)] the row's own
        self._columns = columns
        self._looks: dict[object, tuple[int, bytes]] = {}
        self._rows: dict[int, tuple[object, tuple[bytes, ...]]] = {}  # id(row) → (row, its cells)
        self._heads: list[tuple[bytes, ...]] = []  # row number → its cells' (row, column) in a drag stream
        # The table's font: a cell's own font (italic) is stored resolved against it, as Qt's delegate
        # would resolve it at each paint — Qt's stream keeps a font whole, not only what it sets.
        self.font = QFont()
        self._style_key: tuple | None = None

    def style_changed(self) -> bool:
        """Whether the palette (light ↔ dark) or the table's font changed since the last encoding:
        then every encoding is forgotten (their colours or fonts differ)."""
        key = (QGuiApplication.palette().cacheKey(), self.font.key())
        if key == self._style_key:
            return False
        self._style_key = key
        self._looks.clear()
        self._rows.clear()
        return True

    def cells(self, rows) -> list[tuple[bytes, ...]]:
        """Each row's cells, encoded (from the cache when the row was seen)."""
        if len(self._rows) > 8192:  # rows long gone: their VoteRows were made anew since
            self._rows.clear()
        cells_of = self._rows
        out = []
        for row in rows:
            known = cells_of.get(id(row))
            if known is None or known[0] is not row:
                known = cells_of[id(row)] = (row, self._encode(row))
            out.append(known[1])
        return out

    def drag_stream(self, cells: list[tuple[bytes, ...]]) -> bytes:
        """These rows' items as QStandardItemModel.dropMimeData reads them, rows numbered from 0."""
        heads = self._heads
        while len(heads) < len(cells):  # each cell's (row, column), made once for each row number
            heads.append(tuple(_I32(len(heads)) + _I32(c) for c in range(self._columns)))
        parts: list[bytes] = []
        for number, row_cells in enumerate(cells):
            for head, cell in zip(heads[number], row_cells):
                parts += (head, cell, _NO_CHILDREN)
        return b"".join(parts)

    def _encode(self, row) -> tuple[bytes, ...]:
        cells = []
        for column in range(self._columns):
            key = self._look_key(row, column)
            look = self._looks.get(key)
            if look is None:
                entries = [role_bytes(role, value) for role, value in self._look_roles(row, column, self.font) if value is not None]
                look = self._looks[key] = (len(entries), b"".join(entries))
            own = [role_bytes(role, value) for role, value in self._own_roles(row, column) if value is not None]
            cells.append(b"".join((_U32(look[0] + len(own)), look[1], *own, _FLAGS)))
        return tuple(cells)
