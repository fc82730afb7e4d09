"""Issue 14 § 5 in session files: the anchors travel with an export (journal_anchors), come back with
an import, and `seance-desk verify` checks them — a file rewritten with every hash recomputed is
refused naming the last anchored point; with --trust, anchors signed with a certificate must chain
to the roots given (a self-signed certificate copying the town hall's name does not)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from seance_desk.cli import main
from seance_desk.documents.signing import PASSPHRASE_ENV
from seance_desk.documents.signing.anchor_keys import ANCHOR_CERT_ENV
from seance_desk.files.session_file import parse_session_file, session_file_bytes, verify_session_bytes
from seance_desk.models.canonical import canonical_json
from seance_desk.models.journal import chain_hash
from seance_desk.store import Store
from tests.helpers import StepClock
from tests.store.sessions import new_service, play_sitting
from tests.support.testcert import make_test_authority, make_test_pkcs12

PASSPHRASE = "mot-de-passe-de-test"
TOWN_HALL = "Mairie de Testville — le maire"


def exported(tmp_path: Path, clock: StepClock | None = None) -> bytes:
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store, clock)
        play_sitting(service)
        service.do(service.commands.close_session())
        stored = store.load_session(service.session_id)
        return session_file_bytes(stored.assembly, stored.setup, stored.events, anchors=store.anchors(service.session_id))


def rewritten(data: bytes, seq: int) -> bytes:
    """The strong forgery on a file: one event changed, every later hash and the head recomputed."""
    document = json.loads(data)
    events = document["events"]
    prev = events[seq - 1]["prev_hash"]
    events[seq - 1]["payload"]["choice"] = "pour"
    for event in events[seq - 1 :]:
        event["prev_hash"] = prev
        body = {key: event[key] for key in ("seq", "type", "at", "payload", "prev_hash")}
        event["hash"] = prev = chain_hash(prev, body)
    document["head_hash"] = prev
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def test_an_export_carries_its_anchors_and_reads_back(tmp_path: Path):
    data = exported(tmp_path)
    loaded = parse_session_file(data)
    assert loaded.anchors and {anchor.reason for anchor in loaded.anchors} >= {"ouverture", "levee"}
    report = verify_session_bytes(data)
    assert report.ok and "Ancrages du journal" in report.message and "clé ou un certificat de confiance" in report.message


def test_a_file_rewritten_with_every_hash_recomputed_is_refused_naming_the_anchor(tmp_path: Path):
    forged = rewritten(exported(tmp_path), 20)
    report = verify_session_bytes(forged)
    assert not report.ok
    assert "le journal a été réécrit après le point ancré n° 2 du vendredi 20 novembre 2026" in report.message
    # Dropping the anchors is not enough to pass --trust: nothing signed is left to vouch for the file.
    document = json.loads(forged)
    del document["journal_anchors"]
    assert verify_session_bytes(json.dumps(document).encode(), trust_roots=[]).ok is False


def test_anchors_come_back_with_an_import_and_are_checked_there(tmp_path: Path):
    data = exported(tmp_path)
    loaded = parse_session_file(data)
    with Store.open(tmp_path / "autre.sqlite3") as store:
        session_id = store.import_session(loaded.assembly, loaded.setup, loaded.events, loaded.minutes_texts, loaded.anchors)
        assert [anchor.number for anchor in store.anchors(session_id)] == [anchor.number for anchor in loaded.anchors]
        store.load_session(session_id)  # checks them again
        from dataclasses import replace

        other = replace(loaded.anchors[-1], number=99, seq=3)  # signed for another head: its signature fails
        with pytest.raises(Exception, match="falsifié"):
            store.import_session(loaded.assembly, loaded.setup, loaded.events, {}, (*loaded.anchors, other))


@pytest.mark.parametrize(
    "value, said",
    [("ancrages", "une liste d'ancrages est attendue"), ([["x"]], "un objet JSON est attendu"), ([{"v": 1}], "champ(s) manquant(s)")],
)
def test_a_malformed_journal_anchors_field_is_refused_in_french(tmp_path: Path, value, said):
    document = json.loads(exported(tmp_path))
    document["journal_anchors"] = value
    report = verify_session_bytes(json.dumps(document).encode())
    assert not report.ok and said in report.message and "journal_anchors" in report.message


def test_a_huge_or_invalid_byte_in_an_anchor_is_refused(tmp_path: Path):
    document = json.loads(exported(tmp_path))
    document["journal_anchors"][0]["signer"] = "x" * 200_000
    assert "taille raisonnable" in verify_session_bytes(json.dumps(document).encode()).message
    data = json.dumps(json.loads(exported(tmp_path))).encode()
    broken = data.replace(b'"signer": "', b'"signer": "\xff', 1)
    assert not verify_session_bytes(broken).ok


@pytest.fixture(scope="module")
def authority():
    return make_test_authority()


def certificate_session_file(tmp_path: Path, monkeypatch, certificate) -> Path:
    p12 = tmp_path / "mairie.p12"
    p12.write_bytes(certificate.p12)
    monkeypatch.setenv(ANCHOR_CERT_ENV, str(p12))
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    path = tmp_path / "seance.json"
    # A session held now: its anchors are checked at their own time, when the certificate is valid.
    path.write_bytes(exported(tmp_path, StepClock(start=datetime.now(UTC))))
    monkeypatch.delenv(ANCHOR_CERT_ENV)
    return path


def test_anchors_signed_with_the_town_halls_certificate_pass_trust_only_through_its_authority(tmp_path, monkeypatch, authority, capsys):
    issued = make_test_pkcs12(PASSPHRASE.encode(), common_name=TOWN_HALL, issuer=authority)
    path = certificate_session_file(tmp_path, monkeypatch, issued)
    anchors = parse_session_file(path.read_bytes()).anchors
    assert anchors and all(anchor.material_kind == "certificat" and TOWN_HALL in anchor.signer for anchor in anchors)
    roots = tmp_path / "autorite.pem"
    roots.write_bytes(authority.pem())
    assert main(["verify", str(path), "--trust", str(roots)]) == 0
    assert "signés par une clé ou un certificat de confiance" in capsys.readouterr().out
    assert main(["verify", str(path)]) == 0  # without --trust: intact, signer not verified
    assert "aucun n'est signé par une clé ou un certificat de confiance" in capsys.readouterr().out


def test_a_self_signed_certificate_copying_the_name_does_not_pass_trust(tmp_path, monkeypatch, authority, capsys):
    impostor = make_test_pkcs12(PASSPHRASE.encode(), common_name=TOWN_HALL)  # self-signed, same name
    path = certificate_session_file(tmp_path, monkeypatch, impostor)
    roots = tmp_path / "autorite.pem"
    roots.write_bytes(authority.pem())
    assert main(["verify", str(path), "--trust", str(roots)]) == 1
    err = capsys.readouterr().err
    assert f"« {TOWN_HALL} »" in err and "n'est reconnu ni par les autorités de confiance fournies" in err


def test_canonical_form_of_an_anchor_is_what_the_table_stores(tmp_path: Path):
    loaded = parse_session_file(exported(tmp_path))
    first = loaded.anchors[0]
    assert json.loads(canonical_json(first.to_dict()))["signature"] == first.to_dict()["signature"]


def test_signing_the_pv_of_a_stored_session_anchors_its_head_with_the_same_certificate(tmp_path, authority):
    from seance_desk.service.documents import SessionDocuments
    from seance_desk.service.session import SessionService

    issued = make_test_pkcs12(PASSPHRASE.encode(), common_name=TOWN_HALL, issuer=authority)
    p12 = tmp_path / "mairie.p12"
    p12.write_bytes(issued.p12)
    with Store.open(tmp_path / "base.sqlite3") as store:
        service = new_service(store, StepClock(start=datetime.now(UTC)))
        play_sitting(service)
        service.do(service.commands.close_session())
        session_id = service.session_id
        signed = SessionDocuments.of_session(SessionService(store, session_id)).write_signed_pv(
            tmp_path / "pv.pdf", p12, PASSPHRASE.encode()
        )
        assert signed is not None and signed.verified
        last = store.anchors(session_id)[-1]
        events = store.load_session(session_id).events  # and the anchors still hold
    assert last.reason == "signature_pv" and last.material_kind == "certificat" and TOWN_HALL in last.signer
    assert (last.seq, last.hash) == (len(events), events[-1].hash)
