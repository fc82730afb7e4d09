from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.documents.builders._common import voted_items
from seance_desk.documents.builders.cloture_builder import build_feuille_cloture
from seance_desk.documents.builders.deadlines import add_one_month, publication_deadlines
from seance_desk.documents.builders.document import Heading, KeyValues, Paragraph, SignatureBlock, Table
from seance_desk.documents.builders.extrait_builder import build_extraits
from seance_desk.documents.builders.liste_builder import build_liste
from seance_desk.documents.builders.pv_builder import build_pv, default_discussion
from seance_desk.models.engine import SessionEngine
from seance_desk.models.commands import Commands
from seance_desk.models.enums import BallotMode, BodyKind, ItemStatus, VoteChoice, VoteMethod
from seance_desk.models.state.session_state import SessionState
from tests.helpers import clock_for, make_assembly, make_setup

SESSION_DATE = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo():
    d = build_demo(33, 12, session_date=SESSION_DATE)
    state = SessionState.fold(d.assembly, d.setup, d.events)
    return d, state, build_pv(state)


def texts(blocks) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, (Heading, Paragraph)):
            out.append(b.text)
        elif isinstance(b, KeyValues):
            out += [f"{k} : {v}" for k, v in b.rows]
        elif isinstance(b, Table):
            out += [" | ".join(r) for r in (b.header, *b.rows)]
        elif isinstance(b, SignatureBlock):
            out += [f"{r} : {n}" for r, n in b.signers]
    return out


def paragraph_starting(blocks, prefix: str) -> str:
    return next(b.text for b in blocks if isinstance(b, Paragraph) and b.text.startswith(prefix))


def item_section(doc, number: int) -> list:
    blocks = list(doc.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith(f"Point n° {number} —"))
    end = next((i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading)
                and (blocks[i].text.startswith("Point n° ") or blocks[i].level == 1)), len(blocks))
    return blocks[start:end]


def names_listed(paragraph: str) -> list[str]:
    return [n.strip() for n in paragraph.split(" : ", 1)[1].split(", ")] if " : " in paragraph else []


def listed_members(paragraph: str) -> list[str]:
    """The entries of a list « <b>Présents (3)</b> : A (arrivée à …, pendant le point n° 2), B »,
    split on the commas outside parentheses."""
    body = paragraph.split(" : ", 1)[1]
    entries, depth, current = [], 0, ""
    for ch in body:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            entries.append(current.strip())
            current = ""
        else:
            current += ch
    return entries + [current.strip()] if current.strip() else entries


def item_by_number(state, number):
    return next(it for it in state.items.values() if it.item.number == number)


# --------------------------------------------------------------------------- présences
def test_roll_lists_match_the_journal(demo):
    d, state, pv = demo
    def name(m):
        return d.assembly.member(m).display_name

    present = [n.split(" (")[0] for n in listed_members(paragraph_starting(pv.blocks, "<b>Présents au cours de la séance ("))]
    assert sorted(present) == sorted(name(m) for m in state.roll.ever_present)
    represented = [b.text for b in pv.blocks if isinstance(b, Paragraph) and b.bullet and ", pouvoir à " in b.text]
    for proxy in state.roll.proxies.values():
        # Only a member never present is « représenté »: one who came or left is among the présents.
        listed = any(t.startswith(f"{name(proxy.grantor_id)}, pouvoir à {name(proxy.holder_id)}") for t in represented)
        assert listed == (proxy.grantor_id not in state.roll.ever_present)
    grantors = {p.grantor_id for p in state.roll.proxies.values()}
    excused = names_listed(paragraph_starting(pv.blocks, "<b>Excusés ("))
    assert excused == [name(m) for m in state.roll.excused if m not in grantors]
    absent = names_listed(paragraph_starting(pv.blocks, "<b>Absents ("))
    expected_absent = {m.id for m in d.assembly.titulaires} - state.roll.ever_present - grantors - state.roll.excused
    assert sorted(absent) == sorted(name(m) for m in expected_absent) and absent
    assert present.index("M. Michel GÉRARD") < present.index("M. David GUÉRIN")  # accents ignored when sorting


def test_arrivals_and_departures_with_items(demo):
    d, state, pv = demo
    all_text = "\n".join(texts(pv.blocks))
    for m in state.roll.movements:
        if m.at > state.opened_at and m.item_id:
            number = state.items[m.item_id].item.number
            verb = "arrive" if m.arrived else "quitte la séance"
            assert f"{d.assembly.member(m.member_id).display_name} {verb}" in all_text
            assert f"pendant le point n° {number}" in all_text
    assert "et donne pouvoir à" in all_text


def test_session_header_quorum_and_signatures(demo):
    d, state, pv = demo
    t = "\n".join(texts(pv.blocks))
    assert pv.kind == "procès-verbal" and pv.journal_head == d.events[-1].hash
    assert "Procès-verbal de la séance du conseil municipal du vendredi 20 novembre 2026" == pv.title
    assert "art. L2121-17 CGCT" in t and "ouverture de la séance" in t and "reprise de la séance" in t
    assert "Huis clos décidé" in t and "La séance est suspendue" in t
    sig = next(b for b in pv.blocks if isinstance(b, SignatureBlock))
    assert len(sig.signers) == 1 + len(state.secretary_ids)
    for n in range(1, 13):
        assert any(isinstance(b, Heading) and b.text.startswith(f"Point n° {n} —") for b in pv.blocks)


# --------------------------------------------------------------------------- votes
def test_public_ballot_lists_every_voter_with_choice(demo):
    d, state, pv = demo
    item = next(it for it in state.items.values() if it.vote and it.vote.mode.value is BallotMode.PUBLIC)
    section = item_section(pv, item.item.number)
    heads = {VoteChoice.FOR: "<b>Pour (", VoteChoice.AGAINST: "<b>Contre (", VoteChoice.ABSTAIN: "<b>Abstention ("}
    for ballot in item.vote.ballots.values():
        label = d.assembly.member(ballot.whose_id).display_name
        if ballot.by_proxy:
            label += f" (pouvoir à {d.assembly.member(ballot.voter_id).display_name})"
        assert label in names_listed(paragraph_starting(section, heads[ballot.choice]))


def test_secret_ballot_lists_no_voter(demo):
    d, state, pv = demo
    item = next(it for it in state.items.values() if it.vote and it.vote.mode.value is BallotMode.SECRET)
    section = "\n".join(texts(item_section(pv, item.item.number)))
    allowed = {item.item.rapporteur_id, *item.recusals, *(f.member_id for f in state.speakers.speakers_of(item.id))}
    allowed |= {m for r in item.requests for m in r.requester_ids}  # the request is public, not the vote
    for member in d.assembly.members:
        if member.id not in allowed:
            assert member.display_name not in section, member.display_name
    assert "<b>Pour (" not in section and "Scrutin secret" in section
    assert f"{item.vote.tally().pour}" in section


def test_tie_casting_vote_and_recusal(demo):
    d, state, pv = demo
    t = "\n".join(texts(pv.blocks))
    assert "la voix du président, qui a voté pour, est prépondérante" in t
    recused = item_by_number(state, 4)
    member = next(iter(recused.recusals))
    section = "\n".join(texts(item_section(pv, 4)))
    assert f"{d.assembly.member(member).display_name} ne prend pas part au vote" in section


def test_postponed_withdrawn_and_discussions(demo):
    d, state, pv = demo
    assert "Le point est reporté : Dossier incomplet" in "\n".join(texts(item_section(pv, 9)))
    assert "Le point est retiré de l'ordre du jour" in "\n".join(texts(item_section(pv, 10)))
    item2 = item_by_number(state, 2)
    prefill = default_discussion(state, item2.id)
    assert prefill.startswith("Sont intervenus : ") and all(
        d.assembly.member(f.member_id).display_name in prefill for f in state.speakers.speakers_of(item2.id))
    assert prefill in texts(item_section(pv, 2))
    edited = build_pv(state, {item2.id: "M. le maire répond <i>longuement</i>."})
    section = texts(item_section(edited, 2))
    assert "M. le maire répond <i>longuement</i>." in section and prefill not in section


# --------------------------------------------------------------------------- other documents
def test_liste_extraits_and_cloture(demo):
    d, state, _ = demo
    liste = build_liste(state)
    table = next(b for b in liste.blocks if isinstance(b, Table))
    assert len(table.rows) == 12 and liste.journal_head == d.events[-1].hash
    status = {row[0]: row[2] for row in table.rows}
    assert status["9"] == "Reporté" and status["10"] == "Retiré de l'ordre du jour" and status["1"] == "Adoptée"

    extraits = build_extraits(state)
    voted = [it for it in state.items.values() if it.status is ItemStatus.VOTED]
    assert len(extraits) == len(voted) == 10
    assert all(e.kind == "extrait du registre" and e.journal_head == d.events[-1].hash for e in extraits)
    public = next(it for it in voted if it.vote.mode.value is BallotMode.PUBLIC)
    secret = next(it for it in voted if it.vote.mode.value is BallotMode.SECRET)
    by_number = {it.item.number: e for it, e in zip(voted_items(state), extraits, strict=True)}
    assert any("<b>Pour (" in t for t in texts(by_number[public.item.number].blocks))
    assert not any("<b>Pour (" in t for t in texts(by_number[secret.item.number].blocks))
    t = "\n".join(texts(by_number[1].blocks))
    assert "En exercice : 33 — Présents : 28 — Représentés : 2 — Votants : 30" in t
    assert "Pour extrait certifié conforme" in t and "Fait et délibéré les jour, mois et an susdits." in t

    feuille = build_feuille_cloture(state)
    t = "\n".join(texts(feuille.blocks))
    assert "délibérations n° 1 à 8, 11 et 12" in t
    members = next(b for b in feuille.blocks if isinstance(b, Table) and b.header == ("Membre",))
    assert len(members.rows) == len(state.roll.ever_present)
    sig = next(b for b in feuille.blocks if isinstance(b, SignatureBlock))
    assert len(sig.signers) == 2


# --------------------------------------------------------------------------- a small hand-built session
def test_small_session_by_hand():
    assembly = make_assembly(BodyKind.COMMUNE, n=7, population=400)
    setup = make_setup()
    engine = SessionEngine(assembly, setup, clock=clock_for(SESSION_DATE))
    c = Commands(engine)
    engine.execute(c.excuse("m7"))
    engine.execute(c.give_proxy("m7", "m2"))
    engine.execute(c.excuse("m6"))
    for m in ("m1", "m2", "m3", "m4"):
        engine.execute(c.arrive(m))
    engine.execute(c.open_session())
    engine.execute(c.appoint_secretaries(["m3"]))
    engine.execute(c.open_item("i1"))
    engine.execute(c.request_ballot("i1", BallotMode.PUBLIC, ["m3"]))
    engine.execute(c.open_vote("i1", VoteMethod.ROLL_CALL))
    engine.execute(c.unanimity("i1", {"m4": VoteChoice.AGAINST, "m7": VoteChoice.ABSTAIN}))
    engine.execute(c.close_vote("i1"))
    engine.execute(c.open_item("i2"))
    engine.execute(c.arrive("m5"))
    engine.execute(c.postpone("i2", "Pièces manquantes"))
    engine.execute(c.withdraw("i3", "Sans objet"))
    engine.execute(c.close_session())
    events = engine.events
    folded = SessionState.fold(assembly, setup, events)
    pv = build_pv(folded)
    def name(m):
        return assembly.member(m).display_name

    # m5 came after the opening: the list is the sitting's, and says so.
    present = listed_members(paragraph_starting(pv.blocks, "<b>Présents au cours de la séance ("))
    assert [n.split(" (")[0] for n in present] == [name(m) for m in ("m1", "m2", "m3", "m4", "m5")]
    assert present[-1].startswith(f"{name('m5')} (arrivée à ") and "pendant le point n° 2" in present[-1]
    assert names_listed(paragraph_starting(pv.blocks, "<b>Excusés (")) == [name("m6")]
    assert paragraph_starting(pv.blocks, "<b>Absents (").endswith("néant")
    assert any(isinstance(b, Paragraph) and b.text == f"{name('m7')}, pouvoir à {name('m2')}" for b in pv.blocks)
    section = item_section(pv, 1)
    assert names_listed(paragraph_starting(section, "<b>Contre (")) == [name("m4")]
    assert names_listed(paragraph_starting(section, "<b>Abstention (")) == [f"{name('m7')} (pouvoir à {name('m2')})"]
    assert f"{name('m5')} arrive à" in "\n".join(texts(pv.blocks)) and "pendant le point n° 2" in "\n".join(texts(pv.blocks))
    feuille = build_feuille_cloture(folded)
    assert any("délibération n° 1." in t for t in texts(feuille.blocks))
    assert len(build_extraits(folded)) == 1
    assert all(doc.journal_head == events[-1].hash for doc in (pv, feuille, build_liste(folded)))


# --------------------------------------------------------------------------- deadlines
CLOSED = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)


def test_liste_deadline_boundary():
    d = build_demo(11, 3, session_date=SESSION_DATE, play=False)
    on_time = publication_deadlines(d.assembly, d.setup, CLOSED, None, date(2026, 11, 27))
    liste = on_time[0]
    assert liste.value.due == date(2026, 11, 27) and not liste.value.late and "art. L2121-25" in liste.article
    assert "dernier jour aujourd'hui" in liste.explanation
    late = publication_deadlines(d.assembly, d.setup, CLOSED, None, date(2026, 11, 30))[0]
    assert late.value.late and late.value.days_late == 3 and "en retard de 3 jours" in late.explanation
    pv = on_time[-1]
    assert pv.value.due is None and not pv.value.late


def test_pv_deadline_and_epci():
    d = build_demo(11, 3, session_date=SESSION_DATE, play=False)
    adopted = date(2026, 12, 18)
    pv = publication_deadlines(d.assembly, d.setup, CLOSED, adopted, date(2026, 12, 26))[-1]
    assert pv.value.due == date(2026, 12, 25) and pv.value.late and "en retard de 1 jour" in pv.explanation
    published = publication_deadlines(d.assembly, d.setup, CLOSED, adopted, date(2027, 1, 5), pv_published_on=date(2026, 12, 22))[-1]
    assert not published.value.late and "dans le délai" in published.explanation
    epci = build_demo(20, 3, kind=BodyKind.EPCI, session_date=date(2027, 1, 31), play=False)
    results = publication_deadlines(epci.assembly, epci.setup, None, None, date(2027, 2, 10))
    articles = [r.article for r in results]
    assert any("L5211-40-2" in a for a in articles)
    month = next(r for r in results if "L5211-40-2" in r.article)
    assert month.value.due == date(2027, 2, 28) == add_one_month(date(2027, 1, 31))


def test_the_compte_administratif_is_arrete_in_every_document_never_adopte(demo):
    # One wording (models/wording.py) for the PV, the extrait and the liste: the law says a compte
    # administratif is « arrêté » (L1612-12), and the three documents once each said « adopté ».
    from seance_desk.models.enums import ItemKind

    d, state, pv = demo
    (ca,) = [it for it in state.items.values() if it.item.kind is ItemKind.COMPTE_ADMINISTRATIF and it.status is ItemStatus.VOTED]
    adopted = ca.vote.result.value.adopted
    section = [line.replace("<b>", "").replace("</b>", "") for line in texts(item_section(pv, ca.item.number))]
    assert any(line.startswith("Compte arrêté par " if adopted else "Compte non arrêté par ") for line in section)
    extrait = next(doc for it, doc in zip(voted_items(state), build_extraits(state), strict=True) if it is ca)
    extrait_text = [line.replace("<b>", "").replace("</b>", "") for line in texts(extrait.blocks)]
    assert any(line.startswith("Arrêté —" if adopted else "Non arrêté —") for line in extrait_text)
    liste = texts(build_liste(state).blocks)
    (row,) = [line for line in liste if line.startswith(f"{ca.item.number} |")]
    assert ("Arrêté" if adopted else "Non arrêté") in row and "Adoptée" not in row
    for line in (*section, *extrait_text, row):
        assert not line.startswith(("Adopté", "Adoptée", "Rejeté")), line
