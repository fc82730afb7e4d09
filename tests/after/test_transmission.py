"""The @ctes transmission (issue 13 § 7): each délibération's bundle (form of FORMATS.md § 1.1,
the act as PDF/A, typed annexes) as a folder and a zip, its upload to a fake S²LOW on 127.0.0.1
that checks the form as S²LOW does and answers with the statuses of § 1.8, and the acknowledgement
imported into the journal and printed under « certifié exécutoire »."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.models.ctes import latin1_objet
from seance_desk.service.after_session import Collectivite, follow_acts, import_acknowledgement, send_acts
from seance_desk.transmission.aracte import AcknowledgementError
from seance_desk.transmission.bundle import TransmissionError, plan_transmission
from seance_desk.transmission.bundle_writer import write_bundle
from seance_desk.transmission.s2low import S2lowClient, S2lowError, S2lowSettings
from tests.after.fake_s2low import FakeS2low
from tests.after.sessions import closed_session

PLACE = Collectivite("21340000000017", "034")


class EngineService:
    """What service/after_session.py needs of a SessionService, over a bare engine."""

    def __init__(self, engine):
        self.engine = engine

    @property
    def state(self):
        return self.engine.state

    def do(self, steps):
        return self.engine.execute(steps)


def classified(matiere: str = "5.2"):
    engine, c = closed_session()
    engine.execute(c.classify_act("i1", matiere=matiere))
    engine.execute(c.classify_act("i2", matiere="7.1"))
    return engine, c


def annex(tmp_path: Path, name: str = "plan.pdf", content: bytes = b"%PDF-1.7\n%annexe\n") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_objet_is_transliterated_to_latin1_and_said():
    objet = latin1_objet("Budget 2026 : l’œuvre — 1 000 € & plus 🎉 Łódź")
    assert objet.text == "Budget 2026 : l'oeuvre - 1 000 EUR et plus Lódz"
    objet.text.encode("iso-8859-1")
    assert any("œ" in said for said in objet.replaced) and any("🎉" in said and "supprimé" in said for said in objet.replaced)
    long = latin1_objet("mot " * 200)
    assert long.shortened and len(long.text) <= 499 and long.text.endswith("...")


def test_an_act_without_matiere_or_with_a_foreign_annex_is_refused_in_french(tmp_path: Path):
    engine, _ = closed_session()
    plan = plan_transmission(engine.state)
    assert not plan.acts and any("matière @ctes non indiquée" in r for r in plan.refusals)
    engine, _ = classified()
    docx = annex(tmp_path, "note.docx", b"PK\x03\x04 word")
    plan = plan_transmission(engine.state, {1: [(docx, "")], 9: [(docx, "")]})
    assert any("note.docx refusée" in r and "PDF, XML, PNG ou JPEG" in r for r in plan.refusals)
    assert any("point n° 9" in r for r in plan.refusals)
    with pytest.raises(TransmissionError, match="non écrit"):
        write_bundle(engine.state, plan, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    plan = plan_transmission(engine.state, {1: [(annex(tmp_path), "bad")]})
    assert any("type d'annexe « BAD » invalide" in r for r in plan.refusals)


def test_the_bundle_is_written_as_a_folder_and_a_zip(tmp_path: Path):
    engine, _ = classified()
    plan = plan_transmission(engine.state, {1: [(annex(tmp_path), "99_AU")]})
    assert not plan.refusals and [a.number for a in plan.acts] == ["2026_045", "2026_046"]
    written = write_bundle(engine.state, plan, tmp_path / "d", archive=True, departement="034", siren="213400000")
    folder = written.directory / "2026_045"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "99_AU-034-213400000-20261120-2026_045-DE-1-1_2.pdf",
        "99_DE-034-213400000-20261120-2026_045-DE-1-1_1.pdf",
        "formulaire.json",
    ]
    assert (folder / names[1]).read_bytes().startswith(b"%PDF-")
    form = json.loads((folder / "formulaire.json").read_text(encoding="utf-8"))
    fields = dict(tuple(f) for f in form["champs"])
    assert fields["nature_code"] == "1" and fields["number"] == "2026_045"
    assert (fields["classif1"], fields["classif2"], fields["decision_date"], fields["type_acte"]) == ("5", "2", "2026-11-20", "99_DE")
    assert ["type_pj[]", "99_AU"] in form["champs"]
    assert "Délibération 2026-045" in (written.directory / "bordereau.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(written.archive) as packed:
        assert "actes-2026-11-20-18h30/2026_045/formulaire.json" in packed.namelist()


def test_upload_to_s2low_then_the_acknowledgement_fills_the_certified_block(tmp_path: Path):
    engine, _ = classified()
    service = EngineService(engine)
    plan = plan_transmission(engine.state, {1: [(annex(tmp_path), "")]})
    with FakeS2low(login="mairie", password="secret") as fake:
        client = S2lowClient(S2lowSettings(fake.url, login="mairie", password="secret"))
        assert "test" in client.test_connection()
        done, failed = send_acts(service, plan, client, PLACE)
        assert failed == [] and len(done) == 2
        first = fake.transactions["100"]
        assert first.fields["number"] == ["2026_045"] and first.fields["type_pj[]"] == ["99_AU"]
        assert [f[1] for f in first.files] == ["99_DE-034-213400000-20261120-2026_045-DE-1-1_1.pdf", "99_AU-034-213400000-20261120-2026_045-DE-1-1_2.pdf"]
        assert engine.state.after_session.sendings["i1"].transaction == "100"
        said = follow_acts(service, client, PLACE.siren)  # status 1: posté
        assert all("posté" in line for line in said) and engine.state.publication.act("i1") is None
        follow_acts(service, client)
        follow_acts(service, client)  # 3: transmis
        said = follow_acts(service, client, PLACE.siren)  # 4: the ARActe
    assert any("reçue en préfecture le mardi 24 novembre 2026" in line for line in said)
    assert engine.state.publication.act("i1").transmitted_on == date(2026, 11, 24)
    ack = engine.state.after_session.acknowledgements["i1"]
    assert ack.acte_id == "034-213400000-20261120-2026_045-DE"
    texts = [getattr(b, "text", "") for b in build_extraits(engine.state)[0].blocks]
    assert any("Identifiant @ctes : 034-213400000-20261120-2026_045-DE" in t for t in texts)
    assert any("transmission en préfecture le mardi 24 novembre 2026" in t for t in texts)


def test_s2low_refusals_and_errors_are_said_in_french(tmp_path: Path):
    engine, _ = classified()
    service = EngineService(engine)
    plan = plan_transmission(engine.state)
    with FakeS2low(login="mairie", password="secret") as fake:
        with pytest.raises(S2lowError, match="401 : identifiant ou mot de passe refusé"):
            S2lowClient(S2lowSettings(fake.url, login="mairie", password="faux")).test_connection()
        client = S2lowClient(S2lowSettings(fake.url, login="mairie", password="secret"))
        fake.reject_next = "Le numéro de l'acte est déjà utilisé"
        fake.error_for = {"2026_046"}
        done, failed = send_acts(service, plan, client, PLACE)
        assert len(done) == 1 and "S²LOW a refusé : Le numéro de l'acte est déjà utilisé" in failed[0]
        assert "i1" not in engine.state.after_session.sendings
        follow_acts(service, client)
        said = follow_acts(service, client)
        assert any("Erreur — Erreur lors de la transmission" in line for line in said)
    with pytest.raises(S2lowError, match="chiffrée"):
        S2lowClient(S2lowSettings("http://s2low.example.fr"))
    with pytest.raises(S2lowError, match="certificat de la collectivité non indiqué"):
        S2lowClient(S2lowSettings("https://s2low.example.fr"))
    with pytest.raises(S2lowError, match="n'a pas pu être joint"):
        S2lowClient(S2lowSettings("http://127.0.0.1:9", timeout=5)).test_connection()


def test_an_acknowledgement_file_is_imported_once_and_checked(tmp_path: Path):
    engine, _ = classified()
    service = EngineService(engine)
    fake = FakeS2low()
    from tests.after.fake_s2low import Transaction

    xml = fake.aracte(Transaction({"nature_code": ["1"], "decision_date": ["2026-11-20"], "number": ["2026_046"], "classif1": ["7"], "subject": ["Objet < & >"]}, []))
    fake.server.server_close()
    assert "reçue en préfecture" in import_acknowledgement(service, xml.encode("iso-8859-1"), "ar.xml", "213400000")
    assert "déjà enregistré" in import_acknowledgement(service, xml.encode("iso-8859-1"), "ar.xml")
    count = len(engine.events)
    with pytest.raises(AcknowledgementError, match="SIREN 213400000, et non 999999999"):
        import_acknowledgement(service, xml.encode("iso-8859-1"), "ar.xml", "999999999")
    other = xml.replace("2026_046", "2026_099")
    with pytest.raises(AcknowledgementError, match="aucune délibération n° 2026_099"):
        import_acknowledgement(service, other.encode("iso-8859-1"), "ar.xml")
    assert len(engine.events) == count
