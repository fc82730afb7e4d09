"""The replay report as French plain text, for `seance-desk replay FILE` read in a terminal.

It renders the report dict only (never the state), so the text and the JSON cannot disagree.
Times are shown in Paris local time, as the minutes print them; the JSON keeps UTC.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..models.canonical import parse_iso_utc
from ..models.french import french_date, french_time


def format_replay_text(report: dict[str, Any]) -> str:
    lines: list[str] = []
    lines += _session_lines(report)
    for item in report["items"]:
        lines.append("")
        lines += _item_lines(item)
    lines.append("")
    lines += _journal_lines(report["journal"])
    return "\n".join(lines) + "\n"


def _at(iso: str | None) -> str:
    return french_time(parse_iso_utc(iso)) if iso else "—"


def _names(people: list[dict[str, str]]) -> str:
    return ", ".join(p["name"] for p in people)


def _session_lines(report: dict[str, Any]) -> list[str]:
    assembly, session = report["assembly"], report["session"]
    day = french_date(date.fromisoformat(session["date"]))
    hour, minute = session["start_time"].split(":")
    places = " ; ".join(session["places"])
    lines = [
        f"{assembly['name']} ({assembly['kind_label']}) — {session['title']}",
        f"Séance du {day}, convoquée à {int(hour)} h {minute}" + (f" — {places}" if places else "") + f" ({session['mode_label']})",
        f"Membres en exercice : {assembly['members_in_office']}",
        f"Président de séance : {session['chair']['name']}",
    ]
    if session["secretaries"]:
        plural = "s" if len(session["secretaries"]) > 1 else ""
        lines.append(f"Secrétaire{plural} de séance : {_names(session['secretaries'])}")
    lines.append(f"Régime applicable : {report['regime']['text']}")
    lines.append(f"Convocation : {report['convocation']['text']}")
    if report["opening_quorum"] is not None:
        lines.append(f"Ouverture de la séance à {_at(session['opened_at'])} — {report['opening_quorum']['text']}")
    else:
        lines.append("La séance n'a pas été ouverte.")
    for check in report["quorum_checks"]:
        if check["context"] != "ouverture de la séance":
            lines.append(f"Quorum à la {check['context']} ({_at(check['at'])}) — {check['text']}")
    for suspension in report["session"]["suspensions"]:
        reason = f" ({suspension['reason']})" if suspension["reason"] else ""
        lines.append(f"Suspension de {_at(suspension['from'])} à {_at(suspension['to'])}{reason}")
    for entry in report["huis_clos"]:
        lines.append(f"Huis clos, {_at(entry['at'])} — {entry['text']}")
    if report.get("urgency") is not None:
        lines.append(f"Urgence, {_at(report['urgency']['at'])} — {report['urgency']['text']}")
    for question in report.get("questions", ()):
        author = f" ({question['author']['name']})" if question["author"] else ""
        lines.append(f"{question['kind_label'].capitalize()}{author}, {_at(question['at'])} — {question['title']}")
    if session["closed_at"]:
        lines.append(f"Levée de la séance à {_at(session['closed_at'])}")
    else:
        lines.append(f"Séance {session['phase_label']} (non levée)")
    return lines


def _item_lines(item: dict[str, Any]) -> list[str]:
    lines = [
        f"Point n° {item['number']} — {item['title']}",
        f"  Nature : {item['kind_label']} — statut : {item['status_label']}",
    ]
    if item["rapporteur"]:
        lines.append(f"  Rapporteur : {item['rapporteur']['name']}")
    if item["item_chair"]:
        lines.append(f"  Présidence du point : {item['item_chair']['name']}")
    if item["end_reason"]:
        lines.append(f"  Motif : {item['end_reason']}")
    if item["quorum"] is not None:
        lines.append(f"  Quorum à la mise en discussion : {item['quorum']['text']}")
    for recusal in item["recusals"]:
        lines.append(f"  Ne prend pas part : {recusal['member']['name']} — {recusal['reason_label']}")
    if item["speakers"]:
        lines.append(f"  Orateurs : {_names([s['member'] for s in item['speakers']])}")
    for request in item["ballot_requests"]:
        lines.append(f"  Demande de {request['mode_label']} par {_names(request['requesters'])} : {request['text']}")
    if item["secret_waived"]:
        lines.append("  Le conseil a décidé à l'unanimité de ne pas procéder au scrutin secret")
    if item["vote"] is not None:
        lines += _vote_lines(item["vote"])
    return lines


# « Vote à main levée », but « vote électronique » rather than « vote par vote électronique ».
_VOTE_HEADINGS = {
    "main_levee": "Vote à main levée",
    "appel_nominal": "Vote par appel nominal",
    "electronique": "Vote électronique",
    "bulletins": "Vote à bulletins",
}


def _vote_lines(vote: dict[str, Any]) -> list[str]:
    t = vote["tally"]
    figures = f"{t['pour']} pour, {t['contre']} contre, {t['abstention']} abstention{'s' if t['abstention'] > 1 else ''}"
    if t["blancs_nuls"]:
        figures += f", {t['blancs_nuls']} blancs ou nuls"
    if t["nppv"]:
        figures += f", {t['nppv']} ne prenant pas part au vote"
    lines = [
        f"  Mode de scrutin : {vote['mode']['text']}",
        f"  {_VOTE_HEADINGS.get(vote['method'], 'Vote ' + vote['method_label'])} : {figures} ; {t['exprimes']} suffrage{'s' if t['exprimes'] > 1 else ''} exprimé{'s' if t['exprimes'] > 1 else ''}",
    ]
    if vote["departed_abstainers"]:
        lines.append(f"  Partis sans donner pouvoir, comptés abstentionnistes : {_names(vote['departed_abstainers'])}")
    result = vote["result"]
    if result is None:
        lines.append("  Vote non clos")
        return lines
    lines.append(f"  Résultat : {result['text']}")
    if result["casting_vote_used"]:
        lines.append("  Voix prépondérante du président utilisée")
    return lines


def _journal_lines(journal: dict[str, Any]) -> list[str]:
    count = journal["events"]
    corrections = journal["corrections"]
    lines = [f"Journal : {count} événement{'s' if count > 1 else ''}" + (f", dont {corrections} correction{'s' if corrections > 1 else ''}" if corrections else "")]
    lines.append(f"Empreinte d'origine (assemblée et séance) : {journal['genesis_hash']}")
    lines.append(f"Empreinte finale du journal : {journal['head_hash']}")
    lines += _author_lines(journal)
    return lines


def _author_lines(journal: dict[str, Any]) -> list[str]:
    """« Par » : who recorded which events (issue 14 § 3), when the journal names its authors."""
    authors = journal.get("by_actor")
    if not authors:
        return []
    lines = ["Auteurs des actions :"]
    for login, done in authors.items():
        count = done["events"]
        lines.append(f"  {login} : {count} événement{'s' if count > 1 else ''} (n° {_ranges(done['seqs'])})")
    without = journal.get("without_actor", 0)
    if without:
        lines.append(f"  sans auteur (poste unique) : {without} événement{'s' if without > 1 else ''}")
    return lines


def _ranges(seqs: list[int]) -> str:
    """[1, 2, 3, 7, 9, 10] → « 1 à 3, 7, 9 à 10 »: the numbers as a person reads a journal's."""
    parts: list[str] = []
    start = previous = seqs[0]
    for seq in [*seqs[1:], None]:
        if seq is not None and seq == previous + 1:
            previous = seq
            continue
        parts.append(str(start) if start == previous else f"{start} à {previous}")
        if seq is not None:
            start = previous = seq
    return ", ".join(parts)
