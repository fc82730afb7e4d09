"""Word and LibreOffice documents made with the libraries the reader uses (python-docx, odfdo), for the
tests and for the examples of docs/exemples/textes/.

Regenerate the examples (after changing the texts below) with:
    python -m tests.prepare.documents
"""

from __future__ import annotations

import io
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "exemples"

# A paragraph is a string; ("titre", text) is a heading; ("tableau", [[cells]…]) a table; ("liste", [items]) a list.
Block = str | tuple[str, object]


def make_docx(blocks: list[Block]) -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "COMMUNE DE VILLENEUVE — en-tête, hors du texte de l'acte"
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "titre":
            document.add_heading(str(block[1]), level=2)
        elif block[0] == "liste":
            for entry in block[1]:  # type: ignore[union-attr]
                document.add_paragraph(str(entry), style="List Bullet")
        elif block[0] == "tableau":
            rows = list(block[1])  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(blocks: list[Block]) -> bytes:
    from odfdo import Document, Header, List, Paragraph, Table

    document = Document("text")
    document.body.clear()
    for block in blocks:
        if isinstance(block, str):
            document.body.append(Paragraph(block))
        elif block[0] == "titre":
            document.body.append(Header(2, str(block[1])))
        elif block[0] == "liste":
            document.body.append(List([str(entry) for entry in block[1]]))  # type: ignore[union-attr]
        elif block[0] == "tableau":
            rows = list(block[1])  # type: ignore[call-overload]
            table = Table("Tableau", width=len(rows[0]), height=len(rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.set_value((c, r), value)
            document.body.append(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BUDGET: list[Block] = [
    "PROJET DE DÉLIBÉRATION",
    "Objet : Budget primitif 2027",
    ("titre", "Note de synthèse"),
    "Le budget primitif 2027 traduit les orientations débattues lors du débat d'orientation budgétaire du "
    "20 novembre 2026. Il est présenté par chapitre et voté par nature.",
    ("tableau", [["Section", "Dépenses", "Recettes"], ["Fonctionnement", "8 412 300 €", "8 412 300 €"], ["Investissement", "3 260 000 €", "3 260 000 €"]]),
    "Les taux des impôts locaux restent inchangés ; l'épargne brute atteint 1 050 000 €.",
    "Le conseil municipal,",
    "Vu le code général des collectivités territoriales, notamment ses articles L2311-1 à L2343-2 ;",
    "Vu l'instruction budgétaire et comptable M57 ;",
    "Vu la délibération du 20 novembre 2026 prenant acte du débat d'orientation budgétaire ;",
    "Vu l'avis de la commission des finances du 4 décembre 2026 ;",
    "Considérant que le projet de budget a été transmis aux conseillers municipaux avec la note de synthèse "
    "douze jours avant la séance ;",
    "Après en avoir délibéré,",
    "DÉCIDE :",
    "Article 1er : Le budget primitif 2027 du budget principal est adopté par chapitre, tel qu'il est annexé "
    "à la présente délibération.",
    "Article 2 : Il s'équilibre en dépenses et en recettes à 8 412 300 € en section de fonctionnement et à "
    "3 260 000 € en section d'investissement.",
    "Article 3 : Monsieur le Maire est chargé de l'exécution de la présente délibération.",
    "Fait et délibéré les jour, mois et an susdits.",
    "La Maire,",
]

CARRIERE: list[Block] = [
    ("titre", "Rapport"),
    "La société des Carrières du Val a déposé une demande d'autorisation environnementale pour étendre la "
    "carrière des Grès de 12 hectares et en prolonger l'exploitation de quinze ans.",
    "L'enquête publique se déroule du 1er au 31 décembre 2026. La commune, située dans le rayon d'affichage, "
    "est appelée à donner son avis.",
    ("liste", [
        "Vu le code de l'environnement, notamment ses articles L181-1 et R181-38 ;",
        "Vu l'arrêté préfectoral du 15 novembre 2026 portant ouverture de l'enquête publique ;",
    ]),
    "Considérant que le projet prévoit la remise en état du site en espace naturel ;",
    "Considérant toutefois que la circulation des camions traversera le hameau des Grès ;",
    "Le conseil municipal, après en avoir délibéré,",
    "DÉCIDE :",
    "Article premier – Un avis favorable est donné à la demande d'autorisation, sous réserve de la création "
    "d'un accès direct à la route départementale 12.",
    "Article 2 – La présente délibération sera transmise au commissaire enquêteur.",
]

TARIFS = """\
Note de synthèse

Les tarifs de la médiathèque n'ont pas été revus depuis 2022. Il est proposé
de les actualiser au 1er janvier 2027 et de créer un tarif réduit pour les
demandeurs d'emploi.

Vu le code général des collectivités territoriales, notamment son article
L2121-29 ;
Vu la délibération du 14 décembre 2022 fixant les tarifs de la médiathèque ;
Considérant la hausse du coût des abonnements numériques ;

Le conseil municipal, après en avoir délibéré, DÉCIDE :

Article 1er : Les tarifs de la médiathèque sont fixés comme suit à compter
du 1er janvier 2027 : abonnement annuel 15 € ; tarif réduit 5 €.
Article 2 : L'inscription reste gratuite pour les moins de 18 ans.
"""

EXAMPLE_FILES = {
    "3 - Budget primitif 2027.docx": lambda: make_docx(BUDGET),
    "05 - Carrière des Grès.odt": lambda: make_odt(CARRIERE),
    "point-6.txt": lambda: TARIFS.encode("utf-8"),
}


def write_examples(folder: Path = EXAMPLES / "textes") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in EXAMPLE_FILES.items():
        (folder / name).write_bytes(make())


if __name__ == "__main__":
    write_examples()
