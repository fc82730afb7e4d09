"""The names of the vote panel's pages, as `VotePanel.page()` returns them (the tests and the
scenario read them): one per step of the item, from « no item » to the result."""

EMPTY, PREPARE, REQUESTERS, VOTING, ROLL_CALL, RESULT, ENDED = "aucun", "preparation", "demandeurs", "saisie", "appel", "resultat", "termine"
ELECTION = "election"  # issue 10: candidacies, rounds and proclamation instead of pour / contre
