"""Quoting outside input in a refusal message without pasting all of it.

A reader that refuses a value says which one; but a cell of 140,000 characters, or a whole JSON
list, quoted in full would bury the message (and fill a terminal or a dialog). Every reader of
outside input quotes at most `LIMIT` characters of the offending value, cut with « … ».
"""

from __future__ import annotations

import re

LIMIT = 80
# One problem, values already cut, is still bounded: a message may quote many values (a header of
# 10,000 columns), and the dialog or terminal must stay readable.
MESSAGE_LIMIT = 1_000
ELLIPSIS = "…"


def excerpt(value: object, limit: int = LIMIT) -> str:
    """The value as text, at most `limit` characters, cut with « … »; line breaks and other
    invisible characters shown escaped, so that the quoted excerpt stays on one line."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    text = text[:limit]
    visible = "".join(ch if ch.isprintable() or ch == " " else _escaped(ch) for ch in text)
    if len(visible) > limit:  # escapes lengthen the text
        visible, cut = visible[:limit], True
    return visible + ELLIPSIS if cut else visible


def _escaped(ch: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")


# A value quoted « like this », 'like this' (Python's repr, used by the domain's messages) or "like this".
# A repr's opening quote never follows a letter, nor does its closing one precede a letter: this keeps
# French elisions (« l'assemblée … d'elle-même ») from being taken for one long quoted value.
_QUOTED = re.compile(r"«\s?(?P<g>[^»]*?)\s?»|(?<!\w)'(?P<s>[^'\n]*)'(?!\w)|\"(?P<d>[^\"\n]*)\"")


def clip_message(message: str) -> str:
    """A message written elsewhere (the domain's parsers), with each quoted value longer than
    `LIMIT` cut, then the whole bounded: the safety net behind the readers' own `excerpt` calls."""
    if len(message) <= LIMIT:
        return message

    def cut(match: re.Match[str]) -> str:
        inner = match.group(match.lastgroup or 0)
        if len(inner) <= LIMIT:
            return match.group(0)
        clipped = inner[:LIMIT] + ELLIPSIS
        return {"g": f"« {clipped} »", "s": f"'{clipped}'", "d": f'"{clipped}"'}[match.lastgroup or "g"]

    clipped = _QUOTED.sub(cut, message)
    if len(clipped) > MESSAGE_LIMIT:
        clipped = clipped[: MESSAGE_LIMIT - 1] + ELLIPSIS
    return clipped
