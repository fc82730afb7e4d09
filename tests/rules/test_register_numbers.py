"""Register numbers (issue 9 § 2): the pattern and its @ctes form (rules/numbering.py), and the
numbering of a session's voted délibérations at the levée (state/register.py)."""

from __future__ import annotations

import pytest

from seance_desk.models.assembly import Reglement
from seance_desk.models.parsing import SetupError
from seance_desk.models.rules.numbering import DEFAULT_PATTERN, ctes_number, ctes_problem, pattern_problem, register_number
from seance_desk.models.state import checks
from seance_desk.models.enums import VoteChoice, VoteMethod
from tests.helpers import assert_refused, engine_with
from tests.rules.test_checks import allowed, refused_alike


# ---------------------------------------------------------------- the pattern
def test_the_default_pattern_gives_2026_045_and_its_ctes_form():
    assert DEFAULT_PATTERN == "{annee}-{numero:03d}"
    assert register_number(DEFAULT_PATTERN, 2026, 45) == "2026-045"
    assert ctes_number("2026-045") == "2026_045"
    assert register_number(DEFAULT_PATTERN, 2026, 1000) == "2026-1000"


def test_the_ctes_form_uppercases_and_replaces_what_s2low_refuses():
    assert ctes_number("délib 2026/7") == "D_LIB_2026_7"
    assert ctes_problem("DEL2026_045") is None


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("2026-045-", "doit commencer et finir par une lettre ou un chiffre"),
        ("-2026", "doit commencer et finir"),
        ("A" * 16, "16 caractères, 15 au plus"),
    ],
)
def test_numbers_s2low_would_refuse(number, fragment):
    assert fragment in ctes_problem(number)


def test_fifteen_characters_is_the_limit():
    assert ctes_problem("A" * 15) is None


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("{annee}", "il doit contenir {numero}"),
        ("{annee}-{rang}-{numero}", "champ inconnu"),
        ("{numero:zz}", "invalide"),
        ("{annee}-{numero:03d}-", "doit commencer et finir"),
        ("DELIBERATION{annee}{numero:03d}", "caractères, 15 au plus"),
        ("{annee}-{numero:03d}-{numero:.0}", "invalide"),
    ],
)
def test_a_pattern_that_cannot_number_the_register_is_refused_when_the_reglement_is_read(pattern, fragment):
    assert fragment in pattern_problem(pattern)
    with pytest.raises(SetupError, match="règlement intérieur : motif de numérotation"):
        Reglement.from_dict({"register_number_pattern": pattern}, "règlement intérieur")


def test_a_pattern_of_its_own_is_kept_and_written_and_the_default_is_not_written():
    own = Reglement.from_dict({"register_number_pattern": "DEL{annee}_{numero:03d}"}, "règlement intérieur")
    assert own.register_number_pattern == "DEL{annee}_{numero:03d}"
    assert own.to_dict()["register_number_pattern"] == "DEL{annee}_{numero:03d}"
    assert "register_number_pattern" not in Reglement().to_dict()  # older setups hash as before
    assert Reglement.from_dict(Reglement().to_dict(), "r") == Reglement()


# ---------------------------------------------------------------- the levée numbers
def voted_session(*, outcomes=("pour", "contre", None), reglement=None):
    """Items i1, i2 voted (adopted, rejected), i3 closed without a vote, or as `outcomes` says."""
    kwargs = {"reglement": reglement} if reglement else {}
    engine, c = engine_with(present=9, open_session=True, **kwargs)
    for n, outcome in enumerate(outcomes, start=1):
        item = f"i{n}"
        engine.execute(c.open_item(item))
        if outcome is None:
            engine.execute(c.close_item(item))
            continue
        engine.execute(c.open_vote(item, VoteMethod.SHOW_OF_HANDS))
        engine.execute(c.unanimity(item, default=VoteChoice(outcome)))
        engine.execute(c.close_vote(item))
    return engine, c


def test_every_voted_deliberation_is_numbered_adopted_or_rejected_in_agenda_order():
    engine, c = voted_session()
    engine.execute([*c.close_session(), *c.number_acts(45)])
    acts = {a.item.id: a for a in engine.state.act_records()}
    assert (acts["i1"].number, acts["i1"].ctes_number, acts["i1"].rank, acts["i1"].adopted) == ("2026-045", "2026_045", 45, True)
    assert (acts["i2"].number, acts["i2"].adopted) == ("2026-046", False)
    assert acts["i3"].number is None and acts["i3"].ctes_number is None  # closed without a vote: no décision


def test_a_session_without_a_vote_numbers_nothing():
    engine, c = voted_session(outcomes=(None,))
    events, _ = engine.execute([*c.close_session(), *c.number_acts(lambda: pytest.fail("store asked for nothing"))])
    assert [e.type for e in events] == ["session.closed"]


def test_the_numbering_is_judged_by_the_state():
    engine, c = voted_session()
    good = {"year": 2026, "first": 1, "item_ids": ["i1", "i2"], "numbers": ["2026-001", "2026-002"]}
    refused_alike(engine, checks.numbering_refusal(engine.state, **good), [("acts.numbered", good)])
    engine.execute(c.close_session())
    for wrong, fragment in [
        ({"year": 2025}, "l'année du registre (2025) n'est pas celle de la séance (2026)"),
        ({"first": 0}, "le premier rang de l'année est 1"),
        ({"item_ids": ["i2", "i1"]}, "dans l'ordre de l'ordre du jour (points votés : n° 1, n° 2)"),
        ({"item_ids": ["i1"], "numbers": ["2026-001"]}, "chaque point voté reçoit un numéro"),
        ({"numbers": ["2026-001", "2026-003"]}, "les numéros doivent se suivre à partir du rang 1"),
    ]:
        payload = {**good, **wrong}
        refused_alike(engine, checks.numbering_refusal(engine.state, **payload), [("acts.numbered", payload)])
        assert fragment in checks.numbering_refusal(engine.state, **payload).message
    allowed(engine, checks.numbering_refusal(engine.state, **good), [("acts.numbered", good)])
    assert_refused(engine, [("acts.numbered", good)], "déjà numérotées (rangs 1 à 2)")


def test_the_reglement_s_pattern_writes_the_numbers():
    engine, c = voted_session(reglement=Reglement(register_number_pattern="DEL{annee}_{numero:04d}"))
    engine.execute([*c.close_session(), *c.number_acts(7)])
    assert [a.number for a in engine.state.act_records() if a.voted] == ["DEL2026_0007", "DEL2026_0008"]
    assert engine.state.act("i1").ctes_number == "DEL2026_0007"


def test_a_number_too_long_for_ctes_is_refused_at_the_levee():
    engine, c = voted_session(outcomes=("pour",), reglement=Reglement(register_number_pattern="DELIBE{annee}_{numero:03d}"))
    assert_refused(engine, [*c.close_session(), *c.number_acts(10000)], "« DELIBE2026_10000 »", "16 caractères, 15 au plus")
    engine.execute([*c.close_session(), *c.number_acts(1000)])  # 15 characters: the boundary
    assert engine.state.act("i1").number == "DELIBE2026_1000"


def test_a_reglement_built_with_a_bad_pattern_is_refused_too():
    with pytest.raises(SetupError, match="il doit contenir"):
        Reglement(register_number_pattern="{annee}")


def test_undoing_the_levee_frees_the_numbers_and_a_new_levee_numbers_again():
    engine, c = voted_session()
    events, _ = engine.execute([*c.close_session(), *c.number_acts(12)])
    engine.execute(c.undo_action([e.seq for e in events]))
    assert engine.state.acts.register == {} and engine.state.act("i1").number is None
    engine.execute([*c.close_session(), *c.number_acts(12)])
    assert engine.state.act("i2").number == "2026-013"


def test_the_levee_alone_cannot_be_undone_under_its_numbers():
    engine, c = voted_session()
    events, _ = engine.execute([*c.close_session(), *c.number_acts(1)])
    assert_refused(engine, c.undo_action([events[0].seq]), "des actions ultérieures dépendent")


def test_commands_given_a_register_number_the_levee_itself():
    engine, c = voted_session()
    c.first_register_number = lambda: 30
    events, _ = engine.execute(c.close_session())
    assert [e.type for e in events] == ["session.closed", "acts.numbered"]
    assert events[1].payload == {"year": 2026, "first": 30, "item_ids": ["i1", "i2"], "numbers": ["2026-030", "2026-031"]}
