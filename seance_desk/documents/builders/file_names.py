"""The file names of a session's documents: the assembly, the day and the convened hour.

« proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf »: the day alone named two sessions of one
day alike (a morning and an evening sitting, a reconvened one), and the day and hour named two
assemblies alike — a commune and its communauté de communes meeting the same evening at 18 h 30, both
exported into the secrétariat's one folder, the second replaced the first's PV. The assembly's short
slug (`assembly_slug`) keeps them apart, and says whose document a file is when it travels alone.
"""

from __future__ import annotations

import re
import unicodedata

from ...models.assembly import Assembly
from ...models.state.session_state import SessionState
from .act_facts import commune_name

# The institutional heads of a name, shortened as the secrétariats write them (« CC Touraine-Est »):
# the part that tells two assemblies apart is the rest. Longest first; matched on the folded name.
_HEADS = (
    ("communaute de communes", "cc"),
    ("communaute d agglomeration", "ca"),
    ("communaute urbaine", "cu"),
    ("syndicat intercommunal a vocation multiple", "sivom"),
    ("syndicat intercommunal a vocation unique", "sivu"),
    ("syndicat intercommunal", "si"),
    ("syndicat mixte", "sm"),
    ("pole metropolitain", "pm"),
    ("pole d equilibre territorial et rural", "petr"),
    ("conseil departemental", "departement"),
    ("conseil regional", "region"),
)
# Words that carry nothing in a file name once the head is gone.
_LINKS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en"})
SLUG_MAX = 40  # characters: the name stays readable in a file list, whole for nearly every assembly


def _fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: « Saint-Aubin-sur-Loire » → « saint aubin sur loire »."""
    # The typographic apostrophe has no ASCII form: « d’agglomération » would fold to « dagglomeration ».
    ascii_text = unicodedata.normalize("NFKD", text.replace("’", " ")).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.split(r"[^a-z0-9]+", ascii_text)).strip()


def assembly_slug(assembly: Assembly) -> str:
    """A short, file-safe slug of the assembly's name: the commune's own name for a commune
    (« saint-aubin-sur-loire »), the shortened head and the rest for another body (« cc-touraine-est »,
    « departement-indre-loire »); at most SLUG_MAX characters, cut between words; « assemblee » if
    the name has no letter or digit."""
    folded = _fold(commune_name(assembly) or assembly.name)
    head = ""
    for long, short in _HEADS:
        if folded == long or folded.startswith(long + " "):
            head, folded = short, folded[len(long):].strip()
            break
    # A commune's own article stays (« le-mans »); the links inside a name go (« indre-loire »).
    words = [w for i, w in enumerate(folded.split()) if (i == 0 and not head) or w not in _LINKS] or folded.split()
    slug = "-".join(([head] if head else []) + words)
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug.strip("-") or "assemblee"


def session_stamp(state: SessionState) -> str:
    """« saint-aubin-sur-loire-2026-11-20-18h30 »: the assembly, the day and the convened hour."""
    start = state.setup.start_time
    return f"{assembly_slug(state.assembly)}-{state.setup.date.isoformat()}-{start.hour:02d}h{start.minute:02d}"


def pv_file_name(state: SessionState, *, signed: bool = False) -> str:
    """The procès-verbal's name, as `seance-desk documents` writes it (and the window suggests it)."""
    return f"proces-verbal-{'signe-' if signed else ''}{session_stamp(state)}.pdf"
