"""The chair's window's menus: « Séance » (the session files, the sitting's life, who is signed in),
« Édition » (undo and redo, named after what they would do), « Affichage » and « Aide ». Each entry
calls the window (main_window.py), which inherits this part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from .server_connection import connect_to_server
from .sitting_menu import SittingMenu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from ..panels.session_bar import SessionBar
    from .controller import SessionController
    from .dialogs import DialogService
    from .session_files import SessionFiles
    from .shortcuts import ShortcutRegistry


class WindowMenus:
    """The menu bar of `MainWindow` and the undo and redo entries' names."""

    # Provided by MainWindow (main_window.py), which inherits this part.
    controller: SessionController
    dialogs: DialogService
    shortcuts: ShortcutRegistry
    session_bar: SessionBar
    session_files: SessionFiles
    docks: dict[str, QDockWidget]

    def _build_menus(self) -> None:
        session_menu = self.menuBar().addMenu("&Séance")
        files = self.session_files
        session_menu.addAction(self.shortcuts.add(self, "Ctrl+N", "Préparer une séance depuis des tableurs…", files.prepare))
        session_menu.addAction(self.shortcuts.add(self, "Ctrl+O", "Ouvrir une autre séance de la base…", files.open_other))
        session_menu.addAction(self.shortcuts.add(self, "Ctrl+I", "Importer un fichier de séance…", files.import_file))
        session_menu.addAction(self.shortcuts.add(self, "Ctrl+E", "Exporter la séance dans un fichier…", files.export_file))
        demo = QAction("Nouvelle séance de démonstration", self)
        demo.triggered.connect(lambda _checked=False: files.new_demo())
        session_menu.addAction(demo)
        practice = QAction("Nouvelle séance d'exercice", self)
        practice.setToolTip("Une séance qui commence avant l'appel, pour répéter tout le déroulé (F1)")
        practice.triggered.connect(lambda _checked=False: files.new_practice())
        session_menu.addAction(practice)
        installation = QAction("Nouvelle séance d'installation (démonstration)", self)  # issue 10
        installation.setToolTip("Un conseil municipal de 23 membres : le doyen préside l'élection du maire, puis celle des adjoints")
        installation.triggered.connect(lambda _checked=False: files.new_installation())
        session_menu.addAction(installation)
        server = QAction("Se connecter à un serveur…", self)
        server.setToolTip("La base partagée sur un serveur PostgreSQL (deux postes, une séance), retenue pour les prochains démarrages")
        server.triggered.connect(lambda _checked=False: connect_to_server(self.dialogs, self.session_files.preferences))
        session_menu.addAction(server)
        session_menu.addSeparator()
        # Issue 9: the secretaries, the carence, the publication dates, the year's registre.
        self.sitting_menu = SittingMenu(session_menu, self.controller, self.dialogs, self.session_bar, files, self)
        session_menu.addSeparator()
        from .people_menu import PeopleMenu  # issue 14 § 3: who is signed in, changing it, the accounts

        self.people_menu = PeopleMenu(session_menu, self.controller, self.dialogs, self.statusBar(), self)
        session_menu.addSeparator()
        quit_action = QAction("&Quitter", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        session_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("É&dition")
        self.undo_action = self.shortcuts.add(self, "Ctrl+Z", "Annuler la dernière action (correction journalisée)", self.undo)
        self.redo_action = self.shortcuts.add(self, "Ctrl+Y", "Rétablir l'action annulée", self.controller.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        # The menu names what Ctrl+Z and Ctrl+Y would do: « Annuler : Clôture du vote sur le point n° 4 ».
        # The stack's own signals carry the texts: the slots never read a stack Qt may be deleting.
        self.controller.undo_stack.undoTextChanged.connect(self._name_undo_action)
        self.controller.undo_stack.redoTextChanged.connect(self._name_redo_action)
        self._name_undo_action(self.controller.undo_label() or "")
        self._name_redo_action(self.controller.redo_label() or "")

        view_menu = self.menuBar().addMenu("&Affichage")
        view_menu.addAction(self.shortcuts.add(self, "F7", "Afficher le vote, le curseur sur la saisie (P/C/A/N)", self.show_vote))
        view_menu.addAction(self.shortcuts.add(self, "F8", "Afficher le procès-verbal (secrétaire)", self.show_minutes))
        view_menu.addAction(self.shortcuts.add(self, "Shift+F8", "Procès-verbal dans sa propre fenêtre (ou le ramener dans l'onglet)", self.toggle_minutes_window))
        public = self.shortcuts.add(self, "F11", "Ouvrir ou fermer l'affichage public (plein écran sur le second écran ; F11 le ferme aussi depuis l'affichage)", self.toggle_public_display)
        view_menu.addAction(public)
        journal = QAction("&Journal de la séance", self)
        journal.triggered.connect(lambda _checked=False: self.show_journal())
        view_menu.addAction(journal)
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())

        help_menu = self.menuBar().addMenu("Aid&e")
        help_action = self.shortcuts.add(self, "F1", "Aide : déroulé d'une séance et raccourcis clavier", self.show_help)
        help_menu.addAction(help_action)
        about = QAction("À &propos de Séance Desk…", self)
        about.triggered.connect(lambda _checked=False: self.show_about())
        help_menu.addAction(about)

    def _name_undo_action(self, label: str) -> None:
        self.undo_action.setText(f"Annuler : {label}" if label else "Annuler (rien à annuler)")

    def _name_redo_action(self, label: str) -> None:
        self.redo_action.setText(f"Rétablir : {label}" if label else "Rétablir (rien à rétablir)")
