"""The year's délibérations as the SCDL « délibérations » open-data CSV (version 2.1.5, FORMATS.md
§ 2): the 17 columns in order, UTF-8, comma separator, header on line 1, a missing value empty.

One row per délibération voted in the year's sessions (the register's), with:
- COLL_NOM the assembly's name, COLL_SIRET the collectivité's SIRET (settings or command line);
- DELIB_ID the numéro interne sent to @ctes (« 2026_045 »), DELIB_DATE the session's date;
- DELIB_MATIERE_CODE / _NOM the act's matière, levels 1 and 2 (models/ctes_matieres.py);
- PREF_ID « PREFNNN » and PREF_DATE the acknowledgement's date, once the act is transmitted
  (FORMATS.md: PREF_DATE = ARActe DateReception; PREF_ID needs the département);
- VOTE_EFFECTIF the members in office less those who took no part (art. L2131-11 recusals),
  VOTE_REEL the votants (pour, contre, abstention, blancs et nuls), VOTE_POUR / CONTRE / ABSTENTION;
- BUDGET_ANNEE the session's year for a budget document (nature 5, compte administratif, budget
  primitif), else empty; BUDGET_NOM empty (not known here);
- DELIB_URL the address where the act was put online, when the clerk recorded one (http/https).

Refused, in French and without writing, when the SIRET is missing or malformed, or when a
délibération has no matière (the column is required): the clerk classifies it first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models.act_text import ActeNature
from ..models.ctes_matieres import level2_code, matiere_name
from ..models.enums import ItemKind, PublicityDocument, PublicityForm

if TYPE_CHECKING:
    from ..models.state.session_state import SessionState

COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET",
    "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE",
    "VOTE_ABSTENTION", "DELIB_URL",
)
_SIRET = re.compile(r"[0-9]{14}")


class ScdlError(ValueError):
    """The CSV refused; French, nothing written."""


def scdl_rows(states: Sequence[SessionState], siret: str, departement: str = "") -> list[dict[str, str]]:
    if not siret:
        raise ScdlError("SIRET de la collectivité non indiqué : réglez « collectivite/siret » ou donnez --siret (colonne COLL_SIRET obligatoire) ; aucun fichier n'a été écrit.")
    if not _SIRET.fullmatch(siret):
        raise ScdlError(f"SIRET de la collectivité invalide : « {siret[:30]} » (14 chiffres attendus) ; aucun fichier n'a été écrit.")
    rows, problems = [], []
    for state in sorted(states, key=lambda s: (s.setup.date, s.setup.start_time)):
        for act in state.act_records():
            if not act.is_register_act or act.result is None:  # not the approval of a PV (register.py)
                continue
            who = f"délibération {act.number or act.item.number} du {state.setup.date.isoformat()}"
            if not act.matiere:
                problems.append(f"{who} : matière @ctes non indiquée (colonne DELIB_MATIERE_CODE obligatoire)")
                continue
            name = matiere_name(act.matiere)
            if name is None:
                problems.append(f"{who} : matière {act.matiere} absente de la nomenclature @ctes connue (niveaux 1 et 2)")
                continue
            rows.append(_row(state, act, siret, departement, name))
    if problems:
        raise ScdlError("Fichier SCDL non écrit :\n- " + "\n- ".join(problems))
    return rows


def _row(state: SessionState, act, siret: str, departement: str, name: str) -> dict[str, str]:
    tally = act.result.value.tally
    item = state.item_state(act.item.id)
    dates = state.publication.act(act.item.id)
    ack = state.after_session.acknowledgements.get(act.item.id)
    pref_date = ack.received_on if ack else (dates.transmitted_on if dates else None)
    online = state.after_session.done(PublicityDocument.ACTE, PublicityForm.EN_LIGNE, act.item.id)
    url = online.where if online and online.where.startswith(("https://", "http://")) and " " not in online.where else ""
    budget = act.nature is ActeNature.BUDGETAIRE or act.item.kind in (ItemKind.COMPTE_ADMINISTRATIF, ItemKind.BUDGET_PRIMITIF)
    return {
        "COLL_NOM": state.assembly.name,
        "COLL_SIRET": siret,
        "DELIB_ID": act.ctes_number or act.number or str(act.item.number),
        "DELIB_DATE": state.setup.date.isoformat(),
        "DELIB_MATIERE_CODE": level2_code(act.matiere),
        "DELIB_MATIERE_NOM": name,
        "DELIB_OBJET": " ".join(act.item.title.split()),
        "BUDGET_ANNEE": str(state.setup.date.year) if budget else "",
        "BUDGET_NOM": "",
        "PREF_ID": f"PREF{departement}" if departement and pref_date else "",
        "PREF_DATE": pref_date.isoformat() if pref_date else "",
        "VOTE_EFFECTIF": str(state.assembly.in_office_count - len(item.recusals)),
        "VOTE_REEL": str(tally.votants),
        "VOTE_POUR": str(tally.pour),
        "VOTE_CONTRE": str(tally.contre),
        "VOTE_ABSTENTION": str(tally.abstention),
        "DELIB_URL": url,
    }


def scdl_csv(rows: Sequence[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def scdl_file_name(made_on, siret: str) -> str:
    """« 20261202_213400000_deliberations.csv » (AAAAMMJJ_SIREN_nom-du-fichier.csv, FORMATS.md § 2)."""
    return f"{made_on:%Y%m%d}_{siret[:9]}_deliberations.csv"
