"""Captures every dialog and the main states of the chair's window at 1366×768, for a review by eye
(the README's pictures are scripts/screenshots.py's). Run under a virtual screen of that size:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tests.support.dialog_shots /tmp/shots

For each picture it prints the window's frame, whether it fits on the screen, its default button (the
one Enter presses) and any English word among its buttons and labels."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ENGLISH = re.compile(r"\b(OK|Cancel|Close|Yes|No|Apply|Save|Open|Help|Reset|Discard|Abort|Retry|Ignore|Look in|File name|Files of type)\b")


def _texts(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in widget.findChildren(QAbstractButton)] + [w.text() for w in widget.findChildren(QLabel)]
    return [t for t in texts if t]


def _default_button(widget) -> str:
    from PySide6.QtWidgets import QPushButton

    for button in widget.findChildren(QPushButton):
        if button.isDefault() and button.isVisible():
            return button.text().replace("&", "")
    return "—"


class Shooter:
    def __init__(self, app, out: Path):
        self.app = app
        self.out = out
        self.lines: list[str] = []

    def settle(self, rounds: int = 5) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def save(self, name: str, widget) -> None:
        self.settle()
        widget.grab().save(str(self.out / f"{name}.png"))
        screen = widget.screen().availableGeometry()
        frame = widget.frameGeometry() if widget.isWindow() else widget.window().frameGeometry()
        fits = screen.contains(frame)
        english = sorted({m.group(0) for t in _texts(widget) for m in ENGLISH.finditer(t)})
        line = (f"{name}: {frame.width()}×{frame.height()} at ({frame.x()},{frame.y()})"
                f"{'' if fits else ' DÉPASSE L’ÉCRAN'} ; défaut : {_default_button(widget)}"
                f"{' ; anglais : ' + ', '.join(english) if english else ''}")
        self.lines.append(line)
        print(line, flush=True)

    def dialog(self, name: str, opener: Callable[[], object]) -> None:
        """Opens a dialog (by `open()` or `exec()`), captures it, then closes it without answering."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog

        done: list[bool] = []
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

        def shoot() -> None:
            widget = QApplication.activeModalWidget()
            if widget is None:
                fresh = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
                widget = fresh[-1] if fresh else None
            if widget is None:
                print(f"{name}: aucune fenêtre ouverte", flush=True)
                self.lines.append(f"{name}: aucune fenêtre ouverte")
            else:
                self.save(name, widget)
                if isinstance(widget, QDialog):
                    widget.reject()
                else:
                    widget.close()
            done.append(True)

        QTimer.singleShot(400, shoot)
        try:
            opener()
        except Exception as exc:  # a review tool: say it and go on with the next picture
            print(f"{name}: erreur {exc!r}", flush=True)
        while not done:
            self.app.processEvents()
        self.settle()


def main(out: Path) -> int:
    os.environ.setdefault("SEANCE_DESK_CONFIG_DIR", tempfile.mkdtemp(prefix="seance-desk-review-config-"))
    from PySide6.QtWidgets import QApplication

    from seance_desk.ui.shell.translations import install_french_translations

    app = QApplication(sys.argv)
    from seance_desk.ui.shell.app_style import use_application_style

    use_application_style(app)
    install_french_translations(app)
    out.mkdir(parents=True, exist_ok=True)
    shooter = Shooter(app, out)
    only = set(sys.argv[2:])
    with tempfile.TemporaryDirectory(prefix="seance-desk-review-") as folder:
        from seance_desk.store import Store

        store = Store.open(Path(folder) / "review.sqlite3")
        for scene in (_live_dialogs, _closed_session, _elections, _large_session):
            if not only or scene.__name__ in only:
                scene(shooter, store)
        store.close()
    (out / "revue.txt").write_text("\n".join(shooter.lines) + "\n", encoding="utf-8")
    return 0


def _window(store, demo):
    from seance_desk.service.session import SessionService
    from seance_desk.ui.shell.controller import SessionController
    from seance_desk.ui.shell.main_window import MainWindow

    service = SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events))
    window = MainWindow(SessionController(service))
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    return window


def _live_dialogs(shooter: Shooter, store) -> None:
    """A 33-member council paused on item 4, hands raised: every dialog of the sitting."""
    from seance_desk.models.enums import VoteMethod
    from seance_desk.tools.demo import build_demo
    from seance_desk.ui.dialogs.sign_in_dialog import SignInDialog
    from seance_desk.ui.shell.server_connection import connect_to_server
    from seance_desk.ui.shell.settings import Preferences

    window = _window(store, build_demo(33, 12, until_item=4, live_at=datetime.now(UTC)))
    shooter.save("fenetre-33", window)
    files, bar, menu = window.session_files, window.session_bar, window.sitting_menu
    shooter.dialog("preparer-une-seance", files.prepare)
    shooter.dialog("ouvrir-une-seance", files.open_other)
    shooter.dialog("importer-fichier", files.import_file)
    state = window.controller.state
    absent = next(m.id for m in state.assembly.members if not state.roll.is_seated(m.id))
    shooter.dialog("pouvoir", lambda: window.roll_call_panel.open_proxy_dialog(absent))
    shooter.dialog("suspension", bar.ask_suspension)
    shooter.dialog("levee", bar.close_session)
    shooter.dialog("huis-clos", bar.show_huis_clos_dialog)
    shooter.dialog("urgence", bar.ask_urgency)
    shooter.dialog("question-diverse", bar.ask_question)
    shooter.dialog("secretaires", bar.ask_secretaries)
    shooter.dialog("convocation", menu.show_convocation)
    shooter.dialog("declarations", menu.show_declarations)
    shooter.dialog("visio", lambda: _visio_dialog(window))
    shooter.dialog("comptes", window.people_menu.show_accounts)
    shooter.dialog("connexion", lambda: SignInDialog(lambda *_a: None, "base locale de ce poste", window).exec())
    shooter.dialog("serveur", lambda: connect_to_server(window.dialogs, files.preferences or Preferences()))
    shooter.dialog("a-propos", window.show_about)
    shooter.dialog("aide-f1", window.show_help)
    shooter.dialog("aide-f1-deroule", lambda: window._help_dialog(True).exec())
    compte = next((i for i in state.items.values() if "ompte administratif" in i.item.title), None)
    if compte is not None and hasattr(agenda_actions := window.agenda_panel, "ask_chair"):
        shooter.dialog("president-compte-administratif", lambda: agenda_actions.ask_chair(compte.id))
    agenda = window.agenda_panel
    for name in ("ask_postpone", "ask_withdraw", "ask_recusal", "ask_text", "ask_classification"):
        if hasattr(agenda, name):
            shooter.dialog(f"odj-{name.removeprefix('ask_')}", getattr(agenda, name))
    shooter.dialog("amendement", window.vote_panel.amendments.ask_proposal)
    window.central_tabs.setCurrentWidget(window.vote_panel)
    shooter.save("vote-avant-ouverture", window)
    act = window.controller.act
    act("Fin d'intervention", lambda c: c.end_floor())
    act("Ouvrir le vote", lambda c: c.open_vote("pt4", VoteMethod.SHOW_OF_HANDS))
    shooter.save("vote-ouvert-main-levee", window)
    act("Décompte global", lambda c: c.counts("pt4", pour=20, contre=5, abstention=2))
    shooter.save("vote-decompte-global", window)
    window.controller.undo()  # back to the keying: a few members keyed one by one, then the roll-call vote
    from seance_desk.models.enums import VoteChoice

    panel = window.vote_panel
    voters = [m.id for m in window.controller.state.assembly.members if window.controller.state.roll.is_seated(m.id)]
    for member_id, choice in zip(voters[:3], (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN), strict=True):
        panel.record_for(member_id, choice)
    shooter.save("vote-saisie-nominative", window)
    panel.start_roll_call()
    shooter.save("vote-par-appel-nominal", window)
    panel.stop_roll_call()
    act("Clore le vote", lambda c: c.unanimity("pt4") + c.close_vote("pt4"))
    shooter.save("vote-clos", window)
    from seance_desk.ui.dialogs.ballot_correction import ask_ballot_correction

    state = window.controller.state  # item 3 was keyed member by member: its votes can be corrected
    shooter.dialog("correction-bulletin", lambda: ask_ballot_correction(state, state.items["pt3"], window.dialogs))
    shooter.save("journal", window.show_journal())
    window.close()


def _visio_dialog(window):
    from seance_desk.files.visio_attendance import match_report
    from seance_desk.files.visio_report import read_visio_report
    from seance_desk.ui.dialogs.visio_attendance_dialog import VisioAttendanceDialog
    from tests.visio.samples import zoom_with_meeting

    state = window.controller.state
    absent = [m for m in state.assembly.members if not state.roll.is_seated(m.id)][:3]
    rows = [(f"{m.last_name} {m.first_name}", "", "20/11/2026 18:25", "20/11/2026 21:55") for m in absent]
    rows.append(("Tablette salle 2", "", "20/11/2026 18:00", "20/11/2026 21:55"))
    path = Path(tempfile.mkdtemp()) / "participants.csv"
    path.write_bytes(zoom_with_meeting(rows, "20/11/2026 18:00", "20/11/2026 21:56"))
    dialog = VisioAttendanceDialog(window.controller, match_report(read_visio_report(path), state), window)
    dialog.open()
    return dialog


def _closed_session(shooter: Shooter, store) -> None:
    """A whole 33-member session, levée: the dialogs after the sitting, and the secretary's window."""
    from seance_desk.tools.demo import build_demo

    window = _window(store, build_demo(33, 12))
    menu = window.sitting_menu
    shooter.dialog("publication", menu.show_publication_dates)
    shooter.dialog("apres-la-seance", menu.show_after_session)
    window.central_tabs.setCurrentWidget(window.minutes_panel)
    shooter.save("proces-verbal-onglet", window)
    shooter.dialog("pv-arrete", window.minutes_panel.ask_arrete)
    shooter.dialog("pv-publication", window.minutes_panel.ask_publish)
    window.toggle_minutes_window()
    secretary = window.minutes_window.window
    secretary.setGeometry(0, 0, 1366, 768)
    shooter.save("fenetre-secretaire", secretary)
    secretary.close()
    window.close()


def _elections(shooter: Shooter, store) -> None:
    """The installation session's election page at each stage, and a commission at the proportional."""
    from seance_desk.tools import demo_installation as installation
    from seance_desk.ui.shell.controller import SessionController
    from seance_desk.ui.shell.main_window import MainWindow

    for stage in ("election_maire", "tour_3", "proclamation_maire", "election_adjoints", "proclamation_adjoints"):
        window = _window(store, installation.build_installation(until=stage, live_at=datetime.now(UTC)))
        window.central_tabs.setCurrentWidget(window.vote_panel)
        if stage == "tour_3":
            votants, blancs, nuls, votes = installation.MAIRE_ROUNDS[2]
            window.vote_panel.election_page.round_form.set_figures(votants, blancs, nuls, votes)
        shooter.save(f"election-{stage}", window)
        window.close()
    from tests.ui.test_commission_page import commission_service, type_list

    window = MainWindow(SessionController(commission_service(store)))
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    window.central_tabs.setCurrentWidget(window.vote_panel)
    page = window.vote_panel.election_page
    page.proportional_check.click()
    type_list(page, "Ensemble", "Prénom1 Nom1", "Prénom2 Nom2", "Prénom3 Nom3")
    type_list(page, "Agir", "Prénom11 Nom11")
    shooter.save("election-commission-proportionnelle", window)
    window.close()


def _large_session(shooter: Shooter, store) -> None:
    """The 240-member roll call."""
    from seance_desk.tools.demo import build_demo

    window = _window(store, build_demo(240, 40, until_item=20, live_at=datetime.now(UTC)))
    window.docks["roll"].raise_()
    shooter.save("appel-nominal-240", window)
    window.close()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/seance-desk-review")))
