"""What the agenda's details and buttons say of an item's act: its projet's summary, its
classification's caption, and whether the « Texte du projet… » and « Classement @ctes… » dialogs
would be refused now — without those dialogs' widgets (issue 8, start-up time).

Why here: the agenda panel asks these at every start, for the item in front; imported from the
dialogs' modules, they brought the dialogs themselves (QDialog, QComboBox, QPlainTextEdit, the button
boxes' helpers and the PySide6 types and enums they make) into the start-up, before the chair could
act. The dialogs import them from here and are loaded when first opened. No Qt here."""

from __future__ import annotations

from ...models.act_text import ActeNature, DeliberationText, article_label
from ...models.decision import RuleViolation
from ...models.state import checks
from ...models.state.session_state import SessionState

# A text no projet can equal: the button asks the check whether *a* revision is receivable now,
# not whether one particular text is (the check also refuses a text left unchanged).
ANY_OTHER_TEXT = DeliberationText(rapport="\u0000")


def revision_refusal(state: SessionState, item_id: str) -> RuleViolation | None:
    """Why the projet of this item cannot be revised now (vote opened, amendment moved…), or None."""
    return checks.text_revision_refusal(state, item_id=item_id, text=ANY_OTHER_TEXT)


def projet_summary(text: DeliberationText | None) -> str:
    """The projet as the agenda's details show it: visas, considérants, « DÉCIDE : » and the articles."""
    if text is None or text.is_empty:
        return "Aucun projet de délibération"
    lines = [*text.visas, *text.considerants]
    if text.articles:
        lines.append("DÉCIDE :")
        lines += [f"{article_label(n)} : {article}" for n, article in enumerate(text.articles, start=1)]
    if text.rapport.strip() and not lines:
        lines.append("(rapport seul, sans dispositif)")
    return "\n".join(lines)


def classifying_refusal(state: SessionState, item_id: str) -> RuleViolation | None:
    """Why no classification of this item is receivable now (act transmitted, item not voted after
    the levée…), or None. It asks the check with a nature other than the current one, which the
    check can only refuse for the act's own sake, not for being unchanged."""
    other = ActeNature.REGLEMENTAIRE if state.act(item_id).nature is ActeNature.DELIBERATION else ActeNature.DELIBERATION
    return checks.classification_refusal(state, item_id=item_id, nature=int(other))


def nature_caption(nature: ActeNature) -> str:
    """« 1 — délibération (DE) », as the combo lists them."""
    return f"{int(nature)} — {nature.label} ({nature.short})"
