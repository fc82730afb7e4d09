"""What a voting box's numeric answers mean: « 1 » is pour on one system and contre on another, so the
meaning is never guessed — the chair chooses it when a file holds numeric answers (the vote panel
asks), from the usual correspondences below or the one IT set for the machine:

    [vote]
    codes_numeriques = 1=pour; 2=contre; 3=abstention; 4=nppv

(machine_settings.py; the same key in the user's preferences). The issue's default, 1/2/3 → pour /
contre / abstention, comes first. A code maps to one choice; a choice may have several codes.
"""

from __future__ import annotations

import re

from ..models.enums import VoteChoice
from .csv_reading import normalize
from .excerpt import excerpt

SETTING_KEY = "vote/codes_numeriques"

CodeMap = dict[str, VoteChoice]

PRESETS: tuple[tuple[str, str], ...] = (
    ("1 = pour, 2 = contre, 3 = abstention", "1=pour; 2=contre; 3=abstention"),
    ("1 = pour, 2 = contre, 3 = abstention, 4 = ne prend pas part au vote", "1=pour; 2=contre; 3=abstention; 4=nppv"),
    ("0 = contre, 1 = pour, 2 = abstention", "0=contre; 1=pour; 2=abstention"),
)
DEFAULT = PRESETS[0][1]


class CodesError(ValueError):
    """A correspondence that cannot be used (French)."""


def parse_codes(text: str) -> CodeMap:
    """« 1=pour; 2=contre; 3=abstention » → {"1": pour, …}. Separators « ; » or « , », « = » or « : ».
    Raises CodesError naming the faulty part."""
    from .vote_import import parse_choice  # the same spellings as the file's cells

    codes: CodeMap = {}
    parts = [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if not parts:
        raise CodesError("correspondance des codes vide (attendu : « 1=pour; 2=contre; 3=abstention »)")
    if len(parts) > 20:
        raise CodesError(f"{len(parts)} codes : vingt au plus")
    for part in parts:
        match = re.fullmatch(r"(\d{1,3})\s*[=:]\s*(.{1,60})", part)
        choice = parse_choice(match.group(2)) if match else None
        if match is None or choice is None:
            raise CodesError(f"« {excerpt(part)} » : attendu un code et un vote, comme « 1=pour » (pour, contre, abstention ou nppv)")
        code = normalize(match.group(1)).lstrip("0") or "0"
        if code in codes and codes[code] is not choice:
            raise CodesError(f"le code {code} figure deux fois, avec deux sens différents")
        codes[code] = choice
    return codes


def with_padding(codes: CodeMap) -> CodeMap:
    """The map also answering « 01 » and « 1.0 » (a spreadsheet's number written as text)."""
    padded = dict(codes)
    for code, choice in codes.items():
        padded.setdefault(f"0{code}", choice)
        padded.setdefault(f"{code} 0", choice)  # « 1.0 » once normalised
    return padded


def describe(codes: CodeMap) -> str:
    """« 1 = pour, 2 = contre, 3 = abstention » (the spellings `with_padding` adds left out)."""
    plain = sorted((int(code), choice) for code, choice in codes.items() if code.isdigit() and (code == "0" or not code.startswith("0")))
    return ", ".join(f"{code} = {choice.value if choice is not VoteChoice.NPPV else 'ne prend pas part au vote'}" for code, choice in plain)
