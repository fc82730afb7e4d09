"""The avis de séance as a small self-contained HTML page the town hall puts on its website (the
seed's art. 14: « publication de l'ordre du jour sur le site internet de la collectivité »).

One file, no script, no outside resource; every text from the setup is escaped (a title or a name
may hold « < », « & » or quotes), and the stream's link is kept only if it is an http(s) URL.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from ..documents.builders._common import Names
from ..documents.builders.convocation_builder import avis_sentence, election_mention, public_mention
from ..models.state.session_state import SessionState

_STYLE = (
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
    "h1{font-size:1.5em}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #999;padding:.35em .5em;text-align:left;vertical-align:top}th{background:#eee}"
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def safe_link(url: str) -> str:
    """The URL if it is a plain http(s) link, else "" (no javascript:, data: or broken quoting)."""
    text = url.strip()
    if not text or any(c.isspace() or c in "\"'<>" for c in text):
        return ""
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


def avis_html(state: SessionState, stream_url: str = "") -> str:
    assembly, setup = state.assembly, state.setup
    names = Names(assembly)
    rows = "\n".join(
        f"<tr><td>{item.number}</td><td>{_e(item.title)}</td><td>{_e(names(item.rapporteur_id)) if item.rapporteur_id else '—'}</td></tr>"
        for item in sorted(setup.agenda, key=lambda it: it.number)
    )
    link = safe_link(stream_url)
    follow = (f'<p>La séance est publique. Les débats peuvent être suivis en direct à l\'adresse suivante : <a href="{_e(link)}">{_e(link)}</a></p>'
              if link else "<p>La séance est publique.</p>")
    mention = election_mention(state)
    election = f"<p><strong>{_e(public_mention(mention))}</strong></p>\n" if mention else ""
    title = f"Avis de séance — {setup.title}"
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{_e(title)}</h1>
<p>{_e(avis_sentence(state))}</p>
{election}{follow}
<h2>Ordre du jour</h2>
<table>
<thead><tr><th>N°</th><th>Objet</th><th>Rapporteur</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
