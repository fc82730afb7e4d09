"""Date fields of the preparation's dialog, shown the French way (« 18/12/2026 », calendar in French),
and their conversion to and from Python dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def french_date_edit(initial: date) -> QDateEdit:
    edit = QDateEdit(qdate(initial))
    edit.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit
