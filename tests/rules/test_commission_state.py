"""A commission designated by lists at the proportional representation (art. L2121-22 CGCT) through
the engine: the mode and where it is refused, the lists, the single round and its allocation, the
members designated list by list, the désignations without a ballot (a single list; lists filling the
seats with the council's agreement, L2121-21), the tendency left without a seat, the replay."""

from __future__ import annotations

from dataclasses import replace

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.commands import Commands
from seance_desk.models.engine import SessionEngine
from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, ItemStatus
from seance_desk.models.rules.elections import BallotStyle
from seance_desk.models.session_setup import AgendaItem

from ..helpers import assert_refused, clock_for, make_setup, refold, summarize
from .election_sessions import ON, council

NOMINATION = ItemKind.NOMINATION


def grouped_engine(groups: list[str], seats: int, *, population: int = 4000, kind: BodyKind = BodyKind.COMMUNE, proportional: bool = False):
    base = council(len(groups), kind, population)
    assembly = replace(base, members=tuple(replace(m, group=g) for m, g in zip(base.members, groups, strict=True)))
    agenda = (AgendaItem("i1", 1, "Commission des finances", kind=NOMINATION, seats=seats, proportional=proportional),)
    engine = SessionEngine(assembly, make_setup(ON, agenda=agenda), clock=clock_for(ON))
    c = Commands(engine)
    for member in assembly.members:
        engine.execute(c.arrive(member.id))
    engine.execute(c.open_session())
    return engine, c


def law_example(**kwargs):
    """27 members, 21 / 4 / 2 (LAW.md §10.2), a commission of 8."""
    return grouped_engine(["Majorité"] * 21 + ["Opposition A"] * 4 + ["Opposition B"] * 2, 8, **kwargs)


def lists(**named: list[str]) -> list[Candidacy]:
    return [Candidacy(tuple(ids), label) for label, ids in named.items()]


LAW_LISTS = {"Majorité": [f"m{i}" for i in range(1, 9)], "Opposition A": ["m22", "m23", "m24"], "Opposition B": ["m26", "m27"]}


def test_law_example_one_round_gives_6_1_1_and_designates_list_by_list():
    engine, c = law_example()
    engine.execute(c.choose_proportional("i1"))
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(**LAW_LISTS)))
    view = engine.state.election("i1")
    assert view.style is BallotStyle.PROPORTIONAL and view.by_lists and not view.may_designate_without_ballot
    engine.execute(c.count_round("i1", votants=27, blancs=0, nuls=0, votes={"Majorité": 21, "Opposition A": 4, "Opposition B": 2}))
    view = engine.state.election("i1")
    record = view.rounds[0]
    assert record.needed.value is None and record.allocation is not None
    assert {s.key: s.seats for s in record.allocation.value.shares} == {"Majorité": 6, "Opposition A": 1, "Opposition B": 1}
    assert view.awaiting == ("m1", "m2", "m3", "m4", "m5", "m6", "m22", "m26")
    assert view.tendency_warning is None
    engine.execute(c.proclaim("i1"))
    view = engine.state.election("i1")
    assert view.finished and engine.state.items["i1"].status is ItemStatus.VOTED
    assert [(p.member_id, p.list_label) for p in view.proclaimed][-2:] == [("m22", "Opposition A"), ("m26", "Opposition B")]
    assert all(p.round_number == 1 for p in view.proclaimed)
    assert summarize(refold(engine)) == summarize(engine.state)


def test_the_mode_is_refused_under_1000_inhabitants_in_a_departement_and_for_an_election():
    engine, c = law_example(population=800)
    assert_refused(engine, lambda: c.choose_proportional("i1"), "1\u202f000 habitants", article="L2121-22")
    engine, c = grouped_engine(["A"] * 34, 8, kind=BodyKind.DEPARTEMENT)
    assert_refused(engine, lambda: c.choose_proportional("i1"), "conseils municipaux et les EPCI", article="L2121-22")
    engine, c = grouped_engine(["A"] * 20, 5, kind=BodyKind.EPCI, population=0)
    engine.execute(c.choose_proportional("i1"))
    assert engine.state.election("i1").by_lists


def test_in_this_mode_candidacies_are_lists_and_the_mode_is_fixed_once_a_round_is_counted():
    engine, c = law_example(proportional=True)  # set by the prepared session
    engine.execute(c.open_item("i1"))
    assert_refused(engine, lambda: c.declare_candidates("i1", [Candidacy(("m1",)), Candidacy(("m22",))]), "les candidatures sont des listes", article="L2121-22")
    assert_refused(engine, lambda: c.declare_candidates("i1", lists(Trop=[f"m{i}" for i in range(1, 10)])), "9 candidats pour 8 sièges")
    engine.execute(c.declare_candidates("i1", lists(**LAW_LISTS)))
    engine.execute(c.count_round("i1", votants=27, blancs=1, nuls=0, votes={"Majorité": 21, "Opposition A": 4, "Opposition B": 1}))
    assert_refused(engine, lambda: c.choose_proportional("i1", False), "a commencé", article="L2121-22")
    assert_refused(engine, lambda: c.count_round("i1", votants=27, blancs=0, nuls=0, votes={"Majorité": 27}), "proclamez-le d'abord")


def test_the_round_is_secret_unless_the_council_unanimously_waives_it():
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    assert engine.state.election("i1").mode.value is BallotMode.SECRET
    engine.execute(c.waive_secret_ballot("i1"))
    assert engine.state.election("i1").mode.value is BallotMode.PUBLIC


def test_a_single_list_is_designated_without_a_ballot_in_its_order():
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(Union=["m3", "m1", "m22", "m26"])))
    view = engine.state.election("i1")
    assert view.may_designate_without_ballot and not view.may_agree_lists
    engine.execute(c.proclaim("i1", without_ballot=True))
    view = engine.state.election("i1")
    assert [p.member_id for p in view.proclaimed] == ["m3", "m1", "m22", "m26"] and view.finished  # 4 seats of 8 stay vacant
    assert all(p.round_number is None and p.list_label == "Union" for p in view.proclaimed)


def test_lists_filling_the_seats_exactly_need_the_councils_agreement_to_skip_the_ballot():
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(Majorité=["m1", "m2", "m3", "m4", "m5", "m6"], A=["m22"], B=["m26"])))
    view = engine.state.election("i1")
    assert view.may_agree_lists and not view.may_designate_without_ballot
    assert "avec l'accord du conseil" in view.next_step
    assert_refused(engine, lambda: c.proclaim("i1", without_ballot=True), "demande l'accord du conseil", article="L2121-21")
    engine.execute(c.designate_lists_without_ballot("i1"))
    view = engine.state.election("i1")
    assert [p.member_id for p in view.proclaimed] == ["m1", "m2", "m3", "m4", "m5", "m6", "m22", "m26"] and view.finished
    assert [e.type for e in engine.events[-2:]] == ["election.lists_agreed", "election.proclaimed"]
    assert summarize(refold(engine)) == summarize(engine.state)


def test_lists_with_more_names_than_seats_go_to_the_vote():
    engine, c = law_example(proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(**LAW_LISTS)))
    assert_refused(engine, lambda: c.designate_lists_without_ballot("i1"), "13 candidats pour 8 sièges", article="L2121-21")
    assert_refused(engine, lambda: c.proclaim("i1", without_ballot=True), "il est procédé au vote")


def test_a_tendency_left_without_a_seat_the_seats_allowing_one_each_is_warned_of():
    # 15 members: X 10, Y 3, Z 2; 3 seats; votes 12 / 2 / 1 → quotient 5: X 2 (reste 2), Y 0 (reste 2), Z 0 (reste 1);
    # the last seat, X and Y tied on the remainder, goes to X (more votes): Y and Z have none.
    engine, c = grouped_engine(["X"] * 10 + ["Y"] * 3 + ["Z"] * 2, 3, proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(X=["m1", "m2", "m3"], Y=["m11"], Z=["m14"])))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"X": 12, "Y": 2, "Z": 1}))
    view = engine.state.election("i1")
    assert view.awaiting == ("m1", "m2", "m3")
    warning = view.tendency_warning
    assert warning is not None and warning.value == "« Y », « Z »" and warning.article == "art. L2121-22 CGCT"
    assert "chaque tendance doit disposer d'au moins un siège" in warning.explanation and "source secondaire" in warning.explanation


def test_no_warning_when_the_seats_cannot_give_one_to_each_tendency():
    engine, c = grouped_engine(["X"] * 10 + ["Y"] * 3 + ["Z"] * 2, 2, proportional=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(X=["m1", "m2"], Y=["m11"], Z=["m14"])))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"X": 12, "Y": 2, "Z": 1}))
    assert engine.state.election("i1").tendency_warning is None


def test_the_journal_describes_the_new_events():
    from seance_desk.models.journal_lines import JournalDescriber

    engine, c = law_example()
    engine.execute(c.choose_proportional("i1"))
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", lists(Majorité=["m1", "m2", "m3", "m4", "m5", "m6"], A=["m22"], B=["m26"])))
    engine.execute(c.designate_lists_without_ballot("i1"))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    lines = {line.label: line.text for line in map(describer.line, engine.events)}
    assert lines["choix de la représentation proportionnelle (commission)"].endswith("représentation proportionnelle au plus fort reste")
    assert "autant de candidats que de sièges" in lines["accord du conseil sur les listes (désignation sans scrutin)"]
