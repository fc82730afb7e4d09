"""Writes the transmission bundles (bundle.py) into a folder the clerk uploads to the tiers de
télétransmission, all or nothing:

    D/actes-2026-11-20-18h30/
        2026_045/
            99_DE-034-213400000-20261120-2026_045-DE-1-1_1.pdf   the act (extrait du registre, PDF/A)
            99_AU-034-213400000-20261120-2026_045-DE-1-1_2.pdf   an annex, typed
            formulaire.json                                      S²LOW's form fields and the pieces, in order
        bordereau.txt                                            what goes, what was left out and why (French)
    D/actes-2026-11-20-18h30.zip                                 the same, zipped (--zip)

The folder is built under a temporary name and renamed once complete: a failure leaves nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..models.french import french_date
from ..paths import private_dir
from .bundle import ActTransmission, TransmissionError, TransmissionPlan, annex_name

if TYPE_CHECKING:
    from ..models.state.session_state import SessionState


@dataclass(frozen=True, slots=True)
class WrittenBundle:
    directory: Path
    archive: Path | None
    acts: tuple[Path, ...]  # one folder per act


def pieces(act: ActTransmission, act_pdf: Path, departement: str = "", siren: str = "") -> list[tuple[str, str, Path, str]]:
    """[(form field, file name, source, mime)]: the act first (acte_pdf_file), then the annexes
    (acte_attachments[]), named as S²LOW stores them (FORMATS.md § 1.6)."""
    stem = act.stem(departement, siren)
    listed = [("acte_pdf_file", annex_name(stem, act.type_acte, 1, "pdf"), act_pdf, "application/pdf")]
    for rank, annex in enumerate(act.annexes, start=2):
        listed.append(("acte_attachments[]", annex_name(stem, annex.type_code, rank, annex.kind), annex.source, annex.mime))
    return listed


def render_acts(state: SessionState, plan: TransmissionPlan, directory: Path) -> dict[str, Path]:
    """The extrait du registre of each act in the plan, as PDF/A, in `directory`: item_id → file."""
    from ..documents.builders._common import act_items
    from ..documents.builders.extrait_builder import build_extraits
    from ..documents.pdf import pdfa

    wanted = {act.item_id for act in plan.acts}
    rendered = {}
    for item, document in zip(act_items(state), build_extraits(state), strict=True):
        if item.item.id in wanted:
            target = directory / f"extrait-{item.item.id}.pdf"
            pdfa.render_pdfa(document, target)
            rendered[item.item.id] = target
    return rendered


def write_bundle(state: SessionState, plan: TransmissionPlan, directory: Path, *, archive: bool = False, departement: str = "", siren: str = "") -> WrittenBundle:
    """The folder (and zip) of the plan's acts; TransmissionError (French) if nothing can go or the
    folder cannot be written — nothing is left behind then."""
    if plan.refusals:
        raise TransmissionError("Dossier de télétransmission non écrit :\n- " + "\n- ".join(plan.refusals))
    if not plan.acts:
        raise TransmissionError("Aucune délibération à transmettre" + (" : " + " ; ".join(plan.skipped) if plan.skipped else "") + ".")
    start = state.setup.start_time
    name = f"actes-{state.setup.date.isoformat()}-{start.hour:02d}h{start.minute:02d}"
    directory = Path(directory)
    target = directory / name
    zip_target = directory / f"{name}.zip"
    try:
        private_dir(directory)
        with tempfile.TemporaryDirectory(dir=directory, prefix=".actes-") as scratch:
            building = Path(scratch) / name
            building.mkdir()
            rendered = render_acts(state, plan, Path(scratch))
            folders = []
            for act in plan.acts:
                folder = building / act.number
                folder.mkdir()
                listed = pieces(act, rendered[act.item_id], departement, siren)
                for _field, file_name, source, _mime in listed:
                    shutil.copyfile(source, folder / file_name)
                form = {
                    "champs": act.form_fields(),
                    "fichiers": [{"champ": field_name, "nom": file_name, "type": mime} for field_name, file_name, _source, mime in listed],
                }
                (folder / "formulaire.json").write_text(json.dumps(form, ensure_ascii=False, indent=2), encoding="utf-8")
                folders.append(target / act.number)
            (building / "bordereau.txt").write_text(bordereau(state, plan), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            building.replace(target)
        if archive:
            partial = zip_target.with_suffix(".zip.partiel")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as packed:
                for path in sorted(target.rglob("*")):
                    if path.is_file():
                        packed.write(path, path.relative_to(directory).as_posix())
            partial.replace(zip_target)
    except OSError as exc:
        raise TransmissionError(f"Le dossier de télétransmission n'a pas pu être écrit dans {directory} : {exc.strerror or exc} ; rien n'a été écrit.") from exc
    return WrittenBundle(target, zip_target if archive else None, tuple(folders))


def bordereau(state: SessionState, plan: TransmissionPlan) -> str:
    """The clerk's summary of the bundle, in French."""
    lines = [
        f"{state.assembly.name} — séance du {french_date(state.setup.date)}",
        "Transmission au représentant de l'État (@ctes), art. L2131-1 CGCT",
        "",
    ]
    for act in plan.acts:
        levels = ".".join(map(str, act.levels))
        lines.append(f"Délibération {act.register_number} (n° @ctes {act.number}) — {act.nature.label}, matière {levels}, décidée le {french_date(act.decision_date)}")
        lines.append(f"  Objet : {act.objet.text}")
        lines.append(f"  Pièces : l'acte ({act.type_acte})" + "".join(f", {a.source.name} ({a.type_code})" for a in act.annexes))
    for said in plan.warnings:
        lines.append(f"Avertissement : {said}")
    for said in plan.skipped:
        lines.append(f"Non transmise : {said}")
    return "\n".join(lines) + "\n"
