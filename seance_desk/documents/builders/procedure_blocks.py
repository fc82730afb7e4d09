"""Two sections of the procès-verbal that the agenda does not carry (issue 10 § 3):

- « Urgence de la convocation », right after the opening and the secretaries: the chair's report on
  the urgency and the assembly's decision on it, with the items it postponed (LAW.md §10.3);
- « Questions diverses et informations », after the délibérations and before the levée: what was
  recorded in session without a vote (art. L2121-19 CGCT; LAW.md §10.4).
"""

from __future__ import annotations

from ...models.enums import SessionQuestionKind
from ...models.french import french_date, french_int, french_time
from ...models.state.questions import NOT_ON_AGENDA_ARTICLE, ORAL_QUESTIONS_ARTICLE
from ...models.state.session_state import SessionState
from ...models.state.urgency import UrgencyDecision, urgency_warning
from ._common import Names, body_name, esc, numbers_phrase, president_role
from .document import Block, Heading, Paragraph


def urgency_blocks(state: SessionState, names: Names) -> list[Block]:
    """Nothing for a session convened within the ordinary delays."""
    if not state.setup.urgent or state.opened_at is None:
        return []
    blocks: list[Block] = [Heading("Urgence de la convocation", 1)]
    decision = state.urgency
    warning = urgency_warning(state)
    if warning is not None:  # a session stored before the rule: its items were discussed without a decision
        blocks.append(Paragraph(esc(
            f"{warning} : la séance a été convoquée en urgence et ses points ont été mis en discussion sans que "
            "l'assemblée se soit prononcée sur l'urgence, ce que la version de Séance Desk alors utilisée n'exigeait pas."),
            style="note"))
        return blocks
    if decision is None:
        blocks.append(Paragraph(
            "La séance a été convoquée en urgence : l'assemblée ne s'est pas encore prononcée sur l'urgence.", style="note"))
        return blocks
    blocks.append(Paragraph(esc(_report_sentence(state, names, decision))))
    blocks.append(Paragraph(esc(decision_sentence(state, decision))))
    blocks.append(Paragraph(esc(decision.result.text + "."), style="note"))
    return blocks


def _report_sentence(state: SessionState, names: Names, decision: UrgencyDecision) -> str:
    chair = state.setup.chair_id
    sent = state.setup.convocation_sent_on
    convocation = f"de la convocation adressée le {french_date(sent)}" if sent else "de la convocation"
    report = decision.report.rstrip(" .")
    if report[:1].isupper() and not report[1:2].isupper():  # « : délai de recours », not « : Délai » (an acronym stays)
        report = report[0].lower() + report[1:]
    # The PV relates in the past tense, as its preamble does (« s'est réuni », « a été reconnue »).
    return (f"À {french_time(decision.at)}, dès l'ouverture de la séance, {president_role(names, chair).lower()}, "
            f"{names(chair)}, a rendu compte de l'urgence {convocation} : {report}.")


def _votes(decision: UrgencyDecision) -> str:
    """« 10 voix pour, 4 contre », « … et 2 abstentions »."""
    tally = decision.result.value.tally
    text = f"{french_int(tally.pour)} voix pour, {french_int(tally.contre)} contre"
    if tally.abstention:
        text += f" et {french_int(tally.abstention)} abstention{'s' if tally.abstention > 1 else ''}"
    return text


def decision_sentence(state: SessionState, decision: UrgencyDecision) -> str:
    """« L'urgence a été reconnue par 10 voix pour, 4 contre. », or why every item is postponed."""
    outcome = decision.result.value
    casting = ""
    if outcome.casting_vote_used and decision.chair_choice is not None:
        chair = state.assembly.member(state.setup.chair_id) if state.setup.chair_id else None
        whose = "de la présidente, qui a" if chair is not None and chair.is_woman else "du président, qui a"
        casting = f", la voix {whose} voté {decision.chair_choice.label}, étant prépondérante"
    numbers = [state.items[item_id].item.number for item_id in decision.postponed_item_ids]
    if not outcome.adopted:
        sentence = f"L'urgence n'a pas été reconnue ({_votes(decision)}{casting})"
        if numbers:
            points = "le point" if len(numbers) == 1 else "les points"
            verb = "est reporté" if len(numbers) == 1 else "sont reportés"
            sentence += (f" : {points} de l'ordre du jour {numbers_phrase(numbers)} {verb} à une séance ultérieure, "
                         "convoquée dans les délais ordinaires")
        return sentence + "."
    sentence = f"L'urgence a été reconnue par {_votes(decision)}{casting}."
    if numbers:
        listed = [f"n° {state.items[i].item.number} (« {state.items[i].item.title} »)" for i in decision.postponed_item_ids]
        points = "le point " + listed[0] if len(listed) == 1 else "les points " + ", ".join(listed[:-1]) + " et " + listed[-1]
        sentence += f" {body_name(state.assembly).capitalize()} a toutefois renvoyé à une séance ultérieure {points}."
    return sentence


def questions_blocks(state: SessionState, names: Names) -> list[Block]:
    """Nothing when nothing was recorded."""
    if not state.questions:
        return []
    blocks: list[Block] = [Heading("Questions diverses et informations", 1)]
    blocks.append(Paragraph(esc(
        "Sans vote : seules les questions inscrites à l'ordre du jour de la convocation peuvent faire l'objet "
        f"d'une délibération ({NOT_ON_AGENDA_ARTICLE})."), style="note"))
    for question in state.questions:
        if question.kind is SessionQuestionKind.QUESTION_ORALE:
            lead = f"Question orale de {names(question.author_id)} ({ORAL_QUESTIONS_ARTICLE})"
        elif question.author_id:
            lead = f"Information donnée par {names(question.author_id)}"
        else:
            lead = "Information"
        blocks.append(Paragraph(f"<b>{esc(lead)} : {esc(question.title.rstrip(' .'))}.</b>"))
        if question.summary:
            blocks.append(Paragraph(esc(question.summary)))
    return blocks
