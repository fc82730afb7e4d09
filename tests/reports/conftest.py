from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest

from seance_desk.documents.builders.document import (
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)

NBSP, NNBSP = "\u00a0", "\u202f"
HEAD = hashlib.sha256(b"journal head").hexdigest()
ACCENTED = (
    f"Le conseil, après en avoir délibéré, décide à l’unanimité{NNBSP}; Mme Françoise Lœuvre rappelle que "
    f"l’œuvre communale — «{NBSP}la médiathèque{NBSP}» — coûtera 1{NNBSP}250{NNBSP}000{NBSP}€{NNBSP}! "
    "Ça, c’est déjà <b>voté</b> et <i>exécutoire</i> ; les élus présents sont informés & d’accord."
)


def names(n: int) -> tuple[tuple[str, ...], ...]:
    first = ("Amélie", "Benoît", "Cécile", "Dominique", "Éloïse", "François", "Gaëlle", "Hélène")
    last = ("Lefèvre", "Môrice", "Dupré", "Çelik", "Bœuf", "Garçon", "Noël", "Périer")
    return tuple(
        (
            f"{i + 1}",
            f"{first[i % 8]} {last[(i * 3) % 8]}" + (" épouse Martin-Desrosiers de la Vallée" if i % 17 == 0 else ""),
            ("Pour", "Contre", "Abstention", "Ne prend pas part au vote")[i % 4],
            f"Procuration à {first[(i + 1) % 8]} {last[i % 8]}" if i % 5 == 0 else "",
        )
        for i in range(n)
    )


def big_document() -> Document:
    blocks: list = [
        KeyValues((("Date", "jeudi 20 novembre 2026"), ("Président", "M. Jérôme Lacôte"), ("Secrétaire", "Mme Zoé Nœl"))),
    ]
    for point in range(1, 11):
        blocks.append(Heading(f"Point n°{NBSP}{point} — Délibération relative à l’aménagement du quartier"))
        blocks.append(Heading("Exposé des motifs", level=2))
        blocks += [Paragraph(f"{ACCENTED} (paragraphe {k})") for k in range(14)]
        blocks += [Paragraph(f"Élément de liste n°{NBSP}{k} : procès-verbal approuvé", bullet=True) for k in range(5)]
        blocks.append(Paragraph("Quorum atteint : 27 présents sur 33 (article L.2121-17 du CGCT).", style="note"))
        if point % 2 == 1:
            blocks.append(Table(("N°", "Nom", "Vote", "Observation"), names(240), (0.08, 0.42, 0.2, 0.3)))
        blocks.append(Paragraph("Adopté.", style="centered"))
    blocks.append(PageBreak())
    blocks.append(Paragraph("Fait et délibéré les jour, mois et an susdits.", style="small"))
    blocks.append(
        SignatureBlock(
            (
                ("Le président de séance", "M. Jérôme Lacôte"),
                ("La secrétaire de séance", "Mme Zoé Nœl"),
                ("Le maire", "M. Aurélien Çelik"),
            )
        )
    )
    return Document(
        kind="procès-verbal",
        title="Procès-verbal de la séance du conseil municipal",
        assembly_name="Conseil municipal de Saint-Étienne-lès-Remiremont",
        session_date=date(2026, 11, 20),
        blocks=tuple(blocks),
        journal_head=HEAD,
        subject="Séance du 20 novembre 2026",
        keywords=("procès-verbal", "conseil municipal"),
    )


def small_document() -> Document:
    return Document(
        kind="extrait du registre",
        title="Extrait du registre des délibérations",
        assembly_name="Conseil communautaire du Pays de Bray",
        session_date=date(2026, 3, 1),
        blocks=(
            Heading("Délibération n°\u00a02026-014"),
            Paragraph(ACCENTED),
            Table(("Pour", "Contre", "Abstentions"), (("21", "3", "2"),)),
            SignatureBlock((("Le président", "M. René Faÿ"),)),
        ),
        journal_head=HEAD,
    )


@pytest.fixture(scope="session")
def big_pdf() -> tuple[bytes, int]:
    buffer = io.BytesIO()
    from seance_desk.documents.pdf import render_pdf

    pages = render_pdf(big_document(), buffer)
    return buffer.getvalue(), pages


@pytest.fixture(scope="session")
def big_pdfa(tmp_path_factory) -> tuple[bytes, int]:
    from seance_desk.documents.pdf import render_pdfa

    path = tmp_path_factory.mktemp("pdfa") / "pv.pdf"
    pages = render_pdfa(big_document(), path)
    return path.read_bytes(), pages
