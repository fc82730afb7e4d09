"""The « teneur des discussions » between the editor (a QTextDocument) and the minutes' tiny markup.

The markup is the one `minutes.document.Paragraph` carries and `reports.pdf.to_markup` prints:
`<b>…</b>`, `<i>…</i>`, one line per paragraph ("\n"), bullet lines starting with « • », and
otherwise plain text — « & » and « < » are written as themselves (the renderer escapes every other
character, so an ampersand prints as itself). Text escaped the HTML way (`&amp;`, as
`minutes._common.esc` writes the pre-fill) is read too, and written back plain. Nothing else
survives: colours, fonts or sizes pasted from a word processor are dropped, so what the secretary
sees is what the PDF prints.

`markup_to_html(document_to_markup(doc))` loaded back gives the same markup (round trip).
"""

from __future__ import annotations

import re
from html import escape, unescape

from PySide6.QtGui import QFont, QTextDocument

__all__ = ["BULLET", "document_to_markup", "markup_to_html", "markup_to_plain"]

BULLET = "•"
_TOKEN = re.compile(r"<(/?)(b|i)>|<br\s*/?>", re.IGNORECASE)
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\ufffc": None})


def _esc(text: str) -> str:
    return escape(text, quote=False)


def _plain(text: str) -> str:
    """Text of the markup: entities read (`&amp;` → &), tags not recognised left as text."""
    return unescape(text)


# ------------------------------------------------------------------------------ editor → markup
def document_to_markup(document: QTextDocument) -> str:
    """The document as tiny markup: each block a line, list items prefixed with « • », bold and
    italic runs as <b>/<i> (bold outside italic, always well nested), text as typed."""
    lines: list[str] = []
    block = document.begin()
    while block.isValid():
        parts: list[str] = []
        bold = italic = False
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                want_bold = fmt.fontWeight() >= QFont.Weight.DemiBold
                want_italic = fmt.fontItalic()
                if want_bold != bold:
                    if italic:
                        parts.append("</i>")
                        italic = False
                    parts.append("<b>" if want_bold else "</b>")
                    bold = want_bold
                if want_italic != italic:
                    parts.append("<i>" if want_italic else "</i>")
                    italic = want_italic
                parts.append(fragment.text().translate(_LINE_SEPARATORS))
            it += 1
        if italic:
            parts.append("</i>")
        if bold:
            parts.append("</b>")
        line = _drop_empty_runs("".join(parts))
        if block.textList() is not None:
            line = f"{BULLET} {line}"
        lines.append(line)
        block = block.next()
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _drop_empty_runs(line: str) -> str:
    previous = None
    while previous != line:
        previous = line
        line = line.replace("<b></b>", "").replace("<i></i>", "").replace("</b><b>", "").replace("</i><i>", "")
    return line


# ------------------------------------------------------------------------------ markup → editor
def _inline_html(markup: str) -> str:
    """Markup of one line as HTML: <b>/<i> kept (unbalanced ones closed), everything else shown as
    text (entities already in the markup are read first)."""
    out: list[str] = []
    open_tags: list[str] = []
    position = 0
    for match in _TOKEN.finditer(markup):
        out.append(_esc(_plain(markup[position:match.start()])))
        position = match.end()
        tag = match.group(2)
        if tag is None:  # <br>: a line break inside the paragraph
            out.append("<br />")
            continue
        tag = tag.lower()
        if match.group(1):  # closing
            if tag in open_tags:
                while open_tags:
                    last = open_tags.pop()
                    out.append(f"</{last}>")
                    if last == tag:
                        break
        elif tag not in open_tags:
            open_tags.append(tag)
            out.append(f"<{tag}>")
    out.append(_esc(_plain(markup[position:])))
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def _bullet_text(line: str) -> str | None:
    stripped = line.lstrip()
    if stripped.startswith(BULLET):
        return stripped[len(BULLET):].lstrip(" \u00a0\u202f")
    return None


def markup_to_html(markup: str) -> str:
    """The markup as HTML for `QTextEdit.setHtml`: runs of « • » lines become one bulleted list,
    every other line a paragraph (an empty line an empty paragraph)."""
    html: list[str] = []
    in_list = False
    for line in markup.replace("\r\n", "\n").split("\n"):
        item = _bullet_text(line)
        if item is not None:
            if not in_list:
                html.append('<ul style="margin-top:0px; margin-bottom:0px;">')
                in_list = True
            html.append(f"<li>{_inline_html(item)}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        inline = _inline_html(line)
        empty = "" if inline else " -qt-paragraph-type:empty;"
        html.append(f'<p style="margin-top:0px; margin-bottom:0px;{empty}">{inline or "<br />"}</p>')
    if in_list:
        html.append("</ul>")
    return "".join(html)


def markup_to_plain(markup: str) -> str:
    """Readable text without the tags (for a tooltip or a search)."""
    return unescape(_TOKEN.sub(lambda m: "\n" if m.group(2) is None else "", markup))
