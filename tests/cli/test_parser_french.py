"""argparse's own words are French too: the usage line, the section titles, -h and its errors."""

from __future__ import annotations

import pytest

from seance_desk.cli.parser import build_parser


def _help(capsys, *args: str) -> str:
    with pytest.raises(SystemExit):
        build_parser().parse_args([*args, "--help"])
    return capsys.readouterr().out


def test_the_help_is_french_from_the_usage_line_to_the_help_option(capsys):
    text = _help(capsys)
    assert text.startswith("utilisation : seance-desk")
    assert "arguments positionnels :" in text and "options :" in text
    assert "affiche cette aide et quitte" in text and "affiche la version et quitte" in text
    for english in ("usage:", "positional arguments", "show this help message", "show program's version"):
        assert english not in text


def test_a_sub_command_help_is_french(capsys):
    text = _help(capsys, "demo")
    assert text.startswith("utilisation : seance-desk demo") and "options :" in text
    assert "show this help message" not in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["demo"], "arguments obligatoires manquants : --out"),
        (["demo", "--out", "x.json", "--kind", "ville"], "argument --kind : choix invalide : 'ville' (choisir parmi"),
        (["sessions", "--vite"], "arguments non reconnus : --vite"),
        (["demo", "--out", "x.json", "--members", "dix"], "argument --members : valeur invalide : 'dix'"),
    ],
)
def test_argparse_errors_are_french(capsys, args, said):
    with pytest.raises(SystemExit):
        build_parser().parse_args(args)
    err = capsys.readouterr().err
    assert err.startswith("utilisation : ") and said in err
