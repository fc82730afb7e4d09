"""The vote panel, one module per step of the vote; `VotePanel` gathers them."""

from .pages import EMPTY, ENDED, PREPARE, REQUESTERS, RESULT, ROLL_CALL, VOTING
from .panel import VotePanel
from .tally import tally_text

__all__ = ["VotePanel", "EMPTY", "PREPARE", "REQUESTERS", "VOTING", "ROLL_CALL", "RESULT", "ENDED", "tally_text"]
