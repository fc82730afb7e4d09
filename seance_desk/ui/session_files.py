"""The « Séance » menu's work: prepare a session from the clerk's spreadsheets, open another stored
session, import or export a session file, start a new demonstration. Failures (a bad file, a damaged database) are said in French and change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from ..models.french import french_date
from ..service import SessionService
from ..store import StoreError
from .controller import SessionController
from .dialogs import DialogService

FILTERS = "Fichiers de séance (*.json);;Tous les fichiers (*)"


class SessionFiles:
    def __init__(self, controller: SessionController, dialogs: DialogService):
        self.controller = controller
        self.dialogs = dialogs

    @property
    def store(self):
        return self.controller.service.store

    def _open(self, session_id: int) -> bool:
        try:
            service = SessionService(self.store, session_id)
        except StoreError as exc:
            self.dialogs.error("Ouverture impossible", str(exc))
            return False
        self.store.set_last_session_id(session_id)
        self.controller.switch_to(service)
        self.controller.message.emit(f"Séance ouverte : {service.state.setup.title} ({french_date(service.state.setup.date)})", False)
        return True

    def prepare(self):
        """Opens « Préparer une séance » (window-modal, `open()`); once accepted, the checked session is
        stored without any event and opened: the chair starts with the roll call. Returns the dialog."""
        from .prepare_dialog import PrepareDialog  # on demand: not at startup

        dialog = PrepareDialog(self.dialogs, parent=self.dialogs.parent)
        dialog.accepted.connect(lambda: self._create_prepared(dialog))
        self.prepare_dialog = dialog  # kept alive while it is open
        dialog.open()
        return dialog

    def _create_prepared(self, dialog) -> bool:
        prepared = dialog.prepared
        if prepared is None:
            return False
        try:
            session_id = self.store.import_session(prepared.assembly, prepared.setup, [])
        except StoreError as exc:
            self.dialogs.error("Création impossible", f"La séance n'a pas été créée ; rien n'a été modifié.\n\n{exc}")
            return False
        return self._open(session_id)

    def open_other(self) -> bool:
        rows = self.store.list_sessions()
        if not rows:
            self.dialogs.inform("Ouvrir une séance", "Aucune séance dans la base.")
            return False
        options = [f"{row.assembly_name} — {row.title} — {french_date(row.session_date)} ({row.event_count} événements)" for row in rows]
        index = self.dialogs.choose("Ouvrir une séance", "Séance :", options)
        return index is not None and self._open(rows[index].id)

    def import_file(self) -> bool:
        path = self.dialogs.open_file("Importer un fichier de séance", FILTERS)
        if path is None:
            return False
        from ..session_file import SessionFileError, read_session_file  # on demand: not at startup

        try:
            loaded = read_session_file(path)
            session_id = self.store.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts)
        except (SessionFileError, StoreError, OSError) as exc:
            self.dialogs.error("Import refusé", f"Le fichier « {path.name} » n'a pas été importé ; rien n'a été modifié.\n\n{exc}")
            return False
        return self._open(session_id)

    def export_file(self) -> bool:
        blocked = self.controller.blocked_reason()
        if blocked is not None:  # not before the journal is verified: a file must carry a sound chain
            self.controller.message.emit(blocked, True)
            return False
        state = self.controller.state
        suggested = f"seance-{state.setup.date.isoformat()}.json"
        path = self.dialogs.save_file("Exporter la séance", suggested, FILTERS)
        if path is None:
            return False
        from ..session_file import SessionFileError, write_session_file  # on demand: not at startup

        try:
            texts = self.controller.service.minutes_texts()  # the secretary's texts travel with the journal
            write_session_file(path, state.assembly, state.setup, state.events, minutes_texts=texts)
        except (SessionFileError, StoreError, OSError) as exc:
            self.dialogs.error("Export impossible", str(exc))
            return False
        self.controller.message.emit(f"Séance exportée dans {path} ({len(state.events)} événements, chaîne vérifiable)", False)
        return True

    def new_demo(self) -> bool:
        if not self.dialogs.confirm("Nouvelle séance de démonstration", "Créer une séance de démonstration (33 membres, 12 points) et l'ouvrir ?"):
            return False
        from ..demo import build_demo  # on demand: not at startup

        demo = build_demo(members=33, items=12, until_item=4, live_at=datetime.now(UTC))
        return self._open(self.store.import_session(demo.assembly, demo.setup, demo.events))
