"""SEANCE_DESK_EXIT_AFTER, the start that ends by itself (seance_desk/tools/start_probe.py): unset,
run_app is untouched; an unknown value is said in French and the window stays. Its two ends are
exercised on real starts: `window` and `usable` by packaging/report.py's children (test_report.py),
`usable` by the installed program (test_deb.py)."""

from __future__ import annotations

from seance_desk.tools import start_probe


class Window:
    def __init__(self):
        self.filters = []

    def installEventFilter(self, spy):  # noqa: N802 (Qt's name)
        self.filters.append(spy)


def test_unset_changes_nothing(monkeypatch):
    monkeypatch.delenv(start_probe.EXIT_AFTER_ENV, raising=False)
    window = Window()
    start_probe.exit_when_started(None, window)
    assert window.filters == []


def test_an_unknown_end_is_said_in_french_and_the_window_stays(monkeypatch, capsys):
    monkeypatch.setenv(start_probe.EXIT_AFTER_ENV, "peinte")
    window = Window()
    start_probe.exit_when_started(None, window)
    assert window.filters == []
    assert "SEANCE_DESK_EXIT_AFTER='peinte' est inconnu (valeurs possibles : window, usable) ; la fenêtre reste ouverte." in capsys.readouterr().err
