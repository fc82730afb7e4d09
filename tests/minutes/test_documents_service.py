"""service/documents.py: the one documents service of `seance-desk pv|documents` and the
procès-verbal tab — one fold per export, the same refusals, warnings and files for both."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from seance_desk.documents.signing import verify_signed_pdf
from seance_desk.files.session_file import read_session_file, write_session_file
from seance_desk.models.state.session_state import SessionState
from seance_desk.service.documents import EMPTY_JOURNAL, NEVER_OPENED, NOT_VERIFIED, DocumentError, SessionDocuments
from seance_desk.service.session import SessionService
from seance_desk.store import Store
from seance_desk.tools.demo import build_demo
from tests.support.testcert import make_test_pkcs12

DAY = date(2026, 11, 20)
PASSPHRASE = b"mot-de-passe-de-test"


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """A played session, as a file read back (the command line's source)."""
    demo = build_demo(15, 5, session_date=DAY)
    path = tmp_path_factory.mktemp("file") / "seance.json"
    write_session_file(path, demo.assembly, demo.setup, demo.events, minutes_texts={"pt1": "Texte <b>du secrétaire</b>."})
    return read_session_file(path)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A session never opened: no event at all."""
    demo = build_demo(11, 3, session_date=DAY, play=False)
    path = tmp_path_factory.mktemp("prepared") / "seance.json"
    write_session_file(path, demo.assembly, demo.setup, [])
    return read_session_file(path)


@pytest.fixture(scope="module")
def p12(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cert") / "mairie.p12"
    path.write_bytes(make_test_pkcs12(PASSPHRASE).p12)
    return path


@pytest.fixture
def count_folds(monkeypatch) -> list[int]:
    folds: list[int] = []
    real = SessionState.fold.__func__

    def counted(cls, assembly, setup, events):
        folds.append(len(events))
        return real(cls, assembly, setup, events)

    monkeypatch.setattr(SessionState, "fold", classmethod(counted))
    return folds


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------------ one fold
def test_export_all_from_a_file_folds_the_journal_exactly_once(played, tmp_path, count_folds):
    documents = SessionDocuments.of_file(played)
    written = documents.write_all(tmp_path / "documents")
    documents.write_pv(tmp_path / "pv.pdf")  # the PV again: built once, from the same state
    assert count_folds == [len(played.events)]
    assert len(written.documents) > 3 and written.journal_head == played.events[-1].hash


def test_export_all_of_a_stored_session_reads_its_live_state_without_folding(played, tmp_path, count_folds):
    with Store.open(tmp_path / "base.sqlite3") as store:
        session_id = store.import_session(played.assembly, played.setup, played.events, played.minutes_texts)
        service = SessionService(store, session_id)
        loaded_folds = len(count_folds)
        documents = SessionDocuments.of_session(service)
        documents.write_all(tmp_path / "documents")
    assert len(count_folds) == loaded_folds  # the engine's state, already folded on load
    assert documents.state is service.state
    assert documents.discussions == played.minutes_texts


# ------------------------------------------------------------------------------ what is written
def test_write_all_writes_the_plan_all_into_an_owner_only_folder(played, tmp_path):
    documents = SessionDocuments.of_file(played)
    out = tmp_path / "nouveau" / "documents"
    written = documents.write_all(out)
    assert names_in(out) == sorted(name for name, _ in documents.plan)  # no temporary left
    assert [d.path for d in written.documents] == [out / name for name, _ in documents.plan]
    assert all(d.pages >= 1 and d.path.read_bytes().startswith(b"%PDF-") for d in written.documents)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700 and stat.S_IMODE((tmp_path / "nouveau").stat().st_mode) == 0o700
    assert documents.existing(out) == [name for name, _ in documents.plan]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(written.documents[0].path).pages).split())
    assert "Texte du secrétaire." in text  # the file's texts reach the PV


def test_write_all_failing_midway_leaves_nothing_and_says_so(played, tmp_path, monkeypatch):
    import seance_desk.documents.pdf.pdfa as pdfa

    real, calls = pdfa.render_pdfa, []

    def failing(document, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "Plus de place sur le périphérique", str(target))
        return real(document, target)

    monkeypatch.setattr(pdfa, "render_pdfa", failing)
    out = tmp_path / "documents"
    with pytest.raises(DocumentError, match="Plus de place sur le périphérique. Aucun document n'a été écrit"):
        SessionDocuments.of_file(played).write_all(out)
    assert names_in(out) == []


def test_write_all_into_a_files_path_is_refused_in_french(played, tmp_path):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    with pytest.raises(DocumentError, match="n'ont pas pu être écrits dans .*choisissez un dossier accessible en écriture"):
        SessionDocuments.of_file(played).write_all(blocker / "documents")
    assert names_in(tmp_path) == ["un-fichier"]


def test_write_pv_failure_is_a_french_document_error(played, tmp_path):
    with pytest.raises(DocumentError, match="Le procès-verbal n'a pas pu être écrit dans .*aucun fichier n'a été écrit"):
        SessionDocuments.of_file(played).write_pv(tmp_path / "absent" / "pv.pdf")


def test_two_sessions_of_one_day_exported_into_one_folder_keep_each_its_documents(played, tmp_path):
    from dataclasses import replace
    from datetime import time

    evening = SessionDocuments.of_file(played)
    morning_setup = replace(played.setup, id="matin", start_time=time(9, 0))
    morning = SessionDocuments(SessionState.fold(played.assembly, morning_setup, []), None)
    out = tmp_path / "documents"
    first = morning.write_all(out)
    second = evening.write_all(out)
    assert not {d.path for d in first.documents} & {d.path for d in second.documents}
    assert names_in(out) == sorted(d.path.name for d in first.documents + second.documents)  # nothing replaced
    assert first.documents[0].path.name == "proces-verbal-saint-aubin-sur-loire-2026-11-20-09h00.pdf"
    assert second.documents[0].path.name == f"proces-verbal-saint-aubin-sur-loire-2026-11-20-{played.setup.start_time:%Hh%M}.pdf"
    assert evening.existing(out) == [name for name, _ in evening.plan]  # only its own files would be replaced
    assert all("09h00" in name for name in morning.existing(out))


# ------------------------------------------------------------------------------ warnings and refusals
def test_a_session_never_opened_is_warned_about_not_refused(prepared, played, tmp_path):
    documents = SessionDocuments.of_file(prepared)
    assert documents.warnings == (NEVER_OPENED,)
    assert SessionDocuments.of_file(played).warnings == ()
    written = documents.write_all(tmp_path / "documents")
    assert len(written.documents) == 3  # no deliberation, hence no extrait
    with pytest.raises(DocumentError) as refused:
        documents.check_signable()
    assert str(refused.value) == EMPTY_JOURNAL


def test_a_session_whose_journal_is_not_verified_yet_is_refused(played, tmp_path):
    with Store.open(tmp_path / "base.sqlite3") as store:
        session_id = store.import_session(played.assembly, played.setup, played.events)
        unverified = SessionService(store, session_id, verify=False)
        with pytest.raises(DocumentError) as refused:
            SessionDocuments.of_session(unverified)
        assert str(refused.value) == NOT_VERIFIED
        unverified.verify()
        assert SessionDocuments.of_session(unverified).state is unverified.state


# ------------------------------------------------------------------------------ the signed PV
def test_the_signed_pv_is_written_verified_and_carries_the_session_head(played, p12, tmp_path):
    documents = SessionDocuments.of_file(played)
    target = tmp_path / "pv-signe.pdf"
    signed = documents.write_signed_pv(target, p12, PASSPHRASE)
    assert signed is not None and signed.verified, signed
    assert signed.path == target and signed.pages >= 1
    assert signed.journal_head == documents.state.session_head == documents.pv.journal_head
    assert verify_signed_pdf(target, expected_journal_head=signed.journal_head).ok
    assert names_in(tmp_path) == ["pv-signe.pdf"]  # the unsigned PDF, beside it meanwhile, removed


def test_a_wrong_passphrase_without_a_second_try_writes_nothing(played, p12, tmp_path):
    with pytest.raises(DocumentError, match="Mot de passe du certificat incorrect. Le procès-verbal signé n'a pas été écrit."):
        SessionDocuments.of_file(played).write_signed_pv(tmp_path / "pv.pdf", p12, b"mauvais")
    assert names_in(tmp_path) == []


def test_a_wrong_passphrase_is_asked_again_once(played, p12, tmp_path):
    asked: list[str] = []
    answers = [PASSPHRASE]
    signed = SessionDocuments.of_file(played).write_signed_pv(
        tmp_path / "pv.pdf", p12, b"mauvais", ask_again=lambda label: asked.append(label) or answers.pop())
    assert signed is not None and signed.verified
    assert asked == ["Mot de passe du certificat incorrect. Saisissez-le à nouveau :"]

    asked.clear()
    answers[:] = [b"encore faux"]
    with pytest.raises(DocumentError, match="n'a pas été écrit"):
        SessionDocuments.of_file(played).write_signed_pv(
            tmp_path / "autre.pdf", p12, b"mauvais", ask_again=lambda label: asked.append(label) or answers.pop())
    assert len(asked) == 1 and not (tmp_path / "autre.pdf").exists()


def test_cancelling_the_second_try_writes_nothing(played, p12, tmp_path):
    result = SessionDocuments.of_file(played).write_signed_pv(tmp_path / "pv.pdf", p12, b"mauvais", ask_again=lambda _label: None)
    assert result is None
    assert names_in(tmp_path) == []
