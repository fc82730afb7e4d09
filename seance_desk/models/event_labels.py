"""The French name of each session event: for refusal messages, the journal view and the minutes."""

from __future__ import annotations

# French names, for messages, the journal view and the minutes.
EVENT_LABELS: dict[str, str] = {
    "session.opened": "ouverture de la séance",
    "session.suspended": "suspension de séance",
    "session.resumed": "reprise de la séance",
    "session.closed": "levée de la séance",
    "secretaries.appointed": "désignation du ou des secrétaires de séance",
    "member.arrived": "arrivée",
    "member.left": "départ",
    "member.attendance_changed": "changement de lieu de présence",
    "member.excused": "absence excusée",
    "proxy.given": "pouvoir donné",
    "proxy.revoked": "pouvoir révoqué",
    "proxy.lapsed": "pouvoir caduc",
    "member.recused": "ne prend pas part (intérêt)",
    "item.chair_designated": "présidence du point",
    "item.opened": "mise en discussion",
    "item.postponed": "report",
    "item.withdrawn": "retrait",
    "item.closed": "clôture du point sans vote",
    "ballot.requested": "demande de scrutin particulier",
    "ballot.secret_waived": "renonciation unanime au scrutin secret",
    "huis_clos.requested": "demande de huis clos",
    "huis_clos.voted": "vote sur le huis clos",
    "huis_clos.lifted": "retour en séance publique",
    "floor.requested": "demande de parole",
    "floor.moved": "ordre des orateurs modifié",
    "floor.granted": "parole donnée",
    "floor.ended": "fin d'intervention",
    "floor.withdrawn": "demande de parole retirée",
    "vote.opened": "ouverture du vote",
    "vote.cast": "vote",
    "vote.ballots_cast": "votes saisis en une fois",
    "vote.counts": "décompte des voix",
    "vote.closed": "clôture du vote",
    "correction": "correction",
    "vote.ballot_corrected": "correction d'un vote",
    "minutes.arrete": "arrêté du procès-verbal",
    "minutes.signed": "signature du procès-verbal",
    "minutes.published": "publication du procès-verbal",
    # ---- the sitting, issue 9 § 4-7
    "session.carence": "constat de carence (quorum non atteint)",
    "auxiliaries.appointed": "désignation des auxiliaires du secrétaire de séance",
    "act.transmitted": "transmission d'un acte au représentant de l'État",
    "act.published": "publication d'un acte",
    "deliberations_list.published": "publication de la liste des délibérations",
    # ---- end of the sitting's block
    "item.text_revised": "révision du projet de délibération",
    "amendment.proposed": "dépôt d'un amendement",
    "amendment.withdrawn": "retrait d'un amendement",
    "amendment.voted": "vote sur un amendement",
    "acts.numbered": "numérotation des délibérations au registre",
    "item.classified": "classement @ctes de l'acte (nature, matière)",
    # ---- procedure, issue 10 § 3
    "urgency.decided": "décision sur l'urgence de la convocation",
    "question.recorded": "question diverse ou information (sans vote)",
    # ---- end of the procedure's block
    "election.candidates_declared": "déclaration des candidatures",
    "election.assessors_named": "désignation des assesseurs",
    "election.round_counted": "résultat d'un tour de scrutin",
    "election.proclaimed": "proclamation des élus",
    "adjoints.number_fixed": "fixation du nombre d'adjoints ou de vice-présidents",
    "election.proportional_chosen": "choix de la représentation proportionnelle (commission)",
    "election.lists_agreed": "accord du conseil sur les listes (désignation sans scrutin)",

    # ---- after the session, issue 13 § 7-10
    "act.sent": "envoi d'un acte au tiers de télétransmission",
    "act.acknowledged": "accusé de réception de la préfecture (@ctes)",
    "publicity.recorded": "affichage ou mise en ligne",
    "recording.registered": "enregistrement des débats conservé",
    "recording.deleted": "suppression d'un enregistrement des débats",
    # ---- end of the after-session block
    # ---- before the session, issue 13 part A
    "convocation.sent": "envoi de la convocation",
    "reminder.sent": "envoi du rappel de la séance",
    "convocation.delivered_otherwise": "convocation remise par un autre moyen",
    "declaration.recorded": "absence ou pouvoir annoncé avant la séance",
    "declaration.withdrawn": "déclaration préalable retirée",
    # ---- end of the before-the-session block
}
