"""Builders for the file-format tests: a real session to export, import, tamper with and replay.

A 15-member commune: eleven arrive, one is excused, one gives a proxy; the session opens and the
council appoints its secretary. Item 1 (budget) is voted 6-6 and adopted by the chair's casting
vote, after two speakers (a third hand raised by mistake is corrected). Item 2 (a grant) is voted
with one councillor interested in the matter and a public ballot requested. After a suspension a
councillor leaves with a proxy; item 3 (a nomination) is a secret ballot entered as counts; item 4
(compte administratif) is chaired by an adjoint while the maire withdraws; item 5 is postponed.

Tests may build altered files from it with `forge`: JSON documents in, bytes out, and `rechain`
to recompute every hash, so that only the defect under test remains.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from seance_desk.models.assembly import Assembly, Member
from seance_desk.models.canonical import CanonicalFormError, canonical_json, sha256_hex
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, SessionMode, VoteChoice, VoteMethod
from seance_desk.models.journal import Event
from seance_desk.models.session_setup import AgendaItem, SessionSetup
from seance_desk.files.session_file import session_file_bytes
from tests.helpers import keyed_one_by_one

EXPORTED_AT = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

_ROSTER = [
    ("Mme", "Claire", "Dupont", "maire"),
    ("M.", "Jean", "Martin", "adjoint"),
    ("Mme", "Sophie", "Bernard", "adjoint"),
    ("M.", "Pierre", "Thomas", "conseiller"),
    ("Mme", "Élodie", "Petit", "conseiller"),
    ("M.", "Luc", "Robert", "conseiller"),
    ("Mme", "Anne", "Richard", "conseiller"),
    ("M.", "François", "Durand", "conseiller"),
    ("Mme", "Inès", "Leroy", "conseiller"),
    ("M.", "Hugo", "Moreau", "conseiller"),
    ("Mme", "Chloé", "Simon", "conseiller"),
    ("M.", "Noël", "Laurent", "conseiller"),
    ("Mme", "Léa", "Lefèvre", "conseiller"),
    ("M.", "Gaël", "Michel", "conseiller"),
    ("Mme", "Zoé", "Garcia", "conseiller"),
]


def commune() -> Assembly:
    members = tuple(
        Member(id=f"m{i}", civility=civility, first_name=first, last_name=last, function=function)
        for i, (civility, first, last, function) in enumerate(_ROSTER, start=1)
    )
    return Assembly(id="saint-test", kind=BodyKind.COMMUNE, name="Commune de Saint-Test", population=1200, members=members, executive_id="m1")


def council_meeting(agenda: tuple[AgendaItem, ...] | None = None) -> SessionSetup:
    return SessionSetup(
        id="cm-2026-11-20",
        title="Conseil municipal",
        date=date(2026, 11, 20),
        start_time=time(18, 30),
        places=("Mairie, salle du conseil",),
        mode=SessionMode.IN_PERSON,
        chair_id="m1",
        agenda=agenda
        or (
            AgendaItem("i1", 1, "Budget primitif 2027", rapporteur_id="m2", kind=ItemKind.BUDGET_PRIMITIF),
            AgendaItem("i2", 2, "Subvention à l'association sportive", rapporteur_id="m3"),
            AgendaItem("i3", 3, "Désignation d'un délégué au syndicat des eaux", kind=ItemKind.NOMINATION),
            AgendaItem("i4", 4, "Compte administratif 2025", rapporteur_id="m2", kind=ItemKind.COMPTE_ADMINISTRATIF),
            AgendaItem("i5", 5, "Motion relative à la fermeture du bureau de poste"),
        ),
        convocation_sent_on=date(2026, 11, 13),
        secretary_ids=("m3",),
    )


@dataclass
class BuiltSession:
    assembly: Assembly
    setup: SessionSetup
    events: list[Event]
    genesis: str
    # Seqs worth pointing at in tests: "mistaken_hand" (cancelled by a correction), "i1_vote_opened"…
    landmarks: dict[str, int] = field(default_factory=dict)


def build_commune_session() -> BuiltSession:
    assembly, setup = commune(), council_meeting()
    moment = [datetime(2026, 11, 20, 17, 25, tzinfo=UTC)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=37)
        return moment[0]

    engine = SessionEngine(assembly, setup, clock=clock)
    c = Commands(engine)
    run = engine.execute
    marks: dict[str, int] = {}

    for i in range(1, 12):
        run(c.arrive(f"m{i}"))
    run(c.excuse("m12"))
    run(c.give_proxy("m13", "m2"))
    run(c.open_session())
    run(c.appoint_secretaries(["m3"]))

    run(c.open_item("i1"))
    hand_m4 = run(c.raise_hand("m4"))[0][0].payload["request_id"]
    hand_m6 = run(c.raise_hand("m6"))[0][0].payload["request_id"]
    marks["mistaken_hand"] = run(c.raise_hand("m9"))[0][0].seq
    run(c.correct(marks["mistaken_hand"], "main levée par erreur"))
    run(c.give_floor(hand_m4))
    run(c.give_floor(hand_m6))
    run(c.end_floor())
    marks["i1_vote_opened"] = run(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))[0][0].seq
    run(keyed_one_by_one(engine, c, "i1", {m: VoteChoice.AGAINST for m in ("m6", "m7", "m8", "m9", "m10", "m11")}))
    run(c.close_vote("i1"))

    run(c.recuse("m7", "i2"))
    run(c.open_item("i2"))
    run(c.request_ballot("i2", BallotMode.PUBLIC, ["m8", "m9", "m10"]))
    run(c.open_vote("i2", VoteMethod.ROLL_CALL))
    run(keyed_one_by_one(engine, c, "i2", {"m8": VoteChoice.AGAINST, "m9": VoteChoice.AGAINST, "m10": VoteChoice.ABSTAIN, "m11": VoteChoice.NPPV}))
    run(c.close_vote("i2"))

    run(c.suspend("concertation"))
    run(c.resume())
    run(c.leave("m11", proxy_to="m3"))
    run(c.open_item("i3"))
    run(c.open_vote("i3", VoteMethod.BALLOT_PAPER))
    run(c.counts("i3", pour=8, contre=1, abstention=0, blancs_nuls=2))
    run(c.close_vote("i3"))

    run(c.open_item("i4", item_chair_id="m2"))
    run(c.open_vote("i4", VoteMethod.SHOW_OF_HANDS))
    run(keyed_one_by_one(engine, c, "i4", {"m6": VoteChoice.AGAINST}))
    run(c.close_vote("i4"))

    # Version 3 content: a ballot of a closed vote corrected, and an action undone by one correction.
    marks["ballot_corrected"] = run(c.correct_ballot("i4", "m6", "M. Nom6 s'était abstenu", choice=VoteChoice.ABSTAIN))[0][0].seq
    marks["undone_hand"] = run(c.raise_hand("m5"))[0][0].seq
    run(c.undo_action([marks["undone_hand"]], "Annulation : main levée"))
    run(c.postpone("i5", "demande de pièces complémentaires"))
    run(c.close_session())
    return BuiltSession(assembly, setup, list(engine.events), engine.genesis, marks)


class Forge:
    """Makes files, sound or altered, from a built session."""

    @staticmethod
    def file_bytes(built: BuiltSession) -> bytes:
        return session_file_bytes(built.assembly, built.setup, built.events, exported_at=EXPORTED_AT)

    def document(self, built: BuiltSession) -> dict[str, Any]:
        return json.loads(self.file_bytes(built))

    @staticmethod
    def to_bytes(document: Any) -> bytes:
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    @staticmethod
    def rechain(document: dict[str, Any], renumber: bool = True) -> dict[str, Any]:
        """Recomputes the genesis, every link and the head, as a forger would: only semantic faults remain."""
        try:
            prev = sha256_hex(canonical_json({"assembly": document["assembly"], "session": document["session"]}))
        except CanonicalFormError:
            prev = document["genesis_hash"]  # a setup that cannot be hashed: leave the reader to say why
        document["genesis_hash"] = prev
        for position, event in enumerate(document["events"], start=1):
            if renumber:
                event["seq"] = position
            event["prev_hash"] = prev
            body = {k: event[k] for k in ("seq", "type", "at", "payload", "prev_hash")}
            event["hash"] = prev = sha256_hex(prev + canonical_json(body))
        document["head_hash"] = prev
        return document
