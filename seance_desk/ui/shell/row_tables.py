"""The read-only tables of the dialogs and panels (declarations, convocation's recipients, acts'
publication, accounts, amendments): one row per thing, chosen by whole rows, never edited in place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def read_only_table(
    columns: Sequence[str],
    name: str,
    *,
    stretch: int | None = None,
    selection: QAbstractItemView.SelectionMode | None = None,
    fit_to_contents: bool = True,
) -> QTableWidget:
    """An empty table of `columns` (its accessible `name`), rows selected whole; `stretch`: the
    column that takes the width left; `selection`: the mode, None for Qt's own; columns fitted to
    their contents unless `fit_to_contents` is False."""
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if selection is not None:
        table.setSelectionMode(selection)
    header = table.horizontalHeader()
    if fit_to_contents:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
