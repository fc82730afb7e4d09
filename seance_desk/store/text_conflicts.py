"""Two posts editing the same secretary's text at once: both versions are kept, never one silently
overwriting the other.

Each save names the revision of the text it started from (Store.save_minutes_text). If another post
saved a newer revision meanwhile, the stored text becomes the other post's version followed by this
post's, between bold marker lines written in French in the minutes' own markup (so the editor shows
them as they are, and the PDF would too until the secretary resolves them). A merge by lines (as a
version-control tool would) was not chosen: a paragraph rewritten on both sides would come out
interleaved, which is worse for minutes than two whole versions side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CONFLICT_HEADING = "⚠ Conflit de modification"
YOURS_START = "──── Version de ce poste ────"
YOURS_END = "──── Fin de la version de ce poste ────"


@dataclass(frozen=True, slots=True)
class SavedText:
    """What a save stored: its `revision`, the `text` now in the database (the merged one after a
    conflict) and whether another post's version was found (`conflict`)."""

    revision: int
    text: str
    conflict: bool = False


def conflict_text(theirs: str, yours: str, at: datetime) -> str:
    """The other post's text, then this post's, between markers saying what happened and what to do."""
    moment = at.astimezone().strftime("%d/%m/%Y à %H:%M")
    notice = (
        f"<b>{CONFLICT_HEADING} ({moment}) : un autre poste a enregistré le texte ci-dessus pendant que ce poste "
        "écrivait le texte ci-dessous. Les deux versions sont conservées : fusionnez-les, puis supprimez ces lignes en gras.</b>"
    )
    parts = [theirs.rstrip("\n"), "", notice, f"<b>{YOURS_START}</b>", yours.rstrip("\n"), f"<b>{YOURS_END}</b>"]
    return "\n".join(parts)


def conflict_message(item_label: str) -> str:
    """What the secretary is told, on the post whose save met the other one's."""
    return (
        f"Un autre poste a modifié la teneur des discussions {item_label} pendant que vous écriviez : "
        "rien n'est perdu, les deux versions sont conservées dans le texte, l'une après l'autre, entre des lignes "
        "en gras. Fusionnez-les, puis supprimez ces lignes."
    )
