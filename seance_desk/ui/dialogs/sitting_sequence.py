"""« Déroulé d'une séance » (issue 11 § 13): the order in which a chair leads an evening, each step
with the keys that do it. Plain data, no Qt: the help dialog shows it, and a test checks that every
key named here is one the window really registers (a renamed key would otherwise lie in the help)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class SequenceStep:
    name: str
    text: str
    keys: tuple[tuple[str, str], ...]  # (keys, what they do), as the registry names the keys


SITTING_SEQUENCE: tuple[SequenceStep, ...] = (
    SequenceStep(
        "Appel",
        "Dans « Appel nominal », marquez chaque élu à son arrivée ; les pouvoirs écrits reçus avant la séance "
        "se saisissent ici. La jauge du quorum dit si la séance peut s'ouvrir (art. L2121-17 CGCT) ; "
        "sinon, « Séance → Constat de carence… ».",
        (("Ctrl+F", "rechercher un élu"), ("S", "présent sur place"), ("D", "présent à distance"),
         ("E", "excusé"), ("P", "pouvoir…"), ("A", "absent")),
    ),
    SequenceStep(
        "Ouverture",
        "Le président ouvre la séance : le quorum est constaté à cet instant et l'heure d'ouverture figure au procès-verbal.",
        (("Ctrl+Shift+O", "ouvrir la séance"),),
    ),
    SequenceStep(
        "Secrétaire",
        "À l'ouverture, le conseil nomme un ou plusieurs de ses membres présents secrétaires de séance, avec "
        "d'éventuels auxiliaires (art. L2121-15 CGCT) ; « Séance → Secrétaires de séance… » les change ensuite.",
        (("Ctrl+Shift+O", "la même fenêtre demande les secrétaires"),),
    ),
    SequenceStep(
        "Points",
        "Point par point, dans l'ordre du jour : mise en discussion (le quorum y est figé), orateurs, vote, "
        "clôture du vote ; un point peut être reporté ou retiré, avec son motif.",
        (("Entrée", "mettre en discussion (ordre du jour)"), ("F4", "main levée"), ("F5", "donner la parole"),
         ("F6", "fin d'intervention"), ("F7", "afficher le vote"), ("Ctrl+Shift+V", "ouvrir le vote"),
         ("P / C / A / N", "pour, contre, abstention, ne prend pas part"), ("Ctrl+Shift+U", "unanimité"),
         ("Ctrl+Shift+Return", "clore le vote"), ("Ctrl+Shift+R", "reporter"), ("Ctrl+Shift+X", "retirer")),
    ),
    SequenceStep(
        "Levée",
        "Le président lève la séance : les points non examinés sont reportés ou retirés, puis les délibérations "
        "sont numérotées.",
        (("Ctrl+Shift+L", "lever la séance (après confirmation)"),),
    ),
    SequenceStep(
        "Procès-verbal",
        "Le secrétaire rédige le procès-verbal, arrêté puis signé ; « Séance → Transmission et publication… » "
        "enregistre ensuite les dates qui rendent les actes exécutoires.",
        (("F8", "afficher le procès-verbal"),),
    ),
)


def sequence_keys() -> set[str]:
    """Every key the sequence names, to compare with the window's registry."""
    return {keys for step in SITTING_SEQUENCE for keys, _ in step.keys}


def sequence_html(key_text: Callable[[str], str] = str) -> str:
    """The sequence as a numbered list, each step's keys after its text; `key_text` writes a key as the
    shortcuts' tab does (« Ctrl+Maj+Retour » in French, where the data says « Ctrl+Shift+Return »)."""
    rows = []
    for step in SITTING_SEQUENCE:
        keys = " ; ".join(f"<b>{escape(key_text(keys))}</b> : {escape(what)}" for keys, what in step.keys)
        rows.append(f"<li><p><b>{escape(step.name)}</b> — {escape(step.text)}</p><p>Touches : {keys}</p></li>")
    arrow = " → ".join(escape(step.name.lower()) for step in SITTING_SEQUENCE)
    return f"<p>{arrow.capitalize()}</p><ol>{''.join(rows)}</ol>"


def sequence_lines() -> list[str]:
    """« 1. Appel — … », for screen readers and tests."""
    return [f"{n}. {step.name} — {step.text}" for n, step in enumerate(SITTING_SEQUENCE, start=1)]
