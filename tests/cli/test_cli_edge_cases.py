"""Issue 8: commands that used to end in a traceback — a reader that stops reading (`| head`), the
documents of a session never opened."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from seance_desk.cli import EXIT_BROKEN_PIPE, main
from seance_desk.files.session_file import read_session_file

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "seance.json"
    assert main(["demo", "--out", str(path), "--members", "60", "--items", "30", "--date", "2026-11-20"]) == 0
    return path


@pytest.fixture(scope="module")
def prepared_file(tmp_path_factory) -> Path:
    """A session just prepared from the documented examples: no event at all."""
    path = tmp_path_factory.mktemp("prepared") / "seance.json"
    code = main([
        "prepare", "--roster", str(EXAMPLES / "membres.csv"), "--agenda", str(EXAMPLES / "ordre-du-jour.csv"), "--out", str(path),
        "--kind", "commune", "--name", "Commune de Villeneuve", "--population", "90", "--date", "2026-12-18", "--time", "18:30",
        "--place", "Salle du conseil",
    ])
    assert code == 0
    assert read_session_file(path).events == ()
    return path


@pytest.mark.parametrize("options", [["--json"], []], ids=["json", "texte"])
def test_replay_into_a_reader_that_stops_exits_quietly(big_file, options):
    """`seance-desk replay f.json | head -1`: no BrokenPipeError traceback, the shell's usual 141."""
    # A pipe of one page, made before the child starts: the text report (≈ 23 kB) no longer fits in
    # the default 64 kB buffer before the reader goes away, whatever the timing.
    read_end, write_end = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-m", "seance_desk", "replay", str(big_file), *options], stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    assert process.stderr is not None
    reader = os.fdopen(read_end, "rb")
    assert reader.read(10)
    reader.close()  # what `head` does once it has its line
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert err == b"", err.decode()


def test_the_pv_of_a_session_never_opened_is_written_and_says_so(prepared_file, tmp_path, capsys):
    out = tmp_path / "pv.pdf"
    assert main(["pv", str(prepared_file), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Procès-verbal écrit" in captured.out and "journal " in captured.out
    assert captured.err.startswith("Avertissement : la séance n'a pas été ouverte")
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "séance non ouverte" in text


def test_every_document_of_a_session_never_opened_is_written(prepared_file, tmp_path, capsys):
    out = tmp_path / "documents"
    assert main(["documents", str(prepared_file), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "3 documents PDF/A-2b écrits" in captured.out and "Traceback" not in captured.err
    assert sorted(p.name for p in out.iterdir()) == [
        "feuille-de-cloture-villeneuve-2026-12-18-18h30.pdf", "liste-des-deliberations-villeneuve-2026-12-18-18h30.pdf", "proces-verbal-villeneuve-2026-12-18-18h30.pdf",
    ]  # no temporary left behind


def test_signing_the_pv_of_an_empty_journal_is_refused_before_anything_is_written(prepared_file, tmp_path, capsys):
    out = tmp_path / "pv-signe.pdf"
    assert main(["pv", str(prepared_file), "--out", str(out), "--sign", str(tmp_path / "absent.p12")]) == 1
    assert "il n'y a pas de procès-verbal à signer" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_documents_are_all_or_nothing(prepared_file, tmp_path, monkeypatch, capsys):
    """A failure on the second PDF leaves no PDF at all (and no temporary), and a French message."""
    import seance_desk.documents.pdf.pdfa as pdfa

    real, calls = pdfa.render_pdfa, []

    def failing(document, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        return real(document, target)

    monkeypatch.setattr(pdfa, "render_pdfa", failing)
    out = tmp_path / "documents"
    assert main(["documents", str(prepared_file), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    # The window's words: the same service writes the documents for both.
    assert "seance-desk : Les documents n'ont pas pu être écrits" in err and "Aucun document n'a été écrit" in err
    assert list(out.iterdir()) == []
