"""The « Séance » menu's work: prepare a session from the clerk's spreadsheets, open another stored
session, import or export a session file, start a new demonstration or a « séance d'exercice »; and, when the open session is
found altered after the first paint, switch to another. Failures (a bad file, a damaged database)
are said in French and change nothing."""

from __future__ import annotations

from ...tools.live_demo import store_installation_demo, store_live_demo, store_practice_session
from ...models.french import french_date
from ...service.session import SessionService
from ...store import StoreError
from ...service.unusable_session import UnusableSession, open_verified, unusable
from .controller import SessionController
from .dialogs import DialogService
from .session_list import session_line

FILTERS = "Fichiers de séance (*.json);;Tous les fichiers (*)"


class SessionFiles:
    def __init__(self, controller: SessionController, dialogs: DialogService):
        self.controller = controller
        self.dialogs = dialogs
        self.preferences = None  # the window's (ui/shell/settings.py): « Préparer une séance » starts from them

    @property
    def store(self):
        return self.controller.service.store

    def _open(self, session_id: int) -> bool:
        try:
            service = open_verified(self.store, session_id)
            self.store.set_last_session_id(session_id)
        except UnusableSession as failure:  # whatever the replay raised, said in French, naming the event
            self.dialogs.error("Ouverture impossible", failure.reason)
            return False
        except StoreError as exc:
            self.dialogs.error("Ouverture impossible", str(exc))
            return False
        self._switch_to(service)
        return True

    def _switch_to(self, service: SessionService) -> None:
        self.controller.switch_to(service)
        self.controller.message.emit(f"Séance chargée : {service.state.setup.title} ({french_date(service.state.setup.date)})", False)

    def replace_unusable(self, demo_members: int = 33) -> bool:
        """The open session was found altered after the first paint (its hash chain): say so, set it
        aside and switch to another stored session the chair picks, or to a new demonstration. False
        only if the database itself cannot be read any more: then there is nothing to switch to."""
        from .session_recovery import SessionRecovery  # on demand: only after a failure

        failed = self.controller.service
        error = failed.integrity_error or StoreError("La vérification du journal a échoué.")
        try:
            recovery = SessionRecovery(failed.store, self.dialogs, demo_members)
            service = recovery.replace(unusable(failed.session_id, error))
        except StoreError as exc:
            self.dialogs.error("Séance inutilisable", f"{error}\n\nAucune autre séance ne peut être ouverte : {exc}")
            return False
        self._switch_to(service)
        return True

    def prepare(self):
        """Opens « Préparer une séance » (window-modal, `open()`); once accepted, the checked session is
        stored without any event and opened: the chair starts with the roll call. Returns the dialog."""
        from ..dialogs.prepare_dialog import PrepareDialog  # on demand: not at startup

        dialog = PrepareDialog(self.dialogs, parent=self.dialogs.parent, store=self.store, preferences=self.preferences)
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
        index = self.dialogs.choose("Ouvrir une séance", "Séance :", [session_line(row) for row in rows])
        return index is not None and self._open(rows[index].id)

    def import_file(self) -> bool:
        path = self.dialogs.open_file("Importer un fichier de séance", FILTERS)
        if path is None:
            return False
        from ...files.session_file import SessionFileError, read_session_file  # on demand: not at startup

        try:
            loaded = read_session_file(path)
            session_id = self.store.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts, loaded.anchors)
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
        from ...files.session_file import SessionFileError, write_session_file  # on demand: not at startup

        try:
            texts = self.controller.service.minutes_texts()  # the secretary's texts travel with the journal
            anchors = self.controller.service.store.anchors(self.controller.service.session_id)  # issue 14 § 5
            write_session_file(path, state.assembly, state.setup, state.events, minutes_texts=texts, anchors=anchors)
        except (SessionFileError, StoreError, OSError) as exc:
            self.dialogs.error("Export impossible", str(exc))
            return False
        self.controller.message.emit(f"Séance exportée dans {path} ({len(state.events)} événements, chaîne vérifiable)", False)
        return True

    def new_demo(self) -> bool:
        if not self.dialogs.confirm("Nouvelle séance de démonstration", "Créer une séance de démonstration (33 membres, 12 points) et l'ouvrir ?"):
            return False
        try:
            session_id = store_live_demo(self.store, 33)
        except StoreError as exc:
            self.dialogs.error("Création impossible", f"La séance de démonstration n'a pas été créée.\n\n{exc}")
            return False
        return self._open(session_id)

    def new_installation(self) -> bool:
        """« Nouvelle séance d'installation (démonstration) » (issue 10): a council of 23 members,
        the roll call made and the session opened, the election of the maire about to begin."""
        if not self.dialogs.confirm(
            "Nouvelle séance d'installation",
            "Créer une séance d'installation de démonstration (conseil municipal de 23 membres : élection du maire, "
            "nombre d'adjoints, élection des adjoints) et l'ouvrir ?\n\nL'appel est fait et la séance ouverte ; "
            "le doyen d'âge va présider l'élection du maire.",
        ):
            return False
        try:
            session_id = store_installation_demo(self.store)
        except StoreError as exc:
            self.dialogs.error("Création impossible", f"La séance d'installation n'a pas été créée ; rien n'a été modifié.\n\n{exc}")
            return False
        return self._open(session_id)

    def new_practice(self) -> bool:
        """« Nouvelle séance d'exercice »: the demo's council and agenda, nothing recorded yet, so
        that the chair rehearses the whole sequence from the roll call (F1 tells it)."""
        if not self.dialogs.confirm(
            "Nouvelle séance d'exercice",
            "Créer une séance d'exercice (33 membres, 12 points), qui commence avant l'appel, et l'ouvrir ?\n\n"
            "Le déroulé (appel, ouverture, secrétaire, points, levée, procès-verbal) est rappelé par F1.",
        ):
            return False
        try:
            session_id = store_practice_session(self.store, 33)
        except StoreError as exc:
            self.dialogs.error("Création impossible", f"La séance d'exercice n'a pas été créée ; rien n'a été modifié.\n\n{exc}")
            return False
        return self._open(session_id)
