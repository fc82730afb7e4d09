"""The journal read by a person: one French line per event, and what the corrections did to it.

The journal view (issue 11 § 15) shows the legal record as it was written: every event, the
corrections among them, each cancelled event saying which correction cancelled it. The statuses
come from the state's own corrections logic (effective_cancellations), so that the view says what
the fold did. Pure Python: the Qt model only lays these lines out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .amendments import AmendmentKind
from .enums import Attendance, BallotMode, FloorKind, RecusalReason, SignerRole, VoteChoice, VoteMethod
from .enums import SessionQuestionKind
from .enums import PublicityDocument, PublicityForm, RecordingStorage
from .events import EVENT_LABELS
from .french import PARIS, french_date
from .french import plural
from .journal import Event
from .session_setup import AgendaItem
from .state.corrections import correction_targets, effective_cancellations


@dataclass(frozen=True, slots=True)
class JournalLine:
    seq: int
    time: str  # Paris time, « 18:42:05 »
    label: str  # the event's French name (EVENT_LABELS)
    text: str  # its payload in one French line, « » when it has nothing to say
    item_ids: frozenset[str]  # the agenda items it concerns (the view's filter)
    hash: str


def paris_time(moment: datetime) -> str:
    """« 18:42:05 »: to the second, as the journal records it."""
    return moment.astimezone(PARIS).strftime("%H:%M:%S")


def item_heading(item: AgendaItem) -> str:
    """« Point n° 4 — Budget primitif 2027 »: the filter's entries and the lines' item."""
    return f"Point n° {item.number} — {item.title}"


# Events after which no item is under discussion any more (the floor's events then belong to none).
_ITEM_ENDS = frozenset({"vote.closed", "item.closed", "item.postponed", "item.withdrawn", "session.closed"})


class JournalDescriber:
    """Describes events in journal order. It remembers what later events refer to by id only (a
    request to speak, a proxy, an amendment), so lines are written one by one as events arrive."""

    def __init__(self, name: Callable[[str], str], agenda: Iterable[AgendaItem]):
        self._name = name
        self._items = {item.id: item for item in agenda}
        self._requests: dict[str, str] = {}  # floor request id -> member id
        self._proxies: dict[str, tuple[str, str]] = {}  # proxy id -> (grantor, holder)
        self._amendments: dict[str, tuple[str, str]] = {}  # amendment id -> (item id, author id)
        self._item_of_seq: dict[int, frozenset[str]] = {}  # what a correction's targets concerned
        self._discussed: str | None = None  # the item under discussion: the requests to speak belong to it

    def line(self, event: Event) -> JournalLine:
        payload = event.payload
        self._remember(event.type, payload)
        items = self._item_ids(event)
        self._item_of_seq[event.seq] = items
        text = _DESCRIBE.get(event.type, _nothing)(self, payload)
        label = EVENT_LABELS.get(event.type, event.type)
        return JournalLine(event.seq, paris_time(event.at), label, text, items, event.hash)

    # ------------------------------------------------------------ what ids refer to
    def _remember(self, type_: str, payload: Mapping[str, Any]) -> None:
        if type_ == "floor.requested":
            self._requests[payload["request_id"]] = payload["member_id"]
        elif type_ == "proxy.given":
            self._proxies[payload["proxy_id"]] = (payload["grantor_id"], payload["holder_id"])
        elif type_ == "amendment.proposed":
            self._amendments[payload["amendment_id"]] = (payload["item_id"], payload["author_id"])
        elif type_ == "item.opened":
            self._discussed = payload["item_id"]
        elif type_ in _ITEM_ENDS:
            self._discussed = None

    def _item_ids(self, event: Event) -> frozenset[str]:
        payload = event.payload
        if event.type == "correction":
            # A correction belongs to the items of the events it cancels: filtered by item, the
            # chair sees what was undone there.
            targets = correction_targets(payload) or ()
            return frozenset().union(*(self._item_of_seq.get(seq, frozenset()) for seq in targets))
        if "item_id" in payload:
            return frozenset({payload["item_id"]})
        if "item_ids" in payload:
            return frozenset(payload["item_ids"])
        if payload.get("referred_item_ids"):  # the urgency's decision, under each item it referred
            return frozenset(payload["referred_item_ids"])
        if "amendment_id" in payload and payload["amendment_id"] in self._amendments:
            return frozenset({self._amendments[payload["amendment_id"]][0]})
        if event.type.startswith("floor.") and self._discussed is not None:
            return frozenset({self._discussed})
        return frozenset()

    # ------------------------------------------------------------ pieces of text
    def name(self, member_id: str) -> str:
        return self._name(member_id)

    def names(self, member_ids: Iterable[str]) -> str:
        return ", ".join(self._name(m) for m in member_ids)

    def item(self, item_id: str) -> str:
        item = self._items.get(item_id)
        return item_heading(item) if item is not None else f"point « {item_id} »"

    def speaker(self, request_id: str) -> str:
        member = self._requests.get(request_id)
        return self._name(member) if member is not None else f"demande « {request_id} »"

    def proxy(self, proxy_id: str) -> str:
        pair = self._proxies.get(proxy_id)
        return f"pouvoir de {self._name(pair[0])} à {self._name(pair[1])}" if pair else f"pouvoir « {proxy_id} »"

    def amendment(self, amendment_id: str) -> str:
        known = self._amendments.get(amendment_id)
        if known is None:
            return f"amendement « {amendment_id} »"
        item = self._items.get(known[0])
        where = f" au point n° {item.number}" if item is not None else ""
        return f"amendement de {self._name(known[1])}{where}"


def _nothing(_d: JournalDescriber, _p: Mapping[str, Any]) -> str:
    return ""


def _with_reason(text: str, payload: Mapping[str, Any], key: str = "reason") -> str:
    reason = (payload.get(key) or "").strip()
    return f"{text} — motif : {reason}" if text and reason else (text or (f"motif : {reason}" if reason else ""))


def _figures(p: Mapping[str, Any]) -> str:
    parts = [f"pour {p['pour']}", f"contre {p['contre']}", f"abstention {p['abstention']}"]
    if p.get("nppv"):
        parts.append(f"ne prenant pas part {p['nppv']}")
    if p.get("blancs_nuls"):
        parts.append(f"blancs ou nuls {p['blancs_nuls']}")
    if p.get("chair_choice"):
        parts.append(f"voix prépondérante du président : {VoteChoice(p['chair_choice']).label}")
    return ", ".join(parts)


def _day(text: str) -> str:
    return french_date(date.fromisoformat(text))


def _seqs(seqs: Iterable[int]) -> str:
    listed = list(seqs)
    return f"{'l’événement' if len(listed) == 1 else 'les événements'} n° {', '.join(str(s) for s in listed)}"


def _correction(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    return _with_reason(f"annule {_seqs(correction_targets(p) or ())}", p)


def _vote_cast(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    whose = f" (pour le compte de {d.name(p['on_behalf_of'])})" if p.get("on_behalf_of") else ""
    return f"{d.name(p['voter_id'])}{whose} : {VoteChoice(p['choice']).label}"


def _ballots_cast(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    """« point n° 4 — 236 votes : 233 pour ; contre : M. Jean MARTIN ; … »: the most frequent choice
    counted, the others named (the exceptions of an « unanimité moins… »)."""
    by_choice: dict[VoteChoice, list[str]] = {}
    for ballot in p["ballots"]:
        by_choice.setdefault(VoteChoice(ballot["choice"]), []).append(ballot.get("on_behalf_of") or ballot["voter_id"])
    most = max(by_choice, key=lambda choice: len(by_choice[choice]))
    parts = [f"{len(by_choice[most])} {most.label}"]
    for choice, whose_ids in by_choice.items():
        if choice is not most:
            names = ", ".join(d.name(w) for w in whose_ids[:_NAMED]) + (f" et {len(whose_ids) - _NAMED} autres" if len(whose_ids) > _NAMED else "")
            parts.append(f"{choice.label} : {names}")
    return f"{d.item(p['item_id'])} — {len(p['ballots'])} votes : " + " ; ".join(parts)


_NAMED = 6  # names written per choice in a line of the journal view; the rest counted


def _ballot_corrected(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    what = "absent au moment du vote" if p.get("absent") else VoteChoice(p["choice"]).label if p.get("choice") else "vote effacé"
    return _with_reason(f"{d.item(p['item_id'])} — {d.name(p['member_id'])} : {what}", p)


def _proxy_given(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    text = f"{d.name(p['grantor_id'])} donne pouvoir à {d.name(p['holder_id'])}"
    if p.get("illness_certified"):
        text += " (maladie dûment constatée)"
    return text


def _amendment_proposed(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    article = f", article {p['article']}" if p.get("article") is not None else ""
    return f"{d.amendment(p['amendment_id'])} : {AmendmentKind(p['kind']).label}{article}"


def _minutes_arrete(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    return f"arrêté le {_day(p['adopted_on'])} par la séance {p['adopting_session']} ({_figures(p)})"


def _urgency_decided(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    text = f"{_figures(p)} — motifs : {p['report'].strip()}"
    referred = p.get("referred_item_ids") or []
    if referred:
        text += " — renvoi à une séance ultérieure : " + ", ".join(d.item(item_id) for item_id in referred)
    return text


def _question_recorded(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    text = f"{SessionQuestionKind(p['kind']).label.capitalize()} : {p['title'].strip()}"
    if p.get("author_id"):
        text += f", par {d.name(p['author_id'])}"
    return text


def _acts_numbered(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    return "délibérations n° " + ", ".join(p["numbers"])


_DESCRIBE: dict[str, Callable[[JournalDescriber, Mapping[str, Any]], str]] = {
    "session.suspended": lambda d, p: _with_reason("", p),
    "secretaries.appointed": lambda d, p: d.names(p["member_ids"]),
    "member.arrived": lambda d, p: f"{d.name(p['member_id'])}, {Attendance(p['attendance']).label}",
    "member.left": lambda d, p: d.name(p["member_id"]),
    "member.attendance_changed": lambda d, p: f"{d.name(p['member_id'])}, {Attendance(p['attendance']).label}",
    "member.excused": lambda d, p: d.name(p["member_id"]),
    "proxy.given": _proxy_given,
    "proxy.revoked": lambda d, p: d.proxy(p["proxy_id"]),
    "proxy.lapsed": lambda d, p: _with_reason(d.proxy(p["proxy_id"]), p),
    "member.recused": lambda d, p: f"{d.name(p['member_id'])} — {d.item(p['item_id'])} — {RecusalReason(p['reason']).label}",
    "item.chair_designated": lambda d, p: f"{d.item(p['item_id'])} — présidé par {d.name(p['member_id'])}",
    "item.opened": lambda d, p: d.item(p["item_id"]),
    "item.postponed": lambda d, p: _with_reason(d.item(p["item_id"]), p),
    "item.withdrawn": lambda d, p: _with_reason(d.item(p["item_id"]), p),
    "item.closed": lambda d, p: d.item(p["item_id"]),
    "ballot.requested": lambda d, p: f"{d.item(p['item_id'])} — {BallotMode(p['mode']).label}, à la demande de {d.names(p['requester_ids'])}",
    "ballot.secret_waived": lambda d, p: d.item(p["item_id"]),
    "huis_clos.requested": lambda d, p: f"à la demande de {d.names(p['requester_ids'])}" if p.get("requester_ids") else "à l'initiative du président",
    "huis_clos.voted": lambda d, p: _figures(p),
    "floor.requested": lambda d, p: d.name(p["member_id"]) + (" (rappel au règlement)" if p["kind"] == FloorKind.POINT_OF_ORDER else ""),
    "floor.moved": lambda d, p: f"{d.speaker(p['request_id'])}, placé en position {p['position'] + 1}",
    "floor.granted": lambda d, p: d.speaker(p["request_id"]),
    "floor.ended": lambda d, p: d.speaker(p["request_id"]),
    "floor.withdrawn": lambda d, p: d.speaker(p["request_id"]),
    "vote.opened": lambda d, p: f"{d.item(p['item_id'])} — {VoteMethod(p['method']).label}",
    "vote.cast": _vote_cast,
    "vote.ballots_cast": _ballots_cast,
    "vote.counts": lambda d, p: f"{d.item(p['item_id'])} — {_figures(p)}",
    "vote.closed": lambda d, p: d.item(p["item_id"]),
    "vote.ballot_corrected": _ballot_corrected,
    "correction": _correction,
    "minutes.arrete": _minutes_arrete,
    "minutes.signed": lambda d, p: f"{d.name(p['signer_id'])}, {SignerRole(p['role']).label}",
    "minutes.published": lambda d, p: f"le {_day(p['published_on'])}, {p['where']}",
    "auxiliaries.appointed": lambda d, p: "; ".join(p["names"]) or "aucun",
    "act.transmitted": lambda d, p: f"{d.item(p['item_id'])} — transmis le {_day(p['transmitted_on'])}",
    "act.published": lambda d, p: f"{d.item(p['item_id'])} — publié le {_day(p['published_on'])}",
    "deliberations_list.published": lambda d, p: f"le {_day(p['published_on'])}" + (f", {p['where']}" if p.get("where") else ""),
    "item.text_revised": lambda d, p: d.item(p["item_id"]),
    "amendment.proposed": _amendment_proposed,
    "amendment.withdrawn": lambda d, p: d.amendment(p["amendment_id"]),
    "amendment.voted": lambda d, p: f"{d.amendment(p['amendment_id'])} — {_figures(p)}",
    "acts.numbered": _acts_numbered,
    # procedure, issue 10 § 3
    "urgency.decided": _urgency_decided,
    "question.recorded": _question_recorded,
    # after the session, issue 13 § 7-10
    "act.sent": lambda d, p: f"{d.item(p['item_id'])} — transaction {p['transaction']}, le {_day(p['sent_on'])}",
    "act.acknowledged": lambda d, p: f"{d.item(p['item_id'])} — reçu en préfecture le {_day(p['received_on'])}, identifiant {p['acte_id']}",
    "publicity.recorded": lambda d, p: (
        f"{PublicityDocument(p['document']).label}" + (f" ({d.item(p['item_id'])})" if p.get("item_id") else "")
        + f" — {PublicityForm(p['form']).label} le {_day(p['done_on'])}" + (f", {p['where']}" if p.get("where") else "")
    ),
    "recording.registered": lambda d, p: f"{RecordingStorage(p['storage']).label} : {p['location']}",
    "recording.deleted": lambda d, p: f"{p['recording_id']} supprimé le {_day(p['deleted_on'])}" + (f" ({p['note']})" if p.get("note") else ""),
    # ---- before the session, issue 13 part A
    "convocation.sent": lambda d, p: _send_line(d, p),
    "reminder.sent": lambda d, p: _send_line(d, p),
    "convocation.delivered_otherwise": lambda d, p: f"{d.name(p['member_id'])} — le {_day(p['delivered_on'])}, {p['means']}",
    "declaration.recorded": lambda d, p: d.name(p["member_id"]) + (f", pouvoir annoncé à {d.name(p['holder_id'])}" if p.get("holder_id") else ""),
    "declaration.withdrawn": lambda d, p: p["declaration_id"],
}
# Issue 10: elections and désignations.
_DESCRIBE.update({
    "election.candidates_declared": lambda d, p: f"{d.item(p['item_id'])} — " + " ; ".join(
        (f"liste « {c['label']} » ({d.names(c['member_ids'])})" if c.get("label") else d.name(c["member_ids"][0])) for c in p["candidacies"]
    ) + (f" — {p['seats']} siège(s)" if p.get("seats") is not None else ""),
    "election.assessors_named": lambda d, p: f"{d.item(p['item_id'])} — {d.names(p['member_ids']) if p['member_ids'] else 'aucun'}",
    "election.round_counted": lambda d, p: (
        f"{d.item(p['item_id'])} — tour n° {p['round']} : {plural(p['votants'], 'votant')}, {plural(p['blancs'], 'blanc')}, "
        f"{plural(p['nuls'], 'nul')}, {plural(p['exprimes'], 'exprimé')} ; " + ", ".join(f"{d.name(key)} {votes}" for key, votes in p["votes"].items())
    ),
    "election.proclaimed": lambda d, p: f"{d.item(p['item_id'])} — {d.names(p['member_ids'])}" + (" (sans scrutin)" if p.get("without_ballot") else ""),
    "adjoints.number_fixed": lambda d, p: f"{d.item(p['election_item_id'])} — {p['number']} siège(s), fixé(s) au {d.item(p['item_id'])}",
})
_DESCRIBE.update({  # issue 10: commissions by proportional representation (L2121-22)
    "election.proportional_chosen": lambda d, p: f"{d.item(p['item_id'])} — " + (
        "représentation proportionnelle au plus fort reste" if p["proportional"] else "retour au scrutin ordinaire"),
    "election.lists_agreed": lambda d, p: f"{d.item(p['item_id'])} — les listes comptent autant de candidats que de sièges",
})


def _send_line(d: JournalDescriber, p: Mapping[str, Any]) -> str:
    """« Mme Claire DUPONT <claire@…> — accepté » or « … — refusé : 550 … »."""
    verdict = "accepté par le serveur" if p["accepted"] else f"refusé : {p.get('error') or 'refus du serveur'}"
    return f"{d.name(p['member_id'])} <{p['address']}> — {verdict}"


# ---------------------------------------------------------------- what the corrections did
def correction_statuses(corrections: Iterable[Event]) -> dict[int, str]:
    """Each event a correction touched, with its status: « annulé par la correction n° X » (the
    correction in force that cancels it), or « rétabli » when every correction of it was itself
    cancelled (a redo). Only corrections are read: the view keeps them aside."""
    corrections = [event for event in corrections if event.type == "correction"]
    cancelled = effective_cancellations(corrections)
    statuses: dict[int, str] = {}
    for correction in corrections:
        in_force = correction.seq not in cancelled
        for seq in correction_targets(correction.payload) or ():
            if in_force:
                # In journal order: the last correction in force that names it is the one said.
                statuses[seq] = f"annulé par la correction n° {correction.seq}"
            elif seq not in cancelled:
                statuses[seq] = "rétabli"
    return statuses
