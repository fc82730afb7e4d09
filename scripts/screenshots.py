"""Takes the README's screenshots: the chair's window at 1366×768 on the 240-member demo (paused
on item 40), the public display, and the secretary's procès-verbal tab on item 39; then the
installation demo (issue 10) at the third round of the maire's election, its count keyed, and the
public display showing the second round; the secretary's own window, the journal view, the roll call of
240 members, a vote closed after a global count, and a new practice session. Run it through scripts/screenshots.sh (Xvfb)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    os.environ.setdefault("SEANCE_DESK_CONFIG_DIR", tempfile.mkdtemp(prefix="seance-desk-shots-config-"))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from seance_desk.tools.demo import build_demo
    from seance_desk.service.session import SessionService
    from seance_desk.store import Store
    from seance_desk.ui.shell.controller import SessionController
    from seance_desk.ui.shell.main_window import MainWindow
    from seance_desk.ui.shell.translations import install_french_translations

    app = QApplication(sys.argv)
    from seance_desk.ui.shell.app_style import use_application_style

    use_application_style(app)
    install_french_translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="seance-desk-shots-") as folder:
        store = Store.open(Path(folder) / "shots.sqlite3")
        # Paused on item 40 a few minutes ago, so that times read as they would in a live session.
        demo = build_demo(240, 80, until_item=40, live_at=datetime.now(UTC))
        service = SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events))
        service.do(service.commands.give_floor(service.state.speakers.queue[0]))
        window = MainWindow(SessionController(service))
        window.setGeometry(0, 0, 1366, 768)
        window.show()
        window.toggle_public_display()
        display = window.public_display
        display.setGeometry(0, 0, 1280, 720)

        election_window = _installation_window(store, SessionController, MainWindow)

        def shoot() -> None:
            election_window.grab().save(str(OUT / "election-du-maire.png"))
            election_window.public_display.grab().save(str(OUT / "affichage-public-election.png"))
            election_window.close()
            window.grab().save(str(OUT / "fenetre-principale.png"))
            display.grab().save(str(OUT / "affichage-public.png"))
            window.central_tabs.setCurrentWidget(window.minutes_panel)
            window.minutes_panel.select("pt39")
            app.processEvents()
            window.grab().save(str(OUT / "proces-verbal.png"))
            _secretary_and_journal(app, window)
            _roll_call_and_counts(app, window)
            practice = _practice_window(store, SessionController, MainWindow)
            app.processEvents()
            practice.grab().save(str(OUT / "seance-exercice.png"))
            practice.close()
            print(f"Captures écrites dans {OUT}")
            app.quit()

        QTimer.singleShot(1500, shoot)
        app.exec()
        store.close()
    return 0


def _secretary_and_journal(app, window) -> None:
    """The secretary's PV in its own window (Maj+F8, for a second screen or a second laptop), then
    the journal view docked under the chair's window."""
    window.toggle_minutes_window()
    secretary = window.minutes_window.window
    secretary.setGeometry(0, 0, 1366, 768)
    app.processEvents()
    secretary.grab().save(str(OUT / "fenetre-secretaire.png"))
    secretary.close()
    journal = window.show_journal()  # floating at first, over the chair's window
    app.processEvents()
    journal.grab().save(str(OUT / "journal.png"))
    journal.close()


def _roll_call_and_counts(app, window) -> None:
    """The 240-member roll call tab, then item 40's vote after a global count (« décompte global »):
    the floor given back, the vote opened by show of hands, the counts entered and the vote closed."""
    from seance_desk.models.enums import VoteMethod

    window.central_tabs.setCurrentWidget(window.vote_panel)
    window.docks["roll"].raise_()
    app.processEvents()
    window.grab().save(str(OUT / "appel-nominal.png"))
    window.docks["agenda"].raise_()
    act = window.controller.act  # as the panels do, so that each refreshes
    act("Fin d'intervention", lambda c: c.end_floor())
    act("Ouvrir le vote", lambda c: c.open_vote("pt40", VoteMethod.SHOW_OF_HANDS))
    act("Décompte global", lambda c: c.counts("pt40", pour=180, contre=31, abstention=18))
    act("Clore le vote", lambda c: c.close_vote("pt40"))
    app.processEvents()
    window.grab().save(str(OUT / "vote-decompte-global.png"))


def _practice_window(store, controller_class, window_class):
    """A new « séance d'exercice » (33 members, before the roll call), as « Séance → Nouvelle séance
    d'exercice » starts it."""
    from seance_desk.service.session import SessionService
    from seance_desk.tools.live_demo import store_practice_session

    service = SessionService(store, store_practice_session(store, 33))
    window = window_class(controller_class(service))
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    return window


def _installation_window(store, controller_class, window_class):
    """The installation demo paused before the third round of the maire's election, shifted to
    now, with the third round's figures typed in the form (not yet recorded)."""
    from seance_desk.service.session import SessionService
    from seance_desk.tools import demo_installation as installation

    demo = installation.build_installation(until="tour_3", live_at=datetime.now(UTC))
    service = SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events))
    window = window_class(controller_class(service))
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    votants, blancs, nuls, votes = installation.MAIRE_ROUNDS[2]
    window.vote_panel.election_page.round_form.set_figures(votants, blancs, nuls, votes)
    window.toggle_public_display()
    window.public_display.setGeometry(0, 0, 1280, 720)
    return window


if __name__ == "__main__":
    sys.exit(main())
