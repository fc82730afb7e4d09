"""Every rule answers with a value, an explanation in French and the article it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Decision(Generic[T]):
    """A rule's verdict with its French explanation and the article it applies."""
    value: T
    explanation: str  # a French sentence the chair can read out, without the article
    article: str  # "art. L2121-17 CGCT"
    # True where LAW.md marks the rule [M] (unverified): the explanation then says it is the
    # default reading.
    default_reading: bool = False
    # Whether the règlement intérieur may choose another reading (a threshold the code leaves to the
    # assembly). False where the doubt is about the law itself — which regime applied on a date, a
    # délai fixed by the code: no règlement can decide those, and saying so would be untrue.
    reglement_may_choose: bool = True

    @property
    def text(self) -> str:
        """The explanation as shown on screen and printed: « … — art. L2121-17 CGCT »."""
        suffix = ""
        if self.default_reading:
            suffix = (" (lecture par défaut, modifiable dans le règlement intérieur)" if self.reglement_may_choose
                      else " (lecture par défaut : la portée du texte reste incertaine)")
        return f"{self.explanation} — {self.article}{suffix}"

    def to_dict(self) -> dict:
        value = self.value
        if hasattr(value, "to_dict"):
            value = value.to_dict()
        elif not isinstance(value, (bool, int, str, type(None))):
            value = str(value)
        return {
            "value": value,
            "explanation": self.explanation,
            "article": self.article,
            "default_reading": self.default_reading,
            "text": self.text,
        }


class RuleViolation(Exception):
    """A command the law or the session's state forbids. The message is French and names the rule."""

    def __init__(self, message: str, article: str | None = None):
        self.message = message
        self.article = article
        super().__init__(f"{message} — {article}" if article else message)

    def __str__(self) -> str:
        return f"{self.message} — {self.article}" if self.article else self.message
