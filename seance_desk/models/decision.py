"""Every rule answers with a value, an explanation in French and the article it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Decision(Generic[T]):
    value: T
    explanation: str  # a French sentence the chair can read out, without the article
    article: str  # "art. L2121-17 CGCT"
    # True where LAW.md marks the rule [M] (unverified): the explanation then says it is the
    # default reading, and the règlement intérieur can override it.
    default_reading: bool = False

    @property
    def text(self) -> str:
        """The explanation as shown on screen and printed: « … — art. L2121-17 CGCT »."""
        suffix = " (lecture par défaut, modifiable dans le règlement intérieur)" if self.default_reading else ""
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
