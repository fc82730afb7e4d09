"""Elections and désignations through the engine: candidacies, rounds, proclamation, undo, the
number of adjoints, désignations without a ballot, and the refusals each with its article."""

from __future__ import annotations

from seance_desk.models.candidacies import Candidacy
from seance_desk.models.enums import BallotMode, BodyKind, ItemKind, ItemStatus, VoteMethod
from seance_desk.models.rules.elections import BallotStyle

from ..helpers import assert_refused, refold, summarize
from .election_sessions import election_engine

EXEC, BUREAU, NOMINATION = ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU, ItemKind.NOMINATION


def solo(*ids: str) -> list[Candidacy]:
    return [Candidacy((i,)) for i in ids]


def opened_maire_election(**kwargs):
    engine, c = election_engine(EXEC, **kwargs)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    return engine, c


# ---------------------------------------------------------------------- the maire, LAW §10.1 example
def test_round_one_a_seven_b_six_one_blank_one_spoiled_elects_a():
    engine, c = opened_maire_election(present=14)
    engine.execute(c.give_proxy("m15", "m2"))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=1, votes={"m5": 7, "m6": 6}))
    view = engine.state.election("i1")
    assert view.rounds[0].exprimes == 13 and view.rounds[0].needed.value == 7
    assert view.awaiting == ("m5",) and "Proclamer" in view.next_step
    engine.execute(c.proclaim("i1"))
    view = engine.state.election("i1")
    assert view.finished and [p.member_id for p in view.proclaimed] == ["m5"]
    assert engine.state.items["i1"].status is ItemStatus.VOTED
    assert summarize(refold(engine)) == summarize(engine.state)


def test_ties_in_rounds_one_and_two_then_the_oldest_in_round_three():
    engine, c = opened_maire_election(present=14)
    engine.execute(c.give_proxy("m15", "m2"))
    for number in (1, 2):
        engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
        view = engine.state.election("i1")
        assert view.rounds[-1].needed.value == 8 and view.awaiting == () and view.next_round == number + 1
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    view = engine.state.election("i1")
    assert view.rounds[-1].needed.value is None and view.awaiting == ("m5",)  # m5 born 1944, m6 1945
    engine.execute(c.proclaim("i1"))
    assert engine.state.election("i1").proclaimed[0].by_age


def test_a_fourth_round_is_refused():
    engine, c = opened_maire_election()
    for _ in range(3):
        engine.execute(c.count_round("i1", votants=15, blancs=15, nuls=0, votes={}))
    assert engine.state.election("i1").next_round is None
    assert_refused(engine, c.count_round("i1", votants=15, blancs=15, nuls=0, votes={}), "quatrième tour", article="L2122-7")


def test_the_count_must_add_up():
    engine, c = opened_maire_election()
    assert_refused(engine, c.count_round("i1", votants=15, blancs=1, nuls=1, exprimes=12, votes={"m5": 7, "m6": 5}),
                   "15 enveloppes", article="L65")
    assert_refused(engine, c.count_round("i1", votants=15, blancs=1, nuls=1, votes={"m5": 7, "m6": 5}),
                   "ne font pas les 13 suffrages exprimés")
    assert_refused(engine, c.count_round("i1", votants=16, blancs=1, nuls=2, votes={"m5": 7, "m6": 6}),
                   "16 votants pour 15", article="L2121-20")
    assert_refused(engine, c.count_round("i1", votants=15, blancs=2, nuls=0, votes={"m5": 7, "m7": 6}), "n'est pas candidat")
    assert_refused(engine, c.count_round("i1", votants=15, blancs=2, nuls=0, votes={"m5": 7, "m6": 6}, round_number=2), "tour n° 1")


def test_pour_contre_is_refused_on_an_election_and_public_requests_never_lift_the_secret_ballot():
    engine, c = opened_maire_election()
    assert_refused(engine, c.open_vote("i1", VoteMethod.BALLOT_PAPER), "est une élection", article="L2122-7")


def test_the_doyen_presides_the_election_of_the_maire():
    engine, c = election_engine(EXEC, chair="m4")
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    view = engine.state.election("i1")
    assert view.doyen_id == "m1" and "doyen" in view.next_step
    assert_refused(engine, c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}), "doyen d'âge", article="L2122-8")
    engine.execute(c.designate_doyen("i1"))
    assert engine.state.items["i1"].chair_id == "m1"
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))


def test_the_doyen_unknown_without_birth_dates_must_be_designated():
    engine, c = election_engine(EXEC, chair="m4", undated=("m9",))
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    assert_refused(engine, lambda: c.designate_doyen("i1"), "dates de naissance manquantes", "NOM9", article="L2122-8")
    assert_refused(engine, c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}), "désignez le doyen")
    engine.execute([("item.chair_designated", {"item_id": "i1", "member_id": "m2"})])
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))


def test_a_council_that_lost_a_third_of_its_members_cannot_elect_its_maire():
    engine, c = election_engine(EXEC, vacant=("m11", "m12", "m13", "m14", "m15"), population=1200)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    assert "tiers" in engine.state.election("i1").next_step
    assert_refused(engine, c.count_round("i1", votants=10, blancs=0, nuls=0, votes={"m5": 6, "m6": 4}), "perdu 5 de ses 15", article="L2122-8")


def test_a_council_that_lost_less_than_a_third_elects_its_maire():
    engine, c = election_engine(EXEC, vacant=("m14", "m15"), population=1200)
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    engine.execute(c.count_round("i1", votants=13, blancs=0, nuls=0, votes={"m5": 7, "m6": 6}))


def test_candidates_must_be_members_and_the_maire_is_one_seat():
    engine, c = election_engine(EXEC)
    assert_refused(engine, c.declare_candidates("i1", solo("x99")), "n'est pas membre du conseil", article="L2122-7")
    assert_refused(engine, c.declare_candidates("i1", solo("m5"), seats=2), "un seul siège")
    assert_refused(engine, c.declare_candidates("i1", [Candidacy(("m5", "m6"), "Liste")]), "pas de liste")


# ---------------------------------------------------------------------- undo
def test_undoing_a_proclamation_and_a_round_restores_the_election():
    engine, c = opened_maire_election()
    round_events, _ = engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))
    proclaimed, _ = engine.execute(c.proclaim("i1"))
    engine.execute(c.undo_action([e.seq for e in proclaimed]))
    view = engine.state.election("i1")
    assert not view.finished and view.awaiting == ("m5",) and engine.state.items["i1"].status is ItemStatus.OPEN
    engine.execute(c.undo_action([e.seq for e in round_events]))
    view = engine.state.election("i1")
    assert view.rounds == () and view.next_round == 1
    assert summarize(refold(engine)) == summarize(engine.state)


def test_undoing_a_round_under_a_proclamation_is_refused():
    engine, c = opened_maire_election()
    round_events, _ = engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))
    engine.execute(c.proclaim("i1"))
    assert_refused(engine, c.undo_action([e.seq for e in round_events]), "dépendent")


def test_a_proclamation_must_name_whom_the_round_elected():
    engine, c = opened_maire_election()
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))
    assert_refused(engine, [("election.proclaimed", {"item_id": "i1", "member_ids": ["m6"]})], "désigne M. Prénom5 NOM5")


# ---------------------------------------------------------------------- adjoints
def adjoints_session(**kwargs):
    engine, c = election_engine(ItemKind.ORDINARY, BUREAU, **kwargs)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    return engine, c


def test_the_number_of_adjoints_is_fixed_by_a_deliberation_and_capped_at_thirty_percent():
    engine, c = adjoints_session()
    assert_refused(engine, c.fix_number_of_seats("i1", "i2", 5), "Au plus 4 adjoints", article="L2122-2")
    engine.execute(c.fix_number_of_seats("i1", "i2", 4))
    assert engine.state.election("i2").seats == 4


def test_a_small_commune_reputed_complete_with_13_members_has_3_adjoints():
    engine, c = adjoints_session(n=13, population=800)
    assert_refused(engine, c.fix_number_of_seats("i1", "i2", 4), "Au plus 3 adjoints")
    engine.execute(c.fix_number_of_seats("i1", "i2", 3))


def test_adjoints_lists_alternate_sexes_and_the_list_elected_gives_the_ranks():
    engine, c = adjoints_session()
    engine.execute(c.fix_number_of_seats("i1", "i2", 4))
    engine.execute(c.open_item("i2"))
    assert_refused(engine, c.declare_candidates("i2", solo("m3", "m4")), "scrutin de liste", article="L2122-7-2")
    ffmm = Candidacy(("m2", "m4", "m3", "m5"), "Liste A")
    assert_refused(engine, c.declare_candidates("i2", [ffmm]), "alterne", article="L2122-7-2")
    list_a = Candidacy(("m2", "m3", "m4", "m5"), "Liste A")
    list_b = Candidacy(("m7", "m6", "m9", "m8"), "Liste B")
    engine.execute(c.declare_candidates("i2", [list_a, list_b]))
    assert engine.state.election("i2").style is BallotStyle.LIST
    engine.execute(c.count_round("i2", votants=15, blancs=1, nuls=0, votes={"Liste A": 7, "Liste B": 7}))
    engine.execute(c.count_round("i2", votants=15, blancs=1, nuls=0, votes={"Liste A": 7, "Liste B": 7}))
    engine.execute(c.count_round("i2", votants=15, blancs=1, nuls=0, votes={"Liste A": 7, "Liste B": 7}))
    # Liste A born 1941/42/43/44, Liste B 1946/45/48/47: A is older on average
    engine.execute(c.proclaim("i2"))
    view = engine.state.election("i2")
    assert [(p.rank, p.member_id) for p in view.proclaimed] == [(1, "m2"), (2, "m3"), (3, "m4"), (4, "m5")]
    assert view.proclaimed[0].list_label == "Liste A" and view.finished


def test_the_number_over_the_cap_is_refused_in_a_declaration_too():
    engine, c = election_engine(BUREAU)
    assert_refused(engine, c.declare_candidates("i1", [Candidacy(("m2", "m3"), "L")], seats=5), "Au plus 4 adjoints")


# ---------------------------------------------------------------------- EPCI vice-présidents
def test_epci_vice_presidents_one_by_one_each_seat_starts_at_round_one():
    engine, c = election_engine(ItemKind.ORDINARY, BUREAU, n=16, kind=BodyKind.EPCI, name="Communauté de communes")
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.SHOW_OF_HANDS))
    engine.execute(c.unanimity("i1"))
    engine.execute(c.close_vote("i1"))
    assert_refused(engine, c.fix_number_of_seats("i1", "i2", 5), "Au plus 4 vice-présidents", article="L5211-10")
    engine.execute(c.fix_number_of_seats("i1", "i2", 2))
    engine.execute(c.open_item("i2"))
    assert_refused(engine, c.declare_candidates("i2", [Candidacy(("m2", "m3"), "L")]), "un par un")
    engine.execute(c.declare_candidates("i2", solo("m2", "m3")))
    assert engine.state.election("i2").style is BallotStyle.SUCCESSIVE
    engine.execute(c.count_round("i2", votants=16, blancs=0, nuls=0, votes={"m2": 9, "m3": 7}))
    engine.execute(c.proclaim("i2"))
    view = engine.state.election("i2")
    assert view.next_round == 1 and view.candidacies == () and not view.finished
    engine.execute(c.declare_candidates("i2", solo("m3", "m4")))
    engine.execute(c.count_round("i2", votants=16, blancs=0, nuls=0, votes={"m3": 8, "m4": 8}))
    engine.execute(c.count_round("i2", votants=16, blancs=0, nuls=0, votes={"m3": 8, "m4": 8}))
    engine.execute(c.count_round("i2", votants=16, blancs=0, nuls=0, votes={"m3": 8, "m4": 8}))
    engine.execute(c.proclaim("i2"))
    view = engine.state.election("i2")
    assert [(p.rank, p.member_id) for p in view.proclaimed] == [(1, "m2"), (2, "m3")] and view.finished


# ---------------------------------------------------------------------- départements
def test_departement_president_needs_the_majority_of_the_members():
    engine, c = election_engine(EXEC, n=34, kind=BodyKind.DEPARTEMENT, name="Département")
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    engine.execute(c.count_round("i1", votants=34, blancs=10, nuls=0, votes={"m5": 17, "m6": 7}))
    view = engine.state.election("i1")
    assert view.rounds[0].needed.value == 18 and view.awaiting == ()


# ---------------------------------------------------------------------- désignations
def test_a_single_candidate_per_seat_is_designated_without_a_ballot():
    engine, c = election_engine(NOMINATION, seats={1: 2})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m3", "m4")))
    assert engine.state.election("i1").may_designate_without_ballot
    engine.execute(c.proclaim("i1", without_ballot=True))
    view = engine.state.election("i1")
    assert view.finished and [p.member_id for p in view.proclaimed] == ["m3", "m4"]
    assert all(p.round_number is None for p in view.proclaimed)


def test_more_candidates_than_seats_go_to_the_vote_and_the_maire_never_without_a_ballot():
    engine, c = election_engine(NOMINATION, EXEC, seats={1: 1})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m3", "m4")))
    assert_refused(engine, lambda: c.proclaim("i1", without_ballot=True), "il est procédé au vote", article="L2121-21")
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m3": 9, "m4": 6}))
    engine.execute(c.proclaim("i1"))
    engine.execute(c.open_item("i2"))
    engine.execute(c.declare_candidates("i2", solo("m5")))
    assert_refused(engine, lambda: c.proclaim("i2", without_ballot=True), "scrutin secret par disposition législative")


def test_a_request_for_a_public_ballot_never_lifts_the_secret_ballot_of_a_nomination():
    engine, c = election_engine(NOMINATION, n=34, kind=BodyKind.DEPARTEMENT, seats={1: 1}, name="Département")
    engine.execute(c.open_item("i1"))
    sixth = [f"m{i}" for i in range(1, 8)]
    assert_refused(engine, c.request_ballot("i1", BallotMode.PUBLIC, sixth), "ne lève pas le scrutin secret", article="L3121-15")
    assert engine.state.election("i1").mode.value is BallotMode.SECRET
    engine.execute(c.waive_secret_ballot("i1"))
    assert engine.state.election("i1").mode.value is BallotMode.PUBLIC


def test_plurinominal_designation_votes_may_exceed_exprimes_per_ballot_but_not_per_candidate():
    engine, c = election_engine(NOMINATION, seats={1: 2})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m3", "m4", "m5")))
    assert_refused(engine, c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m3": 16, "m4": 7, "m5": 3}), "dépassent")
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m3": 12, "m4": 10, "m5": 6}))
    engine.execute(c.proclaim("i1"))
    assert [p.member_id for p in engine.state.election("i1").proclaimed] == ["m3", "m4"]


def test_a_setup_without_elections_keeps_the_old_vote_on_election_items():
    from ..helpers import engine_with, make_agenda

    engine, c = engine_with(agenda=make_agenda(EXEC), present=15, open_session=True)
    engine.execute(c.open_item("i1"))
    engine.execute(c.open_vote("i1", VoteMethod.BALLOT_PAPER))
    engine.execute(c.counts("i1", pour=8, contre=7))
    engine.execute(c.close_vote("i1"))
    assert engine.state.election("i1") is None and engine.state.items["i1"].vote.result.value.adopted


def test_the_window_checks_say_what_the_engine_says():
    from seance_desk.models.state import checks

    engine, c = opened_maire_election()
    state = engine.state
    refusal = checks.round_refusal(state, item_id="i1", round_number=1, votants=15, blancs=0, nuls=0, exprimes=15, votes={"m5": 8, "m6": 6})
    assert refusal is not None and "ne font pas les 15 suffrages exprimés" in refusal.message
    assert checks.round_refusal(state, item_id="i1", round_number=1, votants=15, blancs=0, nuls=0, exprimes=15, votes={"m5": 8, "m6": 7}) is None
    assert "aucun tour" in checks.proclamation_refusal(state, item_id="i1").message
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 8, "m6": 7}))
    assert checks.proclamation_refusal(engine.state, item_id="i1") is None
    assert checks.doyen_refusal(engine.state, item_id="i1") is None
    assert checks.candidates_refusal(engine.state, item_id="i1", candidacies=solo("m5")).message.endswith("proclamez d'abord le résultat")


def test_a_commission_is_shared_proportionally_among_the_groups():
    from dataclasses import replace

    from seance_desk.models.commands import Commands
    from seance_desk.models.engine import SessionEngine

    from ..helpers import clock_for, make_setup
    from .election_sessions import ON, council, election_agenda

    base = council(27)
    groups = ["Majorité"] * 21 + ["Opposition A"] * 4 + ["Opposition B"] * 2
    assembly = replace(base, members=tuple(replace(m, group=g) for m, g in zip(base.members, groups, strict=True)), population=4000)
    engine = SessionEngine(assembly, make_setup(ON, agenda=election_agenda(NOMINATION, seats={1: 8})), clock=clock_for(ON))
    c = Commands(engine)
    engine.execute(c.arrive("m1"))
    view = engine.state.election("i1")
    assert view.proportional.value == {"Majorité": 6, "Opposition A": 1, "Opposition B": 1}
    assert view.proportional.article == "art. L2121-22 CGCT"
    small = replace(assembly, population=800)
    engine = SessionEngine(small, make_setup(ON, agenda=election_agenda(NOMINATION, seats={1: 8})), clock=clock_for(ON))
    assert engine.state.election("i1").proportional is None


def test_the_journal_view_describes_the_election_events():
    from seance_desk.models.journal_lines import JournalDescriber

    engine, c = opened_maire_election()
    engine.execute(c.name_assessors("i1", ["m13", "m14"]))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 8, "m6": 6}))
    engine.execute(c.proclaim("i1"))
    describer = JournalDescriber(engine.state.name, engine.setup.agenda)
    lines = {line.label: line.text for line in map(describer.line, engine.events)}
    assert lines["déclaration des candidatures"].endswith("M. Prénom5 NOM5 ; Mme Prénom6 NOM6")
    assert "tour n° 1 : 15 votants, 1 blanc, 0 nul, 14 exprimés ; M. Prénom5 NOM5 8, Mme Prénom6 NOM6 6" in lines["résultat d'un tour de scrutin"]
    assert lines["proclamation des élus"].endswith("M. Prénom5 NOM5")
    assert lines["désignation des assesseurs"].endswith("M. Prénom13 NOM13, Mme Prénom14 NOM14")


def test_a_tie_in_round_three_needs_the_candidates_birth_dates():
    engine, c = opened_maire_election(undated=("m6",))
    engine.execute([("item.chair_designated", {"item_id": "i1", "member_id": "m1"})])  # the doyen, named by the clerk
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}))
    assert_refused(engine, c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 7, "m6": 7}), "date de naissance de Mme Prénom6 NOM6", article="L2122-7")
    engine.execute(c.count_round("i1", votants=15, blancs=1, nuls=0, votes={"m5": 8, "m6": 6}))


def test_the_maire_elected_is_proposed_to_chair_the_election_of_the_adjoints():
    engine, c = election_engine(EXEC, BUREAU, seats={2: 2})
    engine.execute(c.open_item("i1"))
    engine.execute(c.declare_candidates("i1", solo("m5", "m6")))
    engine.execute(c.count_round("i1", votants=15, blancs=0, nuls=0, votes={"m5": 9, "m6": 6}))
    engine.execute(c.proclaim("i1"))
    assert "M. Prénom5 NOM5, élu lors de cette séance, préside désormais" in engine.state.election("i2").next_step
    engine.execute([("item.chair_designated", {"item_id": "i2", "member_id": "m5"})])
    assert engine.state.election("i2").next_step == "Déclarer les candidatures."
