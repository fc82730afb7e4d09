"""Quoting outside values in refusals: long values cut, the message itself never mangled."""

from __future__ import annotations

from seance_desk.files.excerpt import ELLIPSIS, LIMIT, MESSAGE_LIMIT, clip_message, excerpt


def test_a_long_value_is_cut_and_invisible_characters_shown():
    quoted = excerpt("a\nb" + "x" * 200)
    assert quoted.startswith("a\\nb") and quoted.endswith(ELLIPSIS)
    assert len(quoted) == LIMIT + 1


def test_a_long_repr_inside_a_domain_message_is_cut():
    message = f"valeur refusée : {'z' * 500!r} pour le champ name"
    clipped = clip_message(message)
    assert "z" * LIMIT + ELLIPSIS in clipped
    assert clipped.endswith("pour le champ name")


def test_french_elisions_are_not_taken_for_quotes():
    # Two apostrophes around a long stretch of French once looked like one quoted value, and the
    # reason itself was cut (« … est déclaré …'elle-même »).
    message = (
        "description de l'assemblée (champ « assembly ») invalide — assemblée : Pierre Thomas est "
        "déclaré suppléant de lui-même ou d'elle-même"
    )
    assert clip_message(message) == message


def test_a_message_quoting_many_values_stays_bounded():
    message = "colonnes inconnues : " + ", ".join(f"« colonne {i} »" for i in range(5_000))
    assert len(clip_message(message)) <= MESSAGE_LIMIT
