"""`seance-desk assemblee …`: the grammar of the assembly's register (its roster over the mandate and
its written proxies), said in French. The commands are assembly_commands.py."""

from __future__ import annotations

from pathlib import Path

from ..models.enums import BodyKind


def add_assembly_parser(sub, date_type, population_type, seats_type, reglements: list[str]) -> None:
    assembly = sub.add_parser(
        "assemblee",
        help="l'assemblée sur son mandat : composition à une date, changements (démission, décès, remplacement…), pouvoirs écrits",
        description="L'assemblée est enregistrée une fois dans la base, avec chaque changement de sa composition, daté ; "
        "une séance prend la composition en vigueur à sa date (seance-desk prepare --assemblee), "
        "les membres rangés dans l'ordre du tableau (art. L2121-1 CGCT). Un refus ne change rien.",
    )
    actions = assembly.add_subparsers(dest="action", metavar="ACTION", required=True)

    install = actions.add_parser("installer", help="enregistre l'assemblée installée après l'élection, depuis la liste des membres (CSV)")
    install.add_argument("--roster", type=Path, required=True, metavar="MEMBRES.CSV", help="liste des membres, dans l'ordre du tableau")
    install.add_argument("--kind", choices=[k.value for k in BodyKind], required=True, help="type d'assemblée")
    install.add_argument("--name", required=True, help="nom de l'assemblée (« Commune de Villeneuve »)")
    install.add_argument("--population", type=population_type, required=True, help="population municipale (ou totale)")
    install.add_argument("--le", dest="on", type=date_type, required=True, metavar="AAAA-MM-JJ", help="date de l'installation du conseil")
    install.add_argument("--executive", help="maire ou président, s'il n'est pas le seul membre dont la fonction le dit")
    install.add_argument("--reglement", choices=sorted(reglements), default="standard", help="règlement intérieur (défaut : standard)")
    install.add_argument("--siege", dest="seat", metavar="VILLE", help="siège d'un EPCI, syndicat, département ou région : « Fait à VILLE » sur les actes")
    install.add_argument("--effectif-reference", type=seats_type, metavar="N", help="conseil réputé complet : effectif légal retenu")

    show = actions.add_parser("afficher", help="la composition en vigueur à une date, dans l'ordre du tableau, et les changements enregistrés")
    show.add_argument("--assemblee", metavar="ID", help="l'assemblée (identifiant ou nom), si plusieurs sont enregistrées")
    show.add_argument("--le", dest="on", type=date_type, metavar="AAAA-MM-JJ", help="date (défaut : aujourd'hui)")

    change = actions.add_parser(
        "changer",
        help="enregistre un changement daté : démission, décès, remplacement par le suivant de liste, suppléant devenu titulaire, installation",
    )
    change.add_argument("--assemblee", metavar="ID", help="l'assemblée (identifiant ou nom), si plusieurs sont enregistrées")
    what = change.add_mutually_exclusive_group(required=True)
    what.add_argument("--demission", metavar="MEMBRE", help="démission du membre (identifiant ou nom), définitive à sa réception par le maire")
    what.add_argument("--deces", metavar="MEMBRE", help="décès du membre")
    what.add_argument("--remplacer", metavar="MEMBRE", help="le membre remplacé par le suivant de liste (avec --par)")
    what.add_argument("--titulaire", metavar="SUPPLEANT", help="le suppléant qui devient titulaire (le siège de son titulaire est vacant)")
    what.add_argument("--installer-membre", dest="install_member", metavar="« Mme Prénom NOM »", help="un membre installé en cours de mandat")
    change.add_argument("--par", metavar="« Mme Prénom NOM »", help="le suivant de liste qui remplace le membre")
    change.add_argument("--le", dest="on", type=date_type, required=True, metavar="AAAA-MM-JJ", help="date du changement")
    change.add_argument("--naissance", type=date_type, metavar="AAAA-MM-JJ", help="date de naissance du nouveau membre (ordre du tableau)")
    change.add_argument("--groupe", default="", help="groupe politique du nouveau membre")
    change.add_argument("--note", default="", help="précision (lettre reçue le…, arrêté…)")

    proxy = actions.add_parser(
        "pouvoir",
        help="enregistre un pouvoir écrit couvrant une ou plusieurs séances (trois au plus sauf maladie), ou le révoque",
        description="Un pouvoir écrit nomme le mandataire et les séances qu'il couvre : des dates, ou « jusqu'à nouvel ordre », "
        "valable pour les trois séances suivantes seulement (art. L2121-20 CGCT). Il est proposé, déjà rempli, à chaque séance qu'il couvre.",
    )
    proxy.add_argument("--assemblee", metavar="ID", help="l'assemblée (identifiant ou nom), si plusieurs sont enregistrées")
    proxy.add_argument("--de", dest="grantor", metavar="MANDANT", help="le membre qui donne pouvoir (identifiant ou nom)")
    proxy.add_argument("--a", dest="holder", metavar="MANDATAIRE", help="le membre qui le reçoit")
    proxy.add_argument("--signe-le", dest="signed_on", type=date_type, metavar="AAAA-MM-JJ", help="date de signature du pouvoir")
    covers = proxy.add_mutually_exclusive_group()
    covers.add_argument("--seances", metavar="AAAA-MM-JJ,…", help="les dates des séances couvertes, séparées par des virgules")
    covers.add_argument("--jusqu-a-nouvel-ordre", dest="open_ended", action="store_true", help="jusqu'à nouvel ordre : les trois séances suivantes")
    proxy.add_argument("--maladie", action="store_true", help="maladie dûment constatée : au-delà de trois séances")
    proxy.add_argument("--note", default="", help="précision")
    proxy.add_argument("--revoquer", metavar="N", help="révoque le pouvoir écrit N (avec --le)")
    proxy.add_argument("--le", dest="on", type=date_type, metavar="AAAA-MM-JJ", help="date de la révocation")

    proxies = actions.add_parser("pouvoirs", help="les pouvoirs écrits enregistrés et, pour une séance à une date, ceux qui la couvrent")
    proxies.add_argument("--assemblee", metavar="ID", help="l'assemblée (identifiant ou nom), si plusieurs sont enregistrées")
    proxies.add_argument("--le", dest="on", type=date_type, metavar="AAAA-MM-JJ", help="date d'une séance : les pouvoirs qui la couvrent")
    proxies.add_argument(
        "--reconvocation-of", type=date_type, metavar="AAAA-MM-JJ",
        help="avec --le : cette séance est réunie de nouveau après le défaut de quorum de la séance de cette date",
    )
