"""The command line's grammar: every sub-command and option, said in French (argparse's own
messages included)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from .. import __version__
from ..models.enums import BodyKind, ResultNames, SessionMode
from .errors import EXIT_USAGE


# argparse's own error sentences (Python 3.12), said in French. Matched on the formatted message:
# argparse asks gettext for them, and changing gettext's domain would change every other program's.
_ERRORS = (
    (re.compile(r"^the following arguments are required: (.*)$"), r"arguments obligatoires manquants : \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"arguments non reconnus : \1"),
    (re.compile(r"^argument (.*?): invalid choice: (.*) \(choose from (.*)\)$"), r"argument \1 : choix invalide : \2 (choisir parmi \3)"),
    (re.compile(r"^argument (.*?): invalid (\w+) value: (.*)$"), r"argument \1 : valeur invalide : \3"),
    (re.compile(r"^argument (.*?): expected one argument$"), r"argument \1 : une valeur est attendue"),
    (re.compile(r"^argument (.*?): (.*)$"), r"argument \1 : \2"),
)


def _french_error(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse in French: « utilisation : », « arguments positionnels », « options », its -h and
    its error sentences."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:  # noqa: ANN002, ANN003 (argparse's)
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        # argparse writes « title: »; the trailing space gives the French « title : ».
        self._positionals.title = "arguments positionnels "
        self._optionals.title = "options "
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="affiche cette aide et quitte")

    def error(self, message: str) -> None:  # argparse's own messages are English: say it in French
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"seance-desk : commande invalide ({_french_error(message)})\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {text!r} (AAAA-MM-JJ attendu)") from None


def _hour(text: str):
    from ..files.prepare import parse_time

    found = parse_time(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"heure invalide : {text!r} (HH:MM attendu)")
    return found


def _population(text: str) -> int:
    try:
        value = int(text.replace(" ", "").replace("\u202f", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"population invalide : {text!r} (nombre entier attendu)")
    return value


def _item_numbers(text: str) -> list[int]:
    from ..files.prepare import parse_item_numbers

    numbers = parse_item_numbers(text)
    if not numbers:
        raise argparse.ArgumentTypeError(f"liste de points invalide : {text!r} (numéros de l'ordre du jour attendus, ex. : 1,3-5)")
    return numbers


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1900 <= value <= 2999:
        raise argparse.ArgumentTypeError(f"année invalide : {text!r} (AAAA attendu, ex. : 2026)")
    return value


def _seats(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"effectif invalide : {text!r} (nombre entier de membres attendu)")
    return value


def _reglement_presets() -> list[str]:
    from ..models.assembly import REGLEMENT_PRESETS

    return list(REGLEMENT_PRESETS)


# `prepare --noms-dans-les-resultats`: whom an ordinary vote's result names (Reglement.result_names).
RESULT_NAMES_OPTIONS: dict[str, ResultNames] = {
    "contre-abstentions-nppv": ResultNames.OPPOSANTS,
    "tous": ResultNames.TOUS,
    "aucun": ResultNames.AUCUN,
}


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="seance-desk",
        description="Séance Desk — le poste du président de séance. Sans commande : ouvre la fenêtre sur la dernière séance (ou une séance de démonstration au premier lancement).",
    )
    parser.add_argument("--version", action="version", version=f"Séance Desk {__version__}", help="affiche la version et quitte")
    parser.add_argument("--data-dir", type=Path, help="dossier des données (par défaut : dossier utilisateur ; ou variable SEANCE_DESK_DATA_DIR)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="base partagée sur un serveur PostgreSQL (postgresql://utilisateur@serveur/base) au lieu du fichier local ; ou variable SEANCE_DESK_DATABASE",
    )
    sub = parser.add_subparsers(dest="command", parser_class=FrenchArgumentParser, metavar="COMMANDE")

    demo = sub.add_parser("demo", help="écrit une séance de démonstration réaliste dans un fichier")
    demo.add_argument("--out", type=Path, required=True, help="fichier de séance à écrire (.json)")
    demo.add_argument("--members", type=int, default=33, help="nombre de membres (5 à 240 ; défaut 33)")
    demo.add_argument("--items", type=int, default=12, help="nombre de points à l'ordre du jour (défaut 12)")
    demo.add_argument("--kind", choices=[k.value for k in BodyKind], help="type d'assemblée (défaut : commune jusqu'à 69 membres, sinon EPCI)")
    demo.add_argument("--date", type=_date, help="date de la séance (AAAA-MM-JJ ; défaut : aujourd'hui)")
    demo.add_argument("--remote", action="store_true", help="séance en plusieurs lieux par visioconférence")
    demo.add_argument("--seed", type=int, default=2026, help="graine du générateur (même graine, même séance)")
    demo.add_argument(
        "--installation", action="store_true",
        help="séance d'installation d'un conseil municipal de 23 membres : élection du maire (au troisième tour) et des adjoints",
    )
    demo.add_argument("--jusqu-a", dest="until", metavar="ÉTAPE", help="avec --installation : arrête la séance avant cette étape (appel, ouverture, tour_3…)")

    replay = sub.add_parser("replay", help="rejoue une séance : quorum et résultat de chaque point, avec leurs motifs")
    replay.add_argument("file", type=Path)
    replay.add_argument("--json", action="store_true", help="sortie JSON")

    verify = sub.add_parser("verify", help="vérifie un fichier de séance (chaîne SHA-256) ou un procès-verbal PDF signé")
    verify.add_argument("file", type=Path, nargs="?")
    verify.add_argument(
        "--seance", type=int, metavar="N",
        help="ou : la séance n° N de la base — sa chaîne, sa fin de journal et ses points ancrés (avec --trust : leurs signataires)",
    )
    verify.add_argument("--session", type=Path, help="pour un PDF : le fichier de séance dont il doit refléter le journal")
    verify.add_argument(
        "--trust", type=Path, nargs="+", action="extend", metavar="CERT",
        help="pour un PDF : les certificats des autorités de confiance (PEM ou DER) auxquels la chaîne du signataire doit remonter ; "
        "sans cette option, le signataire n'est pas vérifié",
    )
    verify.epilog = (
        "Codes de sortie pour un PDF : 0 signature intacte, couvrant tout le fichier (et conforme au journal avec --session ; "
        "signataire reconnu avec --trust — sans --trust, le signataire n'est pas vérifié et le message le dit) ; "
        "1 document altéré, signature absente, journal différent ou signataire non reconnu par les autorités données ; 2 usage incorrect."
    )

    pv = sub.add_parser("pv", help="écrit le procès-verbal d'une séance en PDF/A, signé si un certificat est donné")
    pv.add_argument("file", type=Path, nargs="?", help="fichier de séance (.json)")
    pv.add_argument("--seance", type=int, metavar="N", help="ou : la séance n° N de la base, avec les textes du secrétaire")
    pv.add_argument("--out", type=Path, required=True, help="PDF à écrire")
    pv.add_argument("--sign", type=Path, metavar="CERT.p12", help="certificat PKCS#12 de la collectivité (mot de passe : SEANCE_DESK_CERT_PASSWORD, ou demandé)")
    from .document_roles import add_user_argument  # issue 14 § 3: who acts, once the database has accounts

    add_user_argument(pv)

    documents = sub.add_parser("documents", help="écrit en PDF/A le procès-verbal, la liste des délibérations, les extraits et la feuille de clôture")
    documents.add_argument("file", type=Path, nargs="?", help="fichier de séance (.json)")
    documents.add_argument("--seance", type=int, metavar="N", help="ou : la séance n° N de la base, avec les textes du secrétaire")
    documents.add_argument("--out", type=Path, required=True, help="dossier où écrire les PDF")

    registre = sub.add_parser(
        "registre",
        help="écrit en PDF/A le registre des délibérations d'une année (séances de la base)",
        description="Toutes les délibérations de l'année, par ordre de date, des séances de la base d'une même assemblée "
        "(art. L2121-23 et R2121-9 CGCT) ; chaque séance est ouverte avec sa chaîne vérifiée.",
    )
    registre.add_argument("--annee", type=_year, required=True, metavar="AAAA", help="année du registre")
    registre.add_argument("--assemblee", metavar="NOM|ID", help="l'assemblée (nom ou identifiant), si plusieurs ont siégé cette année-là")
    registre.add_argument(
        "--sans-seance", dest="excluded", type=int, action="append", default=[], metavar="N",
        help="écarte la séance n° N de la base (une copie importée deux fois, une séance d'essai) ; répétable",
    )
    registre.add_argument("--out", type=Path, required=True, help="PDF à écrire")

    prep = sub.add_parser(
        "prepare",
        help="prépare une séance à partir de la liste des membres et de l'ordre du jour (CSV d'Excel) et écrit le fichier de séance",
        description="Lit les membres et l'ordre du jour exportés du logiciel de la mairie (CSV « ; », UTF-8 ou Windows-1252), "
        "vérifie l'ensemble et écrit le fichier de séance à importer (seance-desk import). Exemples : docs/exemples/.",
    )
    prep.add_argument("--roster", type=Path, metavar="MEMBRES.CSV", help="liste des membres (Civilité ; Nom ; Prénom ; Groupe ; Fonction…)")
    prep.add_argument(
        "--assemblee", nargs="?", const="", metavar="ID",
        help="au lieu de --roster : la composition en vigueur à la date de la séance, tirée de l'assemblée enregistrée dans la base "
        "(seance-desk assemblee) ; ID si plusieurs ; le type, le nom et la population en viennent aussi",
    )
    prep.add_argument(
        "--agenda", type=Path, required=True, metavar="ODJ.CSV",
        help="ordre du jour (N° ; Objet ; Rapporteur ; Nature ; Rapport ; ICPE ; Nature de l'acte ; Matière ; Texte)",
    )
    prep.add_argument(
        "--textes", type=Path, metavar="DOSSIER",
        help="dossier des projets de délibération (.docx, .odt ou .txt) nommés par numéro de point : « 3.docx », « 03 - Budget.odt », « point-3.txt »",
    )
    prep.add_argument("--out", type=Path, required=True, help="fichier de séance à écrire (.json)")
    prep.add_argument("--kind", choices=[k.value for k in BodyKind], help="type d'assemblée (obligatoire avec --roster)")
    prep.add_argument("--name", help="nom de l'assemblée (« Commune de Villeneuve » ; obligatoire avec --roster)")
    prep.add_argument(
        "--siege", dest="seat", metavar="VILLE",
        help="siège d'un EPCI, syndicat, département ou région : les actes sont « Fait à VILLE » (une commune : son nom)",
    )
    prep.add_argument("--population", type=_population, help="population municipale (ou totale) : fixe le délai de convocation (obligatoire avec --roster)")
    prep.add_argument("--date", type=_date, required=True, help="date de la séance (AAAA-MM-JJ)")
    prep.add_argument("--time", type=_hour, required=True, help="heure de la convocation (HH:MM, ou 18h30)")
    prep.add_argument("--place", action="append", required=True, help="lieu de réunion (répéter l'option pour plusieurs lieux)")
    prep.add_argument("--mode", choices=[m.value for m in SessionMode], default=SessionMode.IN_PERSON.value, help="presentiel (défaut), multisite ou distance")
    prep.add_argument("--chair", help="président de séance : « NOM Prénom » ou identifiant (défaut : le maire ou le président)")
    prep.add_argument("--secretary", action="append", default=[], help="secrétaire de séance proposé (répétable)")
    prep.add_argument("--executive", help="maire ou président, s'il n'est pas le seul membre dont la fonction le dit")
    prep.add_argument("--convocation-sent", type=_date, help="date d'envoi de la convocation (AAAA-MM-JJ) : le délai légal est vérifié")
    prep.add_argument("--urgent", action="store_true", help="convocation en urgence (délai d'un jour franc)")
    prep.add_argument("--first-after-renewal", action="store_true", help="première réunion après le renouvellement général")
    prep.add_argument("--reglement", choices=sorted(_reglement_presets()), help="règlement intérieur (défaut : standard, ou celui de l'assemblée enregistrée)")
    prep.add_argument(
        "--noms-dans-les-resultats", dest="result_names", choices=list(RESULT_NAMES_OPTIONS), default="contre-abstentions-nppv",
        help="qui le résultat d'un vote ordinaire nomme, selon le règlement intérieur : contre-abstentions-nppv (défaut : "
        "ceux qui votent contre, s'abstiennent ou ne prennent pas part), tous (tous les votants) ou aucun (les nombres seuls) ; "
        "un scrutin public nomme toujours chaque votant, un scrutin secret jamais",
    )
    prep.add_argument("--title", help="titre de la séance (défaut : « Séance du conseil municipal »…)")
    prep.add_argument(
        "--reconvocation-of", type=_date, metavar="AAAA-MM-JJ",
        help="séance convoquée de nouveau faute de quorum à la séance de cette date : les points reportés sont délibérés sans quorum",
    )
    prep.add_argument(
        "--carried-items", type=_item_numbers, metavar="1,3-5",
        help="points reportés de l'ordre du jour de la séance sans quorum, obligatoire avec --reconvocation-of : seuls ceux-là sont délibérés sans quorum",
    )
    prep.add_argument(
        "--approuver-pv", dest="approve_files", type=Path, action="append", default=[], metavar="FICHIER_DE_SEANCE",
        help="la séance précédente (son fichier) dont le procès-verbal est à arrêter : le point « approbation du procès-verbal » "
        "est lié à elle, ou ajouté en tête de l'ordre du jour (répétable)",
    )
    prep.add_argument(
        "--approuver-pv-seance", dest="approve_sessions", type=int, action="append", default=[], metavar="N",
        help="de même, la séance n° N de la base (répétable)",
    )
    prep.add_argument(
        "--effectif-reference", type=_seats, metavar="N",
        help="conseil réputé complet (commune de moins de 1 000 habitants, art. L2121-2-1 CGCT) : nombre de membres à l'issue "
        "de la dernière élection, retenu pour le quorum et les majorités au lieu des membres en exercice (pas le nombre légal de sièges)",
    )
    prep.add_argument(
        "--note-de-synthese-envoyee", dest="note_synthese_sent", action="store_true",
        help="la note explicative de synthèse a été jointe à la convocation (art. L2121-12 CGCT, obligatoire à partir de "
        "3 500 habitants et dans les EPCI) ; sans elle ni le rapport de chaque point, un avertissement",
    )

    from .assembly_parser import add_assembly_parser

    add_assembly_parser(sub, _date, _population, _seats, _reglement_presets())

    from .accounts_commands import add_accounts_parser  # issue 14 § 3

    add_accounts_parser(sub)

    imp = sub.add_parser("import", help="importe un fichier de séance dans la base")
    imp.add_argument("file", type=Path)
    add_user_argument(imp)

    exp = sub.add_parser("export", help="exporte une séance de la base vers un fichier")
    exp.add_argument("session_id")
    exp.add_argument("--out", type=Path, required=True)
    add_user_argument(exp)

    sub.add_parser("sessions", help="liste les séances de la base")

    backup = sub.add_parser("backup", help="sauvegarde la base (copie cohérente, même pendant une séance)")
    backup.add_argument("--out", type=Path, required=True, metavar="FICHIER", help="fichier de sauvegarde à écrire (lisible par vous seul)")

    check = sub.add_parser("check", help="vérifie la base : actions perdues, chaîne et rejeu de chaque séance")
    check.add_argument(
        "--accepter-la-perte",
        dest="accept_loss",
        action="store_true",
        help="si des actions confirmées ont disparu, poursuivre avec la base telle qu'elle est (après avoir lu ce qui est perdu)",
    )

    visio = sub.add_parser(
        "visio", help="rapport de participants Zoom ou Teams : qui était connecté, et quand ; arrivées et départs proposés (rien n'est enregistré)"
    )
    visio.add_argument("file", type=Path, metavar="RAPPORT", help="rapport de participants exporté de Zoom (CSV) ou de Teams")
    visio.add_argument("--seance", type=int, metavar="N", required=True, help="la séance n° N de la base (seance-desk sessions)")


    _add_before_session(sub)
    bench = sub.add_parser("bench", help="mesure les performances (séance de 240 membres et 80 points)")
    bench.add_argument("--json", action="store_true", help="sortie JSON")
    bench.add_argument("--members", type=int, default=240)
    bench.add_argument("--items", type=int, default=80)
    bench.add_argument("--actions", type=int, default=200, help="nombre d'actions mesurées")
    bench.add_argument("--no-window", action="store_true", help="sans les mesures de la fenêtre (démarrage, réactivité)")
    bench.add_argument(
        "--pg",
        metavar="URL",
        help="mesure aussi le mode partagé sur ce serveur PostgreSQL (rôle autorisé à créer une base ; ou variable SEANCE_DESK_BENCH_PG)",
    )
    # After the session, issue 13 § 7-10: actes, scdl, deadlines, publication, enregistrements.
    from .after_commands import add_parsers as add_after_session_parsers

    add_after_session_parsers(sub, _date, _year)
    return parser


def _moment(text: str):
    """« 2026-11-18T17:30 » or « 2026-11-18 17:30 », Paris time; a date alone is its noon."""
    from datetime import datetime, time

    from ..models.french import PARIS

    try:
        found = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"date-heure invalide : {text!r} (AAAA-MM-JJTHH:MM attendu)") from None
    if len(text.strip()) == 10:
        found = datetime.combine(found.date(), time(12, 0))
    return found.replace(tzinfo=PARIS) if found.tzinfo is None else found


def _add_before_session(sub) -> None:
    """`convocation` and `declaration` (issue 13, part A: before the session)."""
    conv = sub.add_parser(
        "convocation",
        help="convocation d'une séance de la base : PDF/A, invitations .ics, avis de séance, envoi par courriel et rappel",
        description="Tout se fait hors ligne sauf l'envoi (--envoyer, --rappel). Chaque envoi est consigné au journal de la séance, "
        "accepté ou refusé par le serveur ; un envoi refusé se relance avec la même commande. Réglages d'envoi : options ci-dessous, "
        "sinon variables SEANCE_DESK_SMTP_SERVEUR, _PORT, _SECURITE, _IDENTIFIANT, _EXPEDITEUR, _NOM_EXPEDITEUR, sinon préférences "
        "de la fenêtre ; mot de passe : SEANCE_DESK_SMTP_PASSWORD, ou demandé (jamais enregistré).",
    )
    conv.add_argument("seance", type=int, metavar="N", help="la séance n° N de la base (seance-desk sessions)")
    conv.add_argument("--pdf", type=Path, metavar="FICHIER.pdf", help="écrit la convocation en PDF/A, avec les notes de synthèse et projets en annexe")
    conv.add_argument("--ics-dir", type=Path, metavar="DOSSIER", help="écrit l'invitation .ics de chaque membre dans ce dossier")
    conv.add_argument("--avis", type=Path, metavar="DOSSIER", help="écrit l'avis de séance (PDF et page HTML pour le site internet)")
    conv.add_argument("--diffusion", metavar="URL", help="adresse de la retransmission publique, pour l'avis de séance")
    conv.add_argument("--visio", metavar="URL", help="lien de connexion à la visioconférence (défaut : celui de la dernière convocation envoyée)")
    conv.add_argument("--visio-id", metavar="ID", help="identifiant de la réunion en visioconférence")
    conv.add_argument("--envoyer", "--send", dest="envoyer", action="store_true", help="envoie la convocation aux membres qui ne l'ont pas encore reçue")
    conv.add_argument("--rappel", action="store_true", help="envoie le rappel du jour de la séance, si le règlement intérieur le prévoit")
    conv.add_argument("--membre", action="append", metavar="ID", help="n'envoie qu'à ce membre (répétable), par exemple pour relancer un envoi refusé")
    conv.add_argument("--remise", action="append", metavar="ID", help="consigne la convocation remise à ce membre par un autre moyen (répétable)")
    conv.add_argument("--remise-le", type=_date, metavar="AAAA-MM-JJ", help="date de cette remise (défaut : aujourd'hui)")
    conv.add_argument("--moyen", default="remise en main propre", help="moyen de cette remise (défaut : « remise en main propre »)")
    conv.add_argument("--smtp-serveur", help="serveur d'envoi (SMTP)")
    conv.add_argument("--smtp-port", help="port du serveur d'envoi (défaut : 587 en STARTTLS, 465 en TLS)")
    conv.add_argument("--smtp-securite", choices=["starttls", "tls", "aucune"], help="sécurité de la connexion (défaut : starttls)")
    conv.add_argument("--smtp-identifiant", help="identifiant de connexion au serveur d'envoi")
    conv.add_argument("--smtp-expediteur", metavar="ADRESSE", help="adresse de l'expéditeur")
    conv.add_argument("--smtp-nom-expediteur", dest="smtp_nom_expediteur", metavar="NOM", help="nom de l'expéditeur")
    decl = sub.add_parser(
        "declaration",
        help="consigne une absence (et le pouvoir annoncé) reçue avant la séance ; l'appel nominal la confirme",
        description="Le délai du règlement intérieur est vérifié (par exemple : au plus tard le mercredi précédant la séance) ; "
        "une déclaration hors délai est consignée comme telle. Rien n'est appliqué à l'ouverture sans confirmation à l'appel nominal.",
    )
    decl.add_argument("seance", type=int, metavar="N", help="la séance n° N de la base")
    decl.add_argument("--membre", metavar="ID", help="le membre absent")
    decl.add_argument("--pouvoir-a", metavar="ID", help="le membre à qui il annonce donner pouvoir")
    decl.add_argument("--recue-le", type=_moment, metavar="AAAA-MM-JJTHH:MM", help="quand la déclaration a été reçue, heure de Paris (défaut : maintenant)")
    decl.add_argument("--recue-par", metavar="NOM", help="qui l'a reçue")
    decl.add_argument("--note", help="observation")
    decl.add_argument("--retirer", metavar="ID", help="retire la déclaration ID (par exemple D3)")
