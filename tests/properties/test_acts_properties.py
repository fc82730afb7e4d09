"""Properties of the acts' pure rules (issue 9 § 1-2): applying adopted amendments to a projet, and
the @ctes form of register numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from seance_desk.models.act_text import DeliberationText
from seance_desk.models.amendments import AmendmentKind, Change, adopted_text, struck_out, target_problem
from seance_desk.models.rules.numbering import CTES_NUMBER, ctes_number, pattern_problem, register_number

WORDING = st.text(st.characters(codec="utf-8", exclude_characters="\n"), min_size=1, max_size=12).filter(str.strip)


@st.composite
def projet_and_changes(draw):
    articles = tuple(draw(st.lists(WORDING, min_size=0, max_size=5)))
    projet = DeliberationText(articles=articles)
    changes: list[Change] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(AmendmentKind))
        article = draw(st.none() | st.integers(1, max(1, len(articles))))
        wording = "" if kind is AmendmentKind.DELETE_ARTICLE else draw(WORDING)
        # Only what the state lets through: a valid target, never an article already struck out.
        if target_problem(projet, kind, article, wording) is None and article not in struck_out(changes):
            changes.append(Change(kind, article, wording))
    return projet, changes


@settings(max_examples=300, deadline=None)
@given(projet_and_changes())
def test_the_adopted_text_counts_its_articles_and_keeps_the_rest(drawn):
    projet, changes = drawn
    text = adopted_text(projet, changes)
    added = sum(c.kind is AmendmentKind.ADD_ARTICLE for c in changes)
    assert len(text.articles) == len(projet.articles) - len(struck_out(changes)) + added
    assert (text.visas, text.considerants, text.rapport) == (projet.visas, projet.considerants, projet.rapport)
    # Every added wording is somewhere in the adopted dispositif, unless its article was struck out
    # or given a whole new wording after it.
    for position, change in enumerate(changes):
        later = changes[position + 1 :]
        rewritten = any(c.article == change.article and c.kind in (AmendmentKind.DELETE_ARTICLE, AmendmentKind.REPLACE_ARTICLE) for c in later)
        if change.kind is AmendmentKind.ADD_ARTICLE:
            assert change.wording in text.articles
        elif change.kind is AmendmentKind.ADD_PARAGRAPH and not rewritten:
            assert any(change.wording in article.split("\n") for article in text.articles)
    assert adopted_text(projet, []) == projet


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_the_ctes_form_holds_only_what_s2low_allows(number):
    form = ctes_number(number)
    assert len(form) == len(number.upper())
    assert set(form) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(st.characters(codec="ascii", categories=("Lu", "Nd")), max_size=4), year=st.integers(2000, 2099), rank=st.integers(1, 999))
def test_an_accepted_pattern_numbers_every_rank_for_ctes(prefix, year, rank):
    pattern = prefix + "{annee}-{numero:03d}"
    if pattern_problem(pattern) is None:
        assert CTES_NUMBER.fullmatch(ctes_number(register_number(pattern, year, rank)))
