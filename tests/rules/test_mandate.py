"""The assembly over its mandate (issue 10 part 2): dated roster changes, the roster in force on a
date (boundaries included), the ordre du tableau (L2121-1), and the register's stored form."""

from __future__ import annotations

from datetime import date

import pytest

from seance_desk.models.assembly import Assembly, Member
from seance_desk.models.enums import BodyKind
from seance_desk.models.mandate import AssemblyRegister, ChangeKind, MandateError, RosterChange
from seance_desk.models.parsing import SetupError
from seance_desk.models.tableau import function_group, tableau_order

INSTALLED = date(2026, 3, 22)


def _members() -> tuple[Member, ...]:
    return (
        Member("c1", "BLANC", "Anne", "Mme", function="conseillère", birth_date=date(1960, 1, 1)),
        Member("a2", "ROUX", "Paul", function="2e adjoint"),
        Member("m", "MAIRE", "Jean", function="maire"),
        Member("a1", "VERT", "Lise", "Mme", function="1re adjointe"),
        Member("c2", "NOIR", "Marc", function="conseiller", birth_date=date(1990, 1, 1)),
    )


def _register(kind: BodyKind = BodyKind.COMMUNE, members: tuple[Member, ...] | None = None) -> AssemblyRegister:
    assembly = Assembly("cm-test", kind, "Commune de Test", 1200, members or _members(), executive_id="m")
    return AssemblyRegister(assembly, INSTALLED)


def _ids(assembly: Assembly) -> list[str]:
    return [m.id for m in assembly.members if m.in_office]


def test_roster_before_installation_is_refused():
    with pytest.raises(MandateError, match="précède l'installation"):
        _register().roster_on(date(2026, 3, 21))
    assert _ids(_register().roster_on(INSTALLED)) == ["c1", "a2", "m", "a1", "c2"]


@pytest.mark.parametrize("kind", [ChangeKind.DEMISSION, ChangeKind.DECES])
def test_departure_takes_effect_on_its_date(kind):
    register = _register().with_change(RosterChange(kind, date(2026, 6, 10), "c2", note="lettre reçue"))
    assert "c2" in _ids(register.roster_on(date(2026, 6, 9)))  # the day before: still in office
    assert "c2" not in _ids(register.roster_on(date(2026, 6, 10)))  # that day: gone (L2121-4)
    assert register.roster_on(date(2026, 6, 10)).in_office_count == 4


def test_executive_leaving_clears_the_executive():
    register = _register().with_change(RosterChange(ChangeKind.DECES, date(2026, 6, 10), "m"))
    assert register.roster_on(date(2026, 6, 9)).executive_id == "m"
    assert register.roster_on(date(2026, 6, 10)).executive_id is None


def test_replacement_by_next_of_list():
    newcomer = Member("n1", "GRIS", "Léa", "Mme")
    register = _register().with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 9, 1), "a2", newcomer))
    before, after = register.roster_on(date(2026, 8, 31)), register.roster_on(date(2026, 9, 1))
    assert "n1" not in _ids(before) and "a2" in _ids(before)
    assert "n1" in _ids(after) and "a2" not in _ids(after)
    # The newcomer does not inherit the adjoint's function: he is a conseiller, last on the tableau.
    assert after.member("n1").function == "conseiller" and after.member("n1").rank_in_tableau == 5
    assert register.name_of("n1") == "Mme Léa GRIS" and register.name_of("a2") == "M. Paul ROUX"


def test_replacement_after_a_recorded_resignation_and_unknown_member_refused():
    register = _register().with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 9, 1), "c1"))
    register = register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 9, 15), "c1", Member("n1", "GRIS", "Léa")))
    assert "n1" in _ids(register.roster_on(date(2026, 9, 15)))
    with pytest.raises(MandateError, match="jamais été membre"):
        register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 9, 20), "x9", Member("n2", "A", "B")))
    with pytest.raises(MandateError, match="déjà celui d'un membre"):
        register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 9, 20), "c2", Member("c1", "A", "B")))


def test_departure_of_someone_not_in_office_is_refused_and_changes_nothing():
    register = _register().with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 6, 10), "c2"))
    with pytest.raises(MandateError, match="n'est pas membre en exercice") as info:
        register.with_change(RosterChange(ChangeKind.DECES, date(2026, 7, 1), "c2"))
    assert "L2121-1" in str(info.value)
    assert len(register.changes) == 1
    # A change dated before an existing one is put in its place; one that contradicts history is refused.
    with pytest.raises(MandateError):
        register.with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 5, 1), "c2"))


def test_change_before_installation_refused():
    with pytest.raises(MandateError, match="avant l'installation"):
        _register().with_change(RosterChange(ChangeKind.DEMISSION, date(2026, 1, 1), "c1"))


def test_installation_of_a_member():
    register = _register().with_change(RosterChange(ChangeKind.INSTALLATION, date(2026, 10, 1), "n9", Member("n9", "NEUF", "Ali")))
    assert "n9" in _ids(register.roster_on(date(2026, 10, 1))) and "n9" not in _ids(register.roster_on(date(2026, 9, 30)))


def test_suppleant_becomes_titulaire_only_once_the_seat_is_vacant():
    members = (
        Member("p", "PRESIDENT", "Hugo", function="président"),
        Member("t", "TITULAIRE", "Eva", "Mme"),
        Member("s", "SUPPLEANT", "Luc", suppleant_of="t"),
    )
    register = _register(BodyKind.EPCI, members)
    with pytest.raises(MandateError, match="encore en exercice") as info:
        register.with_change(RosterChange(ChangeKind.SUPPLEANT_TITULAIRE, date(2026, 5, 1), "s"))
    assert "L5211-6" in str(info.value)
    register = register.with_change(RosterChange(ChangeKind.DECES, date(2026, 5, 1), "t"))
    vacant = register.roster_on(date(2026, 5, 1))
    assert vacant.member("t") is not None and not vacant.member("t").in_office  # the seat waits for its suppléant
    assert vacant.in_office_count == 1
    register = register.with_change(RosterChange(ChangeKind.SUPPLEANT_TITULAIRE, date(2026, 5, 2), "s"))
    after = register.roster_on(date(2026, 5, 2))
    assert after.member("t") is None and after.member("s").is_titulaire and after.in_office_count == 2
    assert after.member("s").rank_in_tableau == 2


def test_ordre_du_tableau():
    roster = _register().roster_on(INSTALLED)
    ranked = sorted((m for m in roster.members if m.rank_in_tableau), key=lambda m: m.rank_in_tableau)
    # maire, adjoints in their order, then conseillers as the roster lists them (installed together).
    assert [m.id for m in ranked] == ["m", "a1", "a2", "c1", "c2"]
    # Two members entering the same later day: the older first (third criterion of L2121-1).
    register = _register()
    for member_id, newcomer in (("c1", Member("y", "JEUNE", "Zoé", birth_date=date(2000, 1, 1))), ("c2", Member("o", "VIEUX", "Al", birth_date=date(1950, 1, 1)))):
        register = register.with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2027, 1, 5), member_id, newcomer))
    later = register.roster_on(date(2027, 1, 5))
    assert [m.id for m in tableau_order(later.members, {m.id: INSTALLED for m in _members()} | {"y": date(2027, 1, 5), "o": date(2027, 1, 5)}, "m")] == ["m", "a1", "a2", "o", "y"]
    assert later.member("o").rank_in_tableau == 4 and later.member("y").rank_in_tableau == 5


@pytest.mark.parametrize(
    ("function", "group"),
    [("maire", (0, 0)), ("Présidente", (0, 0)), ("3e vice-président", (1, 3)), ("deuxième adjointe", (1, 2)), ("adjoint", (1, 10_000)), ("conseiller", (2, 0))],
)
def test_function_groups(function, group):
    assert function_group(Member("x", "A", "B", function=function)) == group


def test_register_round_trip_and_bad_documents():
    register = _register().with_change(RosterChange(ChangeKind.REMPLACEMENT, date(2026, 9, 1), "a2", Member("n1", "GRIS", "Léa"), "suivant de liste"))
    again = AssemblyRegister.from_dict(register.to_dict())
    assert again == register
    assert again.roster_on(date(2026, 9, 1)) == register.roster_on(date(2026, 9, 1))
    bad = register.to_dict()
    bad["changes"][0]["kind"] = ["remplacement"]
    with pytest.raises(SetupError, match="nature de changement inconnue"):
        AssemblyRegister.from_dict(bad)
    bad = register.to_dict()
    bad["changes"][0]["member_id"] = "inconnu"
    with pytest.raises(SetupError, match="jamais été membre"):
        AssemblyRegister.from_dict(bad)
    bad = register.to_dict()
    del bad["changes"][0]["newcomer"]
    with pytest.raises(SetupError, match="nouveau membre"):
        AssemblyRegister.from_dict(bad)
    with pytest.raises(SetupError):
        AssemblyRegister.from_dict({"assembly": "x" * 100_000, "installed_on": "2026-03-22"})


def test_rank_in_tableau_written_only_when_known():
    plain = Member("x", "A", "B")
    assert "rank_in_tableau" not in plain.to_dict()
    ranked = Member("x", "A", "B", rank_in_tableau=3)
    assert Member.from_dict(ranked.to_dict(), "m") == ranked
    with pytest.raises(SetupError, match="rank_in_tableau"):
        Member.from_dict({**plain.to_dict(), "rank_in_tableau": "3"}, "m")


def test_documents_list_members_in_the_ordre_du_tableau_when_known():
    from seance_desk.documents.builders._common import Names

    roster = _register().roster_on(INSTALLED)
    names = Names(roster)
    assert names.sorted(["c2", "c1", "a2", "a1", "m"]) == ["m", "a1", "a2", "c1", "c2"]
    assert names.joined(["c1", "m"]) == "M. Jean MAIRE, Mme Anne BLANC"
    # Without ranks (an assembly prepared from a roster file): alphabetical, as before.
    plain = Names(Assembly("x", BodyKind.COMMUNE, "X", 10, _members()))
    assert plain.sorted(["c2", "c1", "a2", "a1", "m"]) == ["c1", "m", "c2", "a2", "a1"]
