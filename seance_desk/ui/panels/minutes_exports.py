"""The procès-verbal tab's exports: the PV as PDF/A, the PV signed PAdES, every document of the
session into a folder. The documents themselves are service/documents.py's, the same as
`seance-desk pv` and `seance-desk documents`: this file only asks (files, folder, certificate,
passphrase, through the injected DialogService) and tells (status line, error dialogs)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ...documents.builders.file_names import pv_file_name
from ...documents.signing import PASSPHRASE_ENV
from ...service.documents import DocumentError, SessionDocuments
from ..shell.controller import SessionController
from ..shell.dialogs import DialogService


def _plural(count: int) -> str:
    return "s" if count > 1 else ""


class MinutesExports:
    def __init__(self, controller: SessionController, dialogs: DialogService, save_pending: Callable[[], object]):
        """`save_pending`: the editor's pending text saved first, so that the PV carries it."""
        self.controller = controller
        self.dialogs = dialogs
        self._save_pending = save_pending

    def _documents(self, title: str) -> SessionDocuments | None:
        self._save_pending()
        try:
            return SessionDocuments.of_session(self.controller.service)
        except DocumentError as exc:
            self.dialogs.error(title, str(exc))
            return None

    def _warn(self, documents: SessionDocuments) -> None:
        for warning in documents.warnings:  # the command line says the same on stderr
            self.controller.message.emit(f"Avertissement : {warning}", True)

    # ------------------------------------------------------------------ the PV
    def export_pdf(self) -> Path | None:
        title = "Export du procès-verbal"
        documents = self._documents(title)
        if documents is None:
            return None
        state = documents.state
        suggested = pv_file_name(state)  # as `seance-desk documents` names it: assembly, day and hour
        path = self.dialogs.save_file("Exporter le procès-verbal", suggested, "PDF (*.pdf)")
        if path is None:
            return None
        try:
            written = documents.write_pv(path)
        except DocumentError as exc:
            self.dialogs.error(title, str(exc))
            return None
        self.controller.message.emit(f"Procès-verbal exporté ({written.pages} page{_plural(written.pages)}) : {path}", False)
        self._warn(documents)
        return path

    # ------------------------------------------------------------------ every document
    def export_all(self) -> list[Path] | None:
        """Every document of the session as PDF/A into a chosen folder, all or none; asks before
        replacing documents already there."""
        title = "Export des documents de la séance"
        documents = self._documents(title)
        if documents is None:
            return None
        directory = self.dialogs.choose_directory("Exporter tous les documents de la séance")
        if directory is None:
            return None
        existing = documents.existing(directory)
        if existing and not self.dialogs.confirm(
            title, f"{len(existing)} document{_plural(len(existing))} de cette séance "
                   f"existe{'nt' if len(existing) > 1 else ''} déjà dans {directory}. Les remplacer ?"):
            return None
        try:
            written = documents.write_all(directory)
        except DocumentError as exc:
            self.dialogs.error(title, str(exc))
            return None
        count = len(written.documents)
        self.controller.message.emit(f"{count} document{_plural(count)} écrit{_plural(count)} dans {directory} (PDF/A-2b)", False)
        self._warn(documents)
        return [document.path for document in written.documents]

    # ------------------------------------------------------------------ the signed PV
    def export_signed_pdf(self) -> Path | None:
        """The PV as PDF/A signed PAdES with the town hall's PKCS#12 certificate, then verified.

        The passphrase comes from SEANCE_DESK_CERT_PASSWORD, else is asked; a wrong one is said and
        asked again once. Nothing is written at the destination unless the signature is complete."""
        title = "Procès-verbal signé"
        documents = self._documents(title)
        if documents is None:
            return None
        try:
            documents.check_signable()
        except DocumentError as exc:
            self.dialogs.error(title, str(exc))
            return None
        certificate = self.dialogs.open_file("Certificat de signature de la mairie", "Certificat (*.p12 *.pfx)")
        if certificate is None:
            return None
        from_env = os.environ.get(PASSPHRASE_ENV)
        passphrase = from_env.encode("utf-8") if from_env is not None else self.ask_passphrase(title)
        if passphrase is None:
            return None
        state = documents.state
        suggested = pv_file_name(state, signed=True)
        target = self.dialogs.save_file("Exporter le procès-verbal signé", suggested, "PDF (*.pdf)")
        if target is None:
            return None
        try:
            signed = documents.write_signed_pv(target, certificate, passphrase, ask_again=lambda label: self.ask_passphrase(title, label))
        except DocumentError as exc:
            self.dialogs.error(title, str(exc))
            return None
        if signed is None:  # asked again, and cancelled
            return None
        pages = f"{signed.pages} page{_plural(signed.pages)}"
        if signed.verified:
            self.controller.message.emit(f"Procès-verbal signé exporté ({pages}) : {target}. Vérification : {signed.verification}", False)
        else:
            self.controller.message.emit(
                f"Procès-verbal signé écrit dans {target}, mais la vérification a échoué : {signed.verification}", True)
        self._warn(documents)
        return target

    def ask_passphrase(self, title: str, label: str = "Mot de passe du certificat de la mairie :") -> bytes | None:
        """None if cancelled; an empty answer (a certificate without passphrase) gives b"" ."""
        return self.dialogs.ask_password(title, label)
