"""The domain's closed vocabularies. Values are the stable strings stored in the journal and files."""

from __future__ import annotations

from enum import StrEnum


class BodyKind(StrEnum):
    """Kind of deliberative body; the rules of quorum, ballots and remote sessions depend on it."""

    COMMUNE = "commune"
    EPCI = "epci"  # communauté de communes, d'agglomération, urbaine, métropole
    SYNDICAT_MIXTE = "syndicat_mixte"  # syndicat mixte fermé, pôle métropolitain, PETR
    DEPARTEMENT = "departement"
    REGION = "region"

    @property
    def label(self) -> str:
        return _BODY_LABELS[self]

    @property
    def is_intercommunal(self) -> bool:
        """EPCI and syndicats follow the communes' rules through L5211-1 / L5711-1."""
        return self in (BodyKind.EPCI, BodyKind.SYNDICAT_MIXTE)

    @property
    def is_commune_like(self) -> bool:
        return self is BodyKind.COMMUNE or self.is_intercommunal


_BODY_LABELS = {
    BodyKind.COMMUNE: "conseil municipal",
    BodyKind.EPCI: "conseil communautaire ou métropolitain",
    BodyKind.SYNDICAT_MIXTE: "comité syndical ou pôle métropolitain",
    BodyKind.DEPARTEMENT: "conseil départemental",
    BodyKind.REGION: "conseil régional",
}


class SessionMode(StrEnum):
    IN_PERSON = "presentiel"
    MULTI_SITE = "multisite"  # plusieurs lieux reliés par visioconférence (loi 3DS)
    REMOTE = "distance"  # visioconférence ou audioconférence (régimes Covid)

    @property
    def label(self) -> str:
        return {
            SessionMode.IN_PERSON: "en présentiel",
            SessionMode.MULTI_SITE: "en plusieurs lieux par visioconférence",
            SessionMode.REMOTE: "à distance (visioconférence)",
        }[self]

    @property
    def is_remote(self) -> bool:
        return self is not SessionMode.IN_PERSON


class ItemKind(StrEnum):
    ORDINARY = "ordinaire"
    COMPTE_ADMINISTRATIF = "compte_administratif"  # or compte financier unique
    BUDGET_PRIMITIF = "budget_primitif"
    NOMINATION = "nomination"  # nomination or présentation: secret ballot by default (L2121-21)
    ELECTION_EXECUTIVE = "election_executif"  # maire / président
    ELECTION_BUREAU = "election_bureau"  # adjoints, bureau, commission permanente
    ELECTION_DELEGATES = "election_delegues"  # délégués à un EPCI
    DESIGNATION_L2121_33 = "designation_l2121_33"
    # The vote of the PV of a previous session (L2121-15: « arrêté au commencement de la séance
    # suivante »); the item names that session (AgendaItem.approves).
    APPROBATION_PV = "approbation_pv"

    @property
    def label(self) -> str:
        return {
            ItemKind.ORDINARY: "délibération",
            ItemKind.COMPTE_ADMINISTRATIF: "compte administratif / compte financier unique",
            ItemKind.BUDGET_PRIMITIF: "budget primitif",
            ItemKind.NOMINATION: "nomination ou présentation",
            ItemKind.ELECTION_EXECUTIVE: "élection du maire ou du président",
            ItemKind.ELECTION_BUREAU: "élection des adjoints, du bureau ou de la commission permanente",
            ItemKind.ELECTION_DELEGATES: "élection de délégués",
            ItemKind.DESIGNATION_L2121_33: "désignation dans un organisme extérieur (L2121-33)",
            ItemKind.APPROBATION_PV: "approbation du procès-verbal",
        }[self]

    @property
    def secret_by_law(self) -> bool:
        """Elections a text puts expressly to the secret ballot (maire/président and adjoints/bureau,
        L2122-7 and following — LAW.md §4.4 [M]): the unanimous waiver of L2121-21 does not reach
        them ("sauf disposition législative ou réglementaire prévoyant expressément ce mode de scrutin")."""
        return self in (ItemKind.ELECTION_EXECUTIVE, ItemKind.ELECTION_BUREAU)

    @property
    def is_nomination(self) -> bool:
        return self in (
            ItemKind.NOMINATION,
            ItemKind.ELECTION_EXECUTIVE,
            ItemKind.ELECTION_BUREAU,
            ItemKind.ELECTION_DELEGATES,
            ItemKind.DESIGNATION_L2121_33,
        )


class Attendance(StrEnum):
    """Where a member is, as the roll call records it."""

    ON_SITE = "sur_place"
    REMOTE = "a_distance"

    @property
    def label(self) -> str:
        return "présent sur place" if self is Attendance.ON_SITE else "présent à distance"


class VoteChoice(StrEnum):
    FOR = "pour"
    AGAINST = "contre"
    ABSTAIN = "abstention"
    NPPV = "nppv"  # ne prend pas part au vote

    @property
    def label(self) -> str:
        return {
            VoteChoice.FOR: "pour",
            VoteChoice.AGAINST: "contre",
            VoteChoice.ABSTAIN: "abstention",
            VoteChoice.NPPV: "ne prend pas part au vote",
        }[self]


class BallotMode(StrEnum):
    ORDINARY = "ordinaire"  # no particular request: show of hands, assentiment…
    PUBLIC = "public"  # scrutin public: names and votes go to the register (L2121-21)
    SECRET = "secret"

    @property
    def label(self) -> str:
        return {
            BallotMode.ORDINARY: "vote ordinaire (à main levée)",
            BallotMode.PUBLIC: "scrutin public",
            BallotMode.SECRET: "scrutin secret",
        }[self]


class VoteMethod(StrEnum):
    SHOW_OF_HANDS = "main_levee"
    ROLL_CALL = "appel_nominal"
    ELECTRONIC = "electronique"
    BALLOT_PAPER = "bulletins"

    @property
    def label(self) -> str:
        return {
            VoteMethod.SHOW_OF_HANDS: "à main levée",
            VoteMethod.ROLL_CALL: "par appel nominal",
            VoteMethod.ELECTRONIC: "par vote électronique",
            VoteMethod.BALLOT_PAPER: "à bulletins",
        }[self]


class ItemStatus(StrEnum):
    PENDING = "a_venir"
    OPEN = "en_discussion"
    VOTING = "vote_en_cours"
    VOTED = "vote"
    POSTPONED = "reporte"
    WITHDRAWN = "retire"
    CLOSED = "clos"  # discussion closed without a vote (communication, débat)

    @property
    def label(self) -> str:
        return {
            ItemStatus.PENDING: "à venir",
            ItemStatus.OPEN: "en discussion",
            ItemStatus.VOTING: "vote en cours",
            ItemStatus.VOTED: "voté",
            ItemStatus.POSTPONED: "reporté",
            ItemStatus.WITHDRAWN: "retiré",
            ItemStatus.CLOSED: "clos sans vote",
        }[self]


class SessionPhase(StrEnum):
    NOT_OPENED = "non_ouverte"
    OPEN = "ouverte"
    SUSPENDED = "suspendue"
    CLOSED = "close"

    @property
    def label(self) -> str:
        return {
            SessionPhase.NOT_OPENED: "non ouverte",
            SessionPhase.OPEN: "ouverte",
            SessionPhase.SUSPENDED: "suspendue",
            SessionPhase.CLOSED: "levée",
        }[self]


class RecusalReason(StrEnum):
    INTEREST = "interet"  # conseiller intéressé, L2131-11
    L1111_6 = "l1111_6"  # représentant déporté (L1111-6): also leaves the quorum's denominator
    COMPTE_ADMINISTRATIF = "compte_administratif"  # the executive withdraws for the vote (L2121-14)

    @property
    def label(self) -> str:
        return {
            RecusalReason.INTEREST: "intéressé à l'affaire (art. L2131-11 CGCT)",
            RecusalReason.L1111_6: "représentant déporté (art. L1111-6 CGCT)",
            RecusalReason.COMPTE_ADMINISTRATIF: "se retire pour le vote du compte administratif (art. L2121-14 CGCT)",
        }[self]


class FloorKind(StrEnum):
    NORMAL = "normale"
    POINT_OF_ORDER = "rappel_au_reglement"  # goes to the top of the queue


class SignerRole(StrEnum):
    """Who signs the procès-verbal (art. L2121-15 CGCT): the président and the secretaries."""

    PRESIDENT = "president"
    SECRETAIRE = "secretaire"

    @property
    def label(self) -> str:
        return {SignerRole.PRESIDENT: "président de séance", SignerRole.SECRETAIRE: "secrétaire de séance"}[self]


class ResultNames(StrEnum):
    """Whom the result of an ordinary vote entered nominatively names (a règlement setting,
    Reglement.result_names). The law decides the other cases whatever the setting: a scrutin public
    lists every voter and the sense of his vote (L2121-15, L2121-21), a secret ballot names nobody."""

    OPPOSANTS = "contre_abstentions_nppv"  # the default, as real PVs do
    TOUS = "tous_les_votants"
    AUCUN = "aucun"

    @property
    def label(self) -> str:
        return _RESULT_NAMES_LABELS[self]


_RESULT_NAMES_LABELS = {
    ResultNames.OPPOSANTS: "contre, abstentions et ne prend pas part",
    ResultNames.TOUS: "tous les votants",
    ResultNames.AUCUN: "aucun nom hors scrutin public",
}


class SessionQuestionKind(StrEnum):
    """What may be recorded in session outside the convocation's agenda (LAW.md §10.4): never a
    question put to the vote, only an information or an oral question (art. L2121-19 CGCT)."""

    INFORMATION = "information"
    QUESTION_ORALE = "question_orale"

    @property
    def label(self) -> str:
        return {SessionQuestionKind.INFORMATION: "information", SessionQuestionKind.QUESTION_ORALE: "question orale"}[self]


# ---- after the session, issue 13 § 7-10 (wt-after)
class PublicityDocument(StrEnum):
    """What is posted or put online after the session (models/state/after_session.py)."""

    LISTE = "liste"  # la liste des délibérations (art. L2121-25 CGCT)
    PV = "pv"  # le procès-verbal (art. L2121-15 CGCT)
    ACTE = "acte"  # une délibération (art. L2131-1 CGCT)

    @property
    def label(self) -> str:
        return {PublicityDocument.LISTE: "liste des délibérations", PublicityDocument.PV: "procès-verbal", PublicityDocument.ACTE: "délibération"}[self]


class PublicityForm(StrEnum):
    """How it is made public: posted at the town hall, or put online on its website."""

    AFFICHAGE = "affichage"
    EN_LIGNE = "en_ligne"

    @property
    def label(self) -> str:
        return {PublicityForm.AFFICHAGE: "affichage", PublicityForm.EN_LIGNE: "mise en ligne"}[self]


class RecordingStorage(StrEnum):
    """Where a recording of the debates is kept (the seed's règlement, art. 13)."""

    CLOUD = "cloud"
    SERVEUR = "serveur"
    SUPPORT_EXTERNE = "support_externe"

    @property
    def label(self) -> str:
        return {
            RecordingStorage.CLOUD: "dans le « Cloud »",
            RecordingStorage.SERVEUR: "sur les serveurs de la collectivité",
            RecordingStorage.SUPPORT_EXTERNE: "sur un support externe (clé USB, disque dur externe…)",
        }[self]
