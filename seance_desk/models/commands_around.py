"""The commands around the sitting (issue 13): the convocation's sends and the declarations
before it, the acts' transmission, publicity and the recordings after it. A part of Commands
(commands.py), which gives it `engine`, `_id` and the roll call's own commands (excuse, give_proxy)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from .canonical import iso_utc
from .engine import Intent, Step
from .enums import PublicityDocument, PublicityForm, RecordingStorage
from .state.session_state import SessionState

if TYPE_CHECKING:
    from .engine import SessionEngine


class AroundSessionCommands:
    engine: SessionEngine
    _id: Callable[..., str]  # Commands': an id from the seq of the event that creates the object

    # ---- after the session, issue 13 § 7-10 (wt-after) ------------------------------------------
    def record_act_sent(self, item_id: str, transaction: str, sent_on: date) -> list[Step]:
        """The act accepted by the tiers de télétransmission (S²LOW), under its transaction number."""
        return [("act.sent", {"item_id": item_id, "transaction": transaction, "sent_on": sent_on.isoformat()})]

    def record_acknowledgement(self, item_id: str, acte_id: str, received_on: date) -> list[Step]:
        """The préfecture's acknowledgement (ARActe): the @ctes identifier and the date of reception,
        which becomes the act's transmission date (models/state/after_session.py)."""
        return [("act.acknowledged", {"item_id": item_id, "acte_id": acte_id, "received_on": received_on.isoformat()})]

    def record_publicity(
        self, document: PublicityDocument, form: PublicityForm, done_on: date, where: str = "", item_id: str | None = None
    ) -> list[Step]:
        """The liste, the PV or an act (item_id) posted at the town hall or put online on `done_on`."""
        payload: dict = {"document": document.value, "form": form.value, "done_on": done_on.isoformat()}
        if item_id:
            payload["item_id"] = item_id
        if where.strip():
            payload["where"] = where.strip()
        return [("publicity.recorded", payload)]

    def register_recording(self, storage: RecordingStorage, location: str, local: bool = False, note: str = "") -> list[Step]:
        """A recording of the debates and where it is kept; its id is « R<seq> »."""
        payload: dict = {"recording_id": self._id("R"), "storage": storage.value, "location": location, "local": local}
        if note.strip():
            payload["note"] = note.strip()
        return [("recording.registered", payload)]

    def record_recording_deleted(self, recording_id: str, deleted_on: date, note: str = "") -> list[Step]:
        payload: dict = {"recording_id": recording_id, "deleted_on": deleted_on.isoformat()}
        if note.strip():
            payload["note"] = note.strip()
        return [("recording.deleted", payload)]

    # avant la séance (issue 13 part A: state/before_session.py) -------------------------------
    def record_send(
        self,
        member_id: str,
        address: str,
        message_id: str,
        sent_at: datetime,
        accepted: bool,
        error: str = "",
        *,
        reminder: bool = False,
        visio_url: str = "",
        visio_id: str = "",
    ) -> list[Step]:
        """One message of the convocation (or of the reminder) as the SMTP server answered it."""
        payload: dict = {"member_id": member_id, "address": address, "message_id": message_id, "sent_at": iso_utc(sent_at), "accepted": accepted}
        if error:
            payload["error"] = error
        if not reminder:
            payload |= {key: value for key, value in (("visio_url", visio_url), ("visio_id", visio_id)) if value}
        return [("reminder.sent" if reminder else "convocation.sent", payload)]

    def record_delivery_otherwise(self, member_id: str, delivered_on: date, means: str) -> list[Step]:
        return [("convocation.delivered_otherwise", {"member_id": member_id, "delivered_on": delivered_on.isoformat(), "means": means})]

    def declare_absence(
        self, member_id: str, received_at: datetime, holder_id: str | None = None, received_by: str = "", note: str = ""
    ) -> list[Step]:
        """An absence (with the proxy announced, if any) made known before the session."""
        payload: dict = {"declaration_id": self._id("D"), "member_id": member_id, "received_at": iso_utc(received_at)}
        payload |= {key: value for key, value in (("holder_id", holder_id), ("received_by", received_by), ("note", note)) if value}
        return [("declaration.recorded", payload)]

    def withdraw_declaration(self, declaration_id: str) -> list[Step]:
        return [("declaration.withdrawn", {"declaration_id": declaration_id})]

    def confirm_declaration(self, declaration_id: str) -> list[Step]:
        """The roll call confirms an announced absence: excused, or the proxy given with the day it
        was received (so the règlement's deadline for proxies is judged on it)."""

        def confirmation(state: SessionState) -> list[Intent]:
            declaration = state.before.declarations.get(declaration_id)
            if declaration is None:
                return [("declaration.withdrawn", {"declaration_id": declaration_id})]  # refused by the state, saying why
            if declaration.holder_id is None:
                return self.excuse(declaration.member_id)  # type: ignore[return-value]
            return self.give_proxy(declaration.member_id, declaration.holder_id, received_at=declaration.received_at)  # type: ignore[return-value]

        return [confirmation]
