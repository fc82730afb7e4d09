"""A candidacy to an election or a désignation: one member, or a list of members in the order of
presentation (adjoints, art. L2122-7-2 CGCT). Declared in the prepared session (AgendaItem) or during
the session (`election.candidates_declared`), since no declaration is needed in advance (LAW.md §10.1).

As stored: {"member_ids": [ids], "label": "…"} — a candidacy with a label is a list (its key is the
label), one without is an individual candidate (its key is the member's id) and names exactly one member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .parsing import SetupError

LABEL_MAX_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Candidacy:
    """A candidate, or a list of candidates, in an election."""
    member_ids: tuple[str, ...]
    label: str = ""  # the list's name; "" for an individual candidate

    @property
    def is_list(self) -> bool:
        return bool(self.label)

    @property
    def key(self) -> str:
        """What a round's votes are keyed by: the list's name, or the candidate's id."""
        return self.label if self.is_list else self.member_ids[0]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"member_ids": list(self.member_ids)}
        if self.label:
            data["label"] = self.label
        return data


def candidacies_problem(raw: Any) -> str | None:
    """Why `raw` is not a list of candidacies as stored, in French, or None. The shape only: whether
    the members exist and may stand is the state's business."""
    if not isinstance(raw, list) or not raw:
        return "une liste non vide de candidatures est attendue"
    keys: set[str] = set()
    members: set[str] = set()
    for position, entry in enumerate(raw, start=1):
        where = f"candidature n° {position}"
        if not isinstance(entry, dict) or not set(entry) <= {"member_ids", "label"}:
            return f"{where} : un objet {{« member_ids », « label »}} est attendu"
        ids = entry.get("member_ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            return f"{where} : « member_ids » doit être une liste non vide d'identifiants de membres"
        label = entry.get("label", "")
        if not isinstance(label, str) or len(label) > LABEL_MAX_LENGTH or (label and not label.strip()):
            return f"{where} : le nom de la liste doit être un texte de {LABEL_MAX_LENGTH} caractères au plus"
        if not label and len(ids) != 1:
            return f"{where} : une candidature individuelle nomme un seul membre ; une liste porte un nom (« label »)"
        key = label or ids[0]
        if key in keys:
            return f"{where} : « {key[:40]} » figure deux fois"
        keys.add(key)
        for member_id in ids:
            if member_id in members:
                return f"{where} : le membre « {member_id[:40]} » figure dans deux candidatures"
            members.add(member_id)
    return None


def candidacies_from(raw: Any, where: str) -> tuple[Candidacy, ...]:
    """The candidacies of a setup or an event payload; SetupError (French) when malformed."""
    problem = candidacies_problem(raw)
    if problem is not None:
        raise SetupError(f"{where} : {problem}")
    return tuple(Candidacy(tuple(entry["member_ids"]), entry.get("label", "")) for entry in raw)


def candidacies_to_list(candidacies: Sequence[Candidacy]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in candidacies]
