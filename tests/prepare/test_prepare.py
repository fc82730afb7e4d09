"""`seance-desk prepare`: the clerk's two spreadsheets become a session file the chair opens."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.models.enums import BodyKind, ItemKind, SessionMode
from seance_desk.files.prepare import PrepareError, prepare_session, read_agenda, read_roster
from seance_desk.service.session import SessionService
from seance_desk.files.session_file import read_session_file
from seance_desk.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"

ROSTER = """Civilité;Nom;Prénom;Groupe;Fonction;Date de naissance;Courriel;Téléphone
Mme;LEFÈVRE;Hélène;Majorité;Maire;14/03/1968;h.lefevre@example.fr;06 12 34 56 78
M.;GARNIER;François;Majorité;1er adjoint;1975-11-02;;
Mme;N'DIAYE;Aïssatou;Majorité;;30/06/1981;;
M.;BENOÎT;Théo;Opposition;;;;
Mme;MARTIN;Cécile;Opposition;;;;
"""

AGENDA = """N°;Objet;Rapporteur;Nature;Rapport;ICPE
1;Approbation du procès-verbal;M. le Maire;;;
2;Compte administratif 2025;françois garnier;Compte administratif;Rapport n° 41;
3;Budget primitif 2027;GARNIER François;BP;Rapport n° 42;
4;Avis sur l'extension de la carrière;Aissatou N'Diaye;délibération;;Oui
5;Désignation au syndicat des eaux;;désignation;;non
"""

SETTINGS = [
    "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "12000", "--date", "2026-12-18",
    "--time", "18:30", "--place", "Salle du conseil",
]


def _write(path: Path, text: str, encoding: str = "utf-8-sig", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.fixture
def files(tmp_path):
    return _write(tmp_path / "membres.csv", ROSTER), _write(tmp_path / "odj.csv", AGENDA)


def _prepare(tmp_path, roster, agenda, *extra: str) -> tuple[int, Path]:
    out = tmp_path / "seance.json"
    code = main(["prepare", "--roster", str(roster), "--agenda", str(agenda), "--out", str(out), *SETTINGS, *extra])
    return code, out


def test_good_files_make_a_session_the_chair_opens(tmp_path, files, capsys):
    code, out = _prepare(tmp_path, *files, "--convocation-sent", "2026-12-10", "--secretary", "Theo Benoit", "--note-de-synthese-envoyee")
    assert code == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    assert "Séance préparée" in captured.out and "dans le délai" in captured.out
    assert "Note explicative de synthèse envoyée aux conseillers" in captured.out  # recorded (L2121-12)
    assert "Lu : 5 membres dans membres.csv, 5 points dans odj.csv." in captured.out
    # Five councillors for 12,000 inhabitants: said, not refused (vacancies are legal).
    assert captured.err.startswith("Avertissement : le tableau compte 5 membres : une commune de 12\u202f000 habitants a 33 conseillers")
    assert captured.err.count("\n") == 1

    loaded = read_session_file(out)
    assert list(loaded.events) == []
    assembly, setup = loaded.assembly, loaded.setup
    assert [m.id for m in assembly.members] == ["m1", "m2", "m3", "m4", "m5"]
    helene = assembly.member("m1")
    assert (helene.civility, helene.last_name, helene.first_name, helene.birth_date) == ("Mme", "LEFÈVRE", "Hélène", date(1968, 3, 14))
    assert assembly.member("m2").birth_date == date(1975, 11, 2)
    assert assembly.member("m3").function == "conseillère" and assembly.member("m4").function == "conseiller"
    assert assembly.executive_id == "m1" and setup.chair_id == "m1"  # the maire chairs by default
    assert setup.secretary_ids == ("m4",)
    assert (setup.date, setup.start_time, setup.places, setup.mode) == (date(2026, 12, 18), time(18, 30), ("Salle du conseil",), SessionMode.IN_PERSON)
    assert [(i.number, i.rapporteur_id, i.kind) for i in setup.agenda] == [
        (1, "m1", ItemKind.ORDINARY),
        (2, "m2", ItemKind.COMPTE_ADMINISTRATIF),
        (3, "m2", ItemKind.BUDGET_PRIMITIF),
        (4, "m3", ItemKind.ORDINARY),
        (5, None, ItemKind.DESIGNATION_L2121_33),
    ]
    assert setup.agenda[3].concerns_icpe and not setup.agenda[4].concerns_icpe
    assert setup.agenda[1].report_ref == "Rapport n° 41"

    # `seance-desk import` loads it; the window's service opens it and the chair can open the session.
    store = Store.open(tmp_path / "base.sqlite3")
    try:
        session_id = store.import_session(loaded.assembly, loaded.setup, loaded.events)
        service = SessionService(store, session_id)
        assert service.state.setup.chair_id == "m1"
        for member_id in ("m1", "m2", "m3"):
            service.do(service.commands.arrive(member_id))
        service.do(service.commands.open_session())
    finally:
        store.close()


def test_windows_1252_crlf_with_ids_and_suppleants(tmp_path):
    roster = _write(
        tmp_path / "delegues.csv",
        "Identifiant;CIVILITE;NOM;PRENOM;Fonction;Suppléant de\n"
        "d1;M.;Hervé;Gérard;Président;\n"
        "d2;Mme;Dubœuf;Zoé;vice-présidente;\n"
        "d3;M.;Lâm;Noël;;Zoé Dubœuf\n",
        encoding="cp1252",
        newline="\r\n",
    )
    members = read_roster(roster)
    assert [(m.id, m.last_name, m.suppleant_of) for m in members] == [("d1", "Hervé", None), ("d2", "Dubœuf", None), ("d3", "Lâm", "d2")]
    agenda = _write(tmp_path / "odj.csv", "Numéro;Titre;Rapporteur\n1;Budget;M. Herve\n", encoding="cp1252", newline="\r\n")
    assert read_agenda(agenda, members)[0].rapporteur_id == "d1"


def test_roster_problems_are_all_listed_with_their_line_and_nothing_is_written(tmp_path, files, capsys):
    roster = _write(
        tmp_path / "membres.csv",
        "Civilité;Nom;Prénom;Date de naissance;Identifiant\n"
        "Mme;LEFÈVRE;Hélène;31/02/1968;a\n"
        "Dr;GARNIER;François;;b\n"
        "M.;;Théo;;c\n"
        "Mme;MARTIN;Cécile;;a\n",
    )
    with pytest.raises(PrepareError) as caught:
        read_roster(roster)
    message = str(caught.value)
    assert "ligne 2 : date de naissance invalide « 31/02/1968 »" in message
    assert "ligne 3 : civilité « Dr » (attendu : M. ou Mme)" in message
    assert "ligne 4 : nom manquant" in message
    assert "lignes 2 et 5 : identifiant « a » en double" in message

    code, out = _prepare(tmp_path, roster, files[1])
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert "Préparation refusée" in err and "aucun fichier de séance n'a été écrit" in err
    assert "membres.csv, ligne 3" in err


def test_agenda_problems_are_all_listed_with_their_line_and_nothing_is_written(tmp_path, files, capsys):
    agenda = _write(
        tmp_path / "odj.csv",
        "N°;Objet;Rapporteur;Nature;ICPE\n"
        "1;Approbation du procès-verbal;Mme DURAND;;\n"
        "2;;;;\n"
        "2;Budget;;budjet;\n"
        "3;Élection;;élection;peut-être\n"
        "x;Tarifs;;;\n",
    )
    code, out = _prepare(tmp_path, files[0], agenda)
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert "odj.csv, ligne 2 : rapporteur inconnu « Mme DURAND »" in err
    assert "odj.csv, ligne 3 : objet du point manquant" in err
    assert "odj.csv, lignes 3 et 4 : numéro de point 2 en double" in err
    assert "odj.csv, ligne 4 : nature inconnue « budjet » (natures acceptées : délibération" in err
    assert "ligne 5 : nature inconnue « élection »" in err and "élection des adjoints" in err
    assert "ligne 5 : valeur ICPE « peut-être »" in err
    assert "ligne 6 : numéro du point invalide « x »" in err


def test_unrecognised_header_names_the_missing_columns(tmp_path, files):
    agenda = _write(tmp_path / "odj.csv", "Point,Libellé\n1,Budget\n")
    with pytest.raises(PrepareError) as caught:
        read_agenda(agenda)
    assert "ligne 1 : en-tête non reconnu" in str(caught.value) and "« N° »" in str(caught.value)


def test_remote_commune_session_is_refused_after_2022(tmp_path, files, capsys):
    code, out = _prepare(tmp_path, *files, "--mode", "multisite")
    assert code == 1 and not out.exists()
    assert "conseil municipal ne peut pas tenir séance plénière en visioconférence" in capsys.readouterr().err


def test_epci_multisite_allowed_but_not_for_its_budget_primitif(tmp_path, files):
    common = dict(name="CC du Val", population=40000, session_date=date(2026, 12, 18), start_time=time(18, 0), places=["Siège", "Visioconférence"])
    with pytest.raises(PrepareError) as caught:
        prepare_session(*files, kind=BodyKind.EPCI, mode=SessionMode.MULTI_SITE, **common)
    assert "point n° 3 « Budget primitif 2027 »" in str(caught.value)
    agenda = _write(tmp_path / "odj2.csv", "N°;Objet\n1;Tarifs\n")
    prepared = prepare_session(files[0], agenda, kind=BodyKind.EPCI, mode=SessionMode.MULTI_SITE, **common)
    assert prepared.setup.mode is SessionMode.MULTI_SITE and prepared.setup.chair_id == "m1"


def test_late_convocation_warns_with_the_latest_legal_date_and_still_writes(tmp_path, files, capsys):
    code, out = _prepare(tmp_path, *files, "--convocation-sent", "2026-12-14")
    assert code == 0 and out.exists()
    err = capsys.readouterr().err
    assert "Avertissement" in err and "hors délai" in err and "samedi 12 décembre 2026" in err


def test_without_the_sending_date_the_delay_is_said_unchecked_and_the_session_still_written(tmp_path, files, capsys):
    code, out = _prepare(tmp_path, *files)
    assert code == 0 and out.exists()
    err = capsys.readouterr().err
    assert "Avertissement : date d'envoi de la convocation non indiquée" in err
    assert "--convocation-sent AAAA-MM-JJ" in err  # how to give it, in the command line's words


def test_chair_given_by_name_and_no_maire_requires_a_chair(tmp_path, files, capsys):
    code, out = _prepare(tmp_path, *files, "--chair", "GARNIER François")
    assert code == 0 and read_session_file(out).setup.chair_id == "m2"
    roster = _write(tmp_path / "sans-maire.csv", "Civilité;Nom;Prénom\nM.;GARNIER;François\n")
    agenda = _write(tmp_path / "court.csv", "N°;Objet\n1;Tarifs\n")
    out.unlink()
    code, out = _prepare(tmp_path, roster, agenda)
    assert code == 1 and not out.exists()
    assert "indiquez le président de séance" in capsys.readouterr().err


def test_the_documented_examples_prepare(tmp_path, capsys):
    code, out = _prepare(tmp_path, EXAMPLES / "membres.csv", EXAMPLES / "ordre-du-jour.csv", "--convocation-sent", "2026-12-10")
    assert code == 0, capsys.readouterr().err
    loaded = read_session_file(out)
    assert len(loaded.assembly.members) == 7 and len(loaded.setup.agenda) == 6
    assert all(item.rapporteur_id for item in loaded.setup.agenda)
