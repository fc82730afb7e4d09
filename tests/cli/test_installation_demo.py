"""`seance-desk demo --installation` (issue 10): the installation session of a commune, whose
documents include the procès-verbal of the election of the maire and the adjoints."""

from __future__ import annotations

from fractions import Fraction

from pypdf import PdfReader

from seance_desk.cli import main
from seance_desk.files.session_file import read_session_file
from seance_desk.models.enums import ItemStatus
from seance_desk.models.french import french_date
from seance_desk.models.rules.convocation import latest_send_date
from seance_desk.models.rules.commission_seats import decimal_text
from seance_desk.models.state.session_state import SessionState
from seance_desk.tools import demo_installation as demo


def pdf_text(path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_installation_demo_writes_a_session_whose_documents_relate_the_elections(tmp_path, capsys):
    path = tmp_path / "installation.json"
    assert main(["demo", "--installation", "--out", str(path), "--date", "2026-03-27"]) == 0
    assert "Séance d'installation écrite" in capsys.readouterr().out
    assert main(["verify", str(path)]) == 0
    loaded = read_session_file(path)
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert len(state.assembly.members) == 23 and state.assembly.population >= 1000
    assert all(m.birth_date is not None and m.civility in ("M.", "Mme") for m in state.assembly.members)
    maire = state.election("i1")
    assert [r.number for r in maire.rounds] == [1, 2, 3] and maire.rounds[2].needed.value is None
    assert [p.member_id for p in maire.proclaimed] == [demo.MAIRE]
    assert state.items["i1"].chair_id == demo.DOYEN  # the doyen presided
    assert state.election("i3").seats == 6 and maire.cap is None
    adjoints = state.election("i3")
    assert [p.member_id for p in adjoints.proclaimed] == list(demo.MAJORITY_LIST.member_ids)
    assert all(item.status is ItemStatus.VOTED for item in state.items.values())
    # The commission des finances (L2121-22): one round, the seats shared au plus fort reste among
    # the two lists, each list's first names designated.
    commission = state.election("i4")
    assert commission.by_lists and len(commission.rounds) == 1 and commission.tendency_warning is None
    allocation = commission.rounds[0].allocation.value
    votants, blancs, nuls, list_votes = demo.COMMISSION_ROUND
    assert allocation.quotient == Fraction(votants - blancs - nuls, demo.COMMISSION_SEATS)
    assert any(share.by_remainder for share in allocation.shares)  # the demo shows a seat at the remainder
    lists = (demo.COMMISSION_MAJORITY, demo.COMMISSION_OPPOSITION)
    assert [p.member_id for p in commission.proclaimed] == [m for c in lists for m in c.member_ids[: allocation.seats_of(c.label)]]

    out = tmp_path / "documents"
    capsys.readouterr()
    assert main(["documents", str(path), "--out", str(out)]) == 0
    election_pv = next(out.glob("proces-verbal-election-*.pdf"))
    text = pdf_text(election_pv)
    assert "M. Bernard ROUSSEAU, doyen d'âge des membres présents, a pris la présidence" in text
    assert "M. Jean-Pierre MARTIN a été proclamé maire et immédiatement installé" in text
    assert "Troisième tour de scrutin" in text and "onze voix" in text
    # The first meeting after the renewal: three jours francs (L2121-7), and the council is installed.
    assert loaded.setup.first_after_renewal
    latest = latest_send_date(loaded.setup.date, loaded.assembly.kind, loaded.assembly.population, first_after_renewal=True).value
    session_pv = pdf_text(next(out.glob("proces-verbal-saint-aubin-*.pdf")))
    assert f"(au plus tard le {french_date(latest)}) — art. L2121-7 CGCT" in session_pv
    assert "installés dans leurs fonctions" in text
    assert "commission des finances" in session_pv and f"{allocation.exprimes} ÷ {demo.COMMISSION_SEATS} = {decimal_text(allocation.quotient)}" in session_pv
    for designated in commission.proclaimed:
        assert state.name(designated.member_id) in session_pv


def test_the_installation_demo_may_stop_before_a_stage_and_refuses_an_unknown_one(tmp_path, capsys):
    path = tmp_path / "tour3.json"
    assert main(["demo", "--installation", "--jusqu-a", "tour_3", "--out", str(path), "--date", "2026-03-27"]) == 0
    loaded = read_session_file(path)
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert state.election("i1").next_round == 3
    path = tmp_path / "commission.json"
    assert main(["demo", "--installation", "--jusqu-a", "designation_commission", "--out", str(path), "--date", "2026-03-27"]) == 0
    loaded = read_session_file(path)
    state = SessionState.fold(loaded.assembly, loaded.setup, loaded.events)
    assert len(state.election("i4").rounds) == 1 and state.election("i4").awaiting and not state.election("i4").proclaimed
    assert main(["demo", "--installation", "--jusqu-a", "tour_9", "--out", str(tmp_path / "x.json")]) != 0
    assert "Étape inconnue « tour_9 »" in capsys.readouterr().err
    assert main(["demo", "--jusqu-a", "tour_3", "--out", str(tmp_path / "y.json")]) != 0
