"""The import of a voting-system CSV file: every line cast in one action, or nothing at all."""

from __future__ import annotations

from ....files.vote_import import VoteImportError, read_vote_file


class VoteFileImport:
    """The « Importer (CSV)… » action of `VotePanel`."""

    def import_file(self) -> bool:
        """Imports a voting-system CSV: every line is cast in one action, or nothing at all."""
        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        path = self.dialogs.open_file("Importer le résultat du vote électronique", "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)")
        if path is None:
            return False
        try:
            imported = read_vote_file(path, self.state, item)
        except VoteImportError as exc:
            self.dialogs.error("Import refusé", str(exc))
            self._say(str(exc), error=True)
            return False
        if not imported.votes:
            self._say(f"Le fichier « {path.name} » ne contient aucun vote", error=True)
            return False
        item_id, votes = item.id, imported.votes
        done = self._act(
            f"Import du vote électronique « {path.name} » : {len(votes)} votes",
            lambda c: [step for voter, whose, choice in votes for step in c.cast(item_id, voter, choice, on_behalf_of=whose)],
        )
        if done:
            self.table.setFocus()
        if done and imported.skipped:
            self._say(f"{len(votes)} votes importés ; {len(imported.skipped)} ligne(s) sans vote : " + " ; ".join(imported.skipped))
        return done
