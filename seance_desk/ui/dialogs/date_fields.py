"""Date fields of the dialogs, shown the French way (« 18/12/2026 », calendar in French), and their
conversion to and from Python dates: one place for the preparation, the PV's arrêté and publication,
and the acts' transmission and publication dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def french_date_edit(initial: date, latest: date | None = None) -> QDateEdit:
    """`latest`: the last date that may be picked (today, for what is entered once it has happened)."""
    edit = QDateEdit(qdate(initial))
    if latest is not None:
        edit.setMaximumDate(qdate(latest))
    edit.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit
