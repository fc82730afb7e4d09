"""Import of an electronic-voting results file: checked as a whole against the item's eligible votes,
every problem listed with its line, nothing to cast unless every line is usable. No Qt here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.models.commands import Commands
from seance_desk.models.enums import RecusalReason, VoteChoice, VoteMethod
from seance_desk.models.state.session_state import SessionState
from seance_desk.files.vote_import import VoteImportError, check_votes, import_votes, parse_choice, read_vote_file

FOR, AGAINST, ABSTAIN, NPPV = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV

# The demo commune paused on item 4: m1 Mme Sylvie PERRIN (chair), m2 M. Sébastien LUCAS, m3 Mme Agnès
# LEROY, m5 Mme Léa LEROUX (recused below), m6 M. Didier GÉRARD (absent, no proxy), m7 Mme Élodie
# RENARD, m9 Mme Françoise GUILLAUME holds the proxy of m13 Mme Marie VIDAL (absent).


@pytest.fixture
def session():
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    engine = demo.engine
    commands = Commands(engine)
    if engine.state.speakers.current is not None:
        engine.execute(commands.end_floor())
    engine.execute(commands.recuse("m5", "pt4", RecusalReason.INTEREST))
    engine.execute(commands.open_vote("pt4", VoteMethod.ELECTRONIC))
    return engine, commands


def _write(tmp_path, text: str, name: str = "votes.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _problems(path, state):
    with pytest.raises(VoteImportError) as caught:
        import_votes(path, state, state.current_item)
    return caught.value


def test_a_good_file_resolves_names_ids_and_proxies(session, tmp_path):
    engine, commands = session
    state = engine.state
    path = _write(
        tmp_path,
        "Membre;Vote\n"
        "Sylvie Perrin;Pour\n"
        "LUCAS Sébastien;CONTRE\n"
        "m3;Abst.\n"
        "Mme Elodie RENARD;s'abstient\n"
        "Marie Vidal;pour\n"  # absent: her proxy, held by m9, casts it
        "Françoise Guillaume;ne prend pas part au vote\n",
    )
    votes = import_votes(path, state, state.current_item)
    assert votes == [
        ("m1", "m1", FOR),
        ("m2", "m2", AGAINST),
        ("m3", "m3", ABSTAIN),
        ("m7", "m7", ABSTAIN),
        ("m9", "m13", FOR),
        ("m9", "m9", NPPV),
    ]
    # What the panel then does: every line in one action, accepted by the engine.
    engine.execute([step for voter, whose, choice in votes for step in commands.cast("pt4", voter, choice, on_behalf_of=whose)])
    ballots = state.current_item.vote.ballots
    assert ballots["m13"].voter_id == "m9" and ballots["m13"].choice is FOR
    assert len(ballots) == 6


def test_bom_comma_separator_and_other_header_names(session, tmp_path):
    engine, _ = session
    state = engine.state
    path = _write(tmp_path, "\ufeffnom,choix\n\"PERRIN Sylvie\",pour\nm2,P\n")
    assert import_votes(path, state, state.current_item) == [("m1", "m1", FOR), ("m2", "m2", FOR)]


def test_semicolon_separate_name_columns_and_windows_1252(session, tmp_path):
    engine, _ = session
    state = engine.state
    path = _write(tmp_path, "N° boîtier;Prénom;Nom;Sens du vote\n12;Agnès;Leroy;Contre\n14;Élodie;Renard;Abstention\n", encoding="cp1252")
    assert import_votes(path, state, state.current_item) == [("m3", "m3", AGAINST), ("m7", "m7", ABSTAIN)]


def test_every_problem_is_listed_with_its_line_and_nothing_is_returned(session, tmp_path):
    engine, _ = session
    state = engine.state
    before = len(engine.events)
    path = _write(
        tmp_path,
        "Membre;Vote\n"
        "Sylvie Perrin;pour\n"  # 2: fine
        "Jean Inconnu;pour\n"  # 3: unknown member
        "m2;peut-être\n"  # 4: unknown choice
        "m3;pour\n"  # 5: duplicate of line 8
        "Didier Gérard;contre\n"  # 6: absent, no proxy
        "Léa Leroux;pour\n"  # 7: recused (L2131-11)
        "Agnès LEROY;contre\n"  # 8: duplicate of line 5
        "m7;2\n",  # 9: numeric code refused
    )
    error = _problems(path, state)
    text = str(error)
    assert text.startswith("Import refusé : 6 problèmes dans le fichier « votes.csv » ; aucun vote n'a été enregistré.")
    assert "ligne 3 : membre inconnu « Jean Inconnu »" in text
    assert "ligne 4 : vote inconnu « peut-être » pour M. Sébastien LUCAS" in text
    assert "lignes 5 et 8 : Mme Agnès LEROY figure 2 fois" in text
    assert "ligne 6 : M. Didier GÉRARD n'est ni présent ni représenté" in text
    assert "ligne 7 : Mme Léa LEROUX est intéress" in text and "L2131-11" in text  # the engine's own reason
    assert "ligne 9 : vote inconnu « 2 »" in text and "codes numériques" in text
    assert len(error.problems) == 6
    # Listed in the order of the file.
    assert [int(p.split()[1]) for p in error.problems] == [3, 4, 5, 6, 7, 9]
    assert len(engine.events) == before and not state.current_item.vote.ballots


def test_a_proxy_line_naming_the_wrong_holder_is_refused(session, tmp_path):
    engine, _ = session
    state = engine.state
    ok = _write(tmp_path, "Membre;Vote;Mandataire\nMarie Vidal;pour;Françoise Guillaume\nm1;contre;\n", "ok.csv")
    assert import_votes(ok, state, state.current_item) == [("m9", "m13", FOR), ("m1", "m1", AGAINST)]
    bad = _write(tmp_path, "Membre;Vote;Mandataire\nMarie Vidal;pour;Agnès Leroy\nm2;pour;Agnès Leroy\n", "bad.csv")
    error = _problems(bad, state)
    assert error.problems == [
        "ligne 2 : le pouvoir de Mme Marie VIDAL est détenu par Mme Françoise GUILLAUME, non par « Agnès Leroy »",
        "ligne 3 : M. Sébastien LUCAS est présent et vote lui-même ; « Agnès Leroy » ne peut voter pour lui",
    ]


def test_the_proxy_of_an_interested_holder_cannot_serve(tmp_path):
    # The proxy holder m9 is the interested member: she votes neither for herself nor for m13.
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    commands = Commands(demo.engine)
    if demo.engine.state.speakers.current is not None:
        demo.engine.execute(commands.end_floor())
    demo.engine.execute(commands.recuse("m9", "pt4"))
    demo.engine.execute(commands.open_vote("pt4", VoteMethod.ELECTRONIC))
    state = demo.engine.state
    error = _problems(_write(tmp_path, "membre;vote\nMarie Vidal;pour\n"), state)
    assert len(error.problems) == 1
    assert error.problems[0].startswith("ligne 2 : Mme Françoise GUILLAUME est intéress")  # the engine's own reason
    assert "comme mandataire" in error.problems[0] and error.problems[0].endswith("art. L2131-11 CGCT")


def test_lines_without_a_vote_are_skipped_and_reported(session, tmp_path):
    engine, _ = session
    state = engine.state
    path = _write(tmp_path, "Membre;Vote\nm1;pour\nDidier Gérard;\nm2;absent\n")
    result = read_vote_file(path, state, state.current_item)
    assert result.votes == [("m1", "m1", FOR)]
    assert result.skipped == ["ligne 3 : M. Didier GÉRARD — aucun vote exprimé", "ligne 4 : M. Sébastien LUCAS — aucun vote exprimé"]


def test_a_file_without_a_usable_header_says_what_is_expected(session, tmp_path):
    engine, _ = session
    state = engine.state
    error = _problems(_write(tmp_path, "Sylvie Perrin;pour\nm2;contre\n"), state)
    assert len(error.problems) == 1
    assert error.problems[0].startswith("ligne 1 : en-tête non reconnu")
    assert "une colonne du membre" in error.problems[0] and "une colonne du vote" in error.problems[0]
    assert "le fichier est vide" in str(_problems(_write(tmp_path, "\n\n", "vide.csv"), state))


def test_a_name_shared_by_two_members_must_be_given_by_id():
    demo = build_demo(33, 12, session_date=date(2026, 11, 20), until_item=4)
    members = list(demo.assembly.members)
    # « Thomas Martin » is m2 written « Prénom Nom » and m3 written « NOM Prénom ».
    members[1] = replace(members[1], first_name="Thomas", last_name="Martin")
    members[2] = replace(members[2], first_name="Martin", last_name="Thomas")
    state = SessionState(replace(demo.assembly, members=tuple(members)), demo.setup)
    error = pytest.raises(VoteImportError, check_votes, "membre;vote\nThomas Martin;pour\nLucas;pour\n", state, state.items["pt4"]).value
    assert error.problems == [
        "ligne 2 : « Thomas Martin » désigne plusieurs membres (M. Thomas MARTIN, Mme Martin THOMAS) : indiquez l'identifiant",
        "ligne 3 : membre inconnu « Lucas »",  # a last name alone is not enough
    ]


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("Pour", FOR), ("POUR", FOR), ("oui", FOR), ("Favorable", FOR),
        ("Contre", AGAINST), ("non", AGAINST), ("Défavorable", AGAINST),
        ("Abstention", ABSTAIN), ("abst", ABSTAIN), ("ABST.", ABSTAIN), ("S'abstient", ABSTAIN),
        ("NPPV", NPPV), ("ne prend pas part", NPPV), ("Ne prend pas part au vote", NPPV), ("Ne participe pas au vote", NPPV),
        ("1", None), ("peut-être", None), ("", None),
    ],
)
def test_choice_spellings(text, choice):
    assert parse_choice(text) is choice
