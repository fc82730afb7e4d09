"""Issue 13 § 6: « Participant;Réponse » headers, numeric answers read only through a chosen
correspondence, Excel workbooks and OpenSlides exports — through the same checks as the CSV, all or
nothing, every problem listed by line."""

from __future__ import annotations

import zipfile

import pytest

from seance_desk.files.vote_import import VoteImportError, read_vote_file
from seance_desk.files.vote_import_codes import CodesError, DEFAULT, parse_codes, with_padding
from seance_desk.models.enums import VoteChoice

from tests.vote_import.formats import eligible, openslides_export, participant_rows, voting_engine, write_json, write_xlsx

FOR, AGAINST, ABSTAIN, NPPV = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, VoteChoice.NPPV


@pytest.fixture(scope="module")
def state():
    return voting_engine().state


def _csv(path, rows, header="Participant;Réponse"):
    path.write_text("\n".join([header, *(f"{who};{code}" for who, code in rows)]) + "\n", encoding="utf-8")
    return path


def _expected(state, meaning):
    return {whose: meaning[n % len(meaning)] for n, (_voter, whose) in enumerate(eligible(state))}


def test_numeric_answers_are_refused_until_their_meaning_is_chosen(state, tmp_path):
    path = _csv(tmp_path / "quizzbox.csv", participant_rows(state))
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item)
    assert refused.value.numeric_codes
    assert "indiquez ce qu'ils signifient" in str(refused.value)
    found = read_vote_file(path, state, state.current_item, codes=with_padding(parse_codes(DEFAULT)))
    assert {whose: choice for _v, whose, choice in found.votes} == _expected(state, (FOR, AGAINST, ABSTAIN))


def test_another_correspondence_reads_the_same_file_otherwise(state, tmp_path):
    path = _csv(tmp_path / "boitier.csv", participant_rows(state, ("01", "0", "2")), header="Participant;Réponse")
    found = read_vote_file(path, state, state.current_item, codes=with_padding(parse_codes("0=contre; 1=pour; 2=abstention")))
    assert {whose: choice for _v, whose, choice in found.votes} == _expected(state, (FOR, AGAINST, ABSTAIN))


def test_a_code_outside_the_correspondence_is_listed_with_its_line(state, tmp_path):
    rows = participant_rows(state)
    rows[2] = (rows[2][0], "7")
    path = _csv(tmp_path / "boitier.csv", rows)
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item, codes=with_padding(parse_codes(DEFAULT)))
    assert refused.value.problems == [f"ligne 4 : vote inconnu « 7 » pour {state.assembly.member(eligible(state)[2][1]).display_name} "
                                      "(absent de la correspondance des codes choisie)"]


@pytest.mark.parametrize("text, expected", [
    ("1=pour;2=contre;3=abstention;4=nppv", {"1": FOR, "2": AGAINST, "3": ABSTAIN, "4": NPPV}),
    ("1 : Pour, 2 : Contre", {"1": FOR, "2": AGAINST}),
])
def test_parse_codes(text, expected):
    assert parse_codes(text) == expected


@pytest.mark.parametrize("text", ["", "1=peut-être", "un=pour", "1=pour;1=contre", ";".join(f"{n}=pour" for n in range(30))])
def test_bad_correspondences_are_refused_in_french(text):
    with pytest.raises(CodesError):
        parse_codes(text)


# ---------------------------------------------------------------------------- Excel
def test_an_xlsx_workbook_is_read_like_its_csv(state, tmp_path):
    rows = [["Participant", "Réponse"], *([who, int(code)] for who, code in participant_rows(state))]
    path = write_xlsx(tmp_path / "resultats.xlsx", rows)
    found = read_vote_file(path, state, state.current_item, codes=with_padding(parse_codes(DEFAULT)))
    assert {whose: choice for _v, whose, choice in found.votes} == _expected(state, (FOR, AGAINST, ABSTAIN))


def test_an_xlsx_with_words_needs_no_codes_and_lists_problems_by_row(state, tmp_path):
    rows = [["Titre du vote : point 4"], [], ["Membre", "Vote"], ["Jean Personne", "Pour"], [participant_rows(state)[0][0], "bof"]]
    path = write_xlsx(tmp_path / "resultats.xlsx", rows)
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item)
    # The first non-empty row is the header: a title line above it is refused as such, with its row number.
    assert "ligne 1 : en-tête non reconnu" in str(refused.value)
    path = write_xlsx(tmp_path / "resultats2.xlsx", rows[2:])
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item)
    assert [p.split(" :")[0] for p in refused.value.problems] == ["ligne 2", "ligne 3"]


def test_a_file_named_xlsx_that_is_not_a_zip_is_refused(state, tmp_path):
    path = tmp_path / "resultats.xlsx"
    path.write_text("Membre;Vote\n", encoding="utf-8")
    with pytest.raises(VoteImportError, match="pas une archive ZIP"):
        read_vote_file(path, state, state.current_item)


def test_a_zip_that_is_not_a_workbook_is_refused(state, tmp_path):
    path = tmp_path / "resultats.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(VoteImportError, match="sans classeur Excel"):
        read_vote_file(path, state, state.current_item)


def test_a_huge_sheet_is_refused(state, tmp_path):
    path = write_xlsx(tmp_path / "enorme.xlsx", [["Membre", "Vote"], *([f"x{n}", "pour"] for n in range(5_001))])
    with pytest.raises(VoteImportError, match="feuille trop grande"):
        read_vote_file(path, state, state.current_item)


def test_a_huge_cell_is_refused_with_its_row(state, tmp_path):
    path = write_xlsx(tmp_path / "cellule.xlsx", [["Membre", "Vote"], ["x" * 140_000, "pour"]])
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item)
    assert refused.value.problems[0].startswith("ligne 2 : cellule n° 1 trop longue")


# ---------------------------------------------------------------------------- OpenSlides
def test_an_openslides_poll_is_read_with_its_proxies(state, tmp_path):
    path = write_json(tmp_path / "export.json", openslides_export(state))
    found = read_vote_file(path, state, state.current_item)
    assert set(found.votes) == {(voter, whose, choice) for (voter, whose), choice in
                                zip(eligible(state), [(FOR, AGAINST, ABSTAIN)[n % 3] for n in range(len(eligible(state)))])}


def test_several_polls_ask_which_one(state, tmp_path):
    path = write_json(tmp_path / "export.json", openslides_export(state, polls=2))
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(path, state, state.current_item)
    assert refused.value.polls == [("1", "Délibération 1"), ("2", "Délibération 2")]
    assert len(read_vote_file(path, state, state.current_item, poll="2").votes) == len(eligible(state))


def test_a_proxy_vote_cast_by_someone_else_is_refused(state, tmp_path):
    document = openslides_export(state)
    proxied = next(v for v in document["vote"].values() if "delegated_user_id" in v)
    proxied["delegated_user_id"] = proxied["user_id"] % 33 + 1 if proxied["user_id"] % 33 + 1 != proxied["delegated_user_id"] else proxied["user_id"] % 33 + 2
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(write_json(tmp_path / "export.json", document), state, state.current_item)
    assert any(p.startswith(f"vote n° {proxied['id']} : ") for p in refused.value.problems)


@pytest.mark.parametrize("damage, expected", [
    (lambda d: d.update(poll=[]), "objet « poll » absent"),
    (lambda d: d["user"]["1"].update(first_name=["Jean"]), "doit être un texte"),
    (lambda d: d["vote"]["1"].update(user_id="1"), "identifiant entier"),
    (lambda d: d["poll"]["1"].update(type="pseudoanonymous"), "aucun scrutin nominatif"),
    (lambda d: d["poll"]["1"].update(pollmethod="N"), "méthode « N »"),
    (lambda d: d["user"]["1"].update(last_name="x" * 140_000), "« last_name » trop long (140\u202f000 caractères"),
    (lambda d: d["vote"]["1"].update(value="oui peut-être"), "vote inconnu « oui peut-être »"),
])
def test_damaged_openslides_exports_are_refused_in_french(state, tmp_path, damage, expected):
    document = openslides_export(state)
    damage(document)
    with pytest.raises(VoteImportError) as refused:
        read_vote_file(write_json(tmp_path / "export.json", document), state, state.current_item)
    assert expected in str(refused.value)
    assert len(str(refused.value)) < 20_000
