"""What every refusal of a reader of outside input must look like: French, bounded, nothing leaked
from Python (no exception name, no English message of the standard library)."""

from __future__ import annotations

# What Python's own errors say; a French refusal never contains them.
ENGLISH = (
    "Traceback", "Error:", "unhashable", "object has no attribute", "not subscriptable", "is not iterable", "Expecting ",
    "field larger than field limit", "codec can't decode", "invalid start byte", "unexpected end of data", "NoneType",
    "line contains NUL", "new-line character seen",
)
# A refusal lists at most a dozen lines, each quoting at most 80 characters of a value.
MAX_MESSAGE = 20_000


def assert_french_refusal(message: str) -> None:
    assert message.strip(), "refus sans message"
    assert len(message) <= MAX_MESSAGE, f"message de {len(message)} caractères : {message[:300]}…"
    leaked = [word for word in ENGLISH if word in message]
    assert not leaked, f"message non traduit ({leaked}) : {message[:500]}"
