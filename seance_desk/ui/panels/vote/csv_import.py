"""The import of a voting-system file (CSV, Excel workbook, OpenSlides export): every line cast in
one action, or nothing at all. When the file alone cannot say what it means, the chair is asked —
what the box's numeric answers stand for (files/vote_import_codes), which poll of an OpenSlides
export is this item's — and the file is read again with the answer; cancelled, nothing is cast.
The roll-call vote stays the fallback when no file can be used (règlement's art. 10)."""

from __future__ import annotations

# The file readers (files/vote_import*, with the CSV decoding) are imported when a file is
# imported, not with the vote panel at start-up.
from ....models.french import plural

FILE_FILTERS = "Résultats de vote (*.csv *.txt *.xlsx *.json);;Fichiers CSV (*.csv *.txt);;Classeurs Excel (*.xlsx);;Export OpenSlides (*.json);;Tous les fichiers (*)"


def code_choices() -> list[tuple[str, str]]:
    """(label, correspondence) offered to the chair: the machine's own first, when IT set one."""
    from ....files.vote_import_codes import PRESETS, SETTING_KEY, CodesError, describe, parse_codes
    from ....machine_settings import machine_settings

    offered = list(PRESETS)
    configured = machine_settings().get(SETTING_KEY)
    if configured:
        try:
            offered.insert(0, (f"{describe(parse_codes(configured))} (réglage de la machine)", configured))
        except CodesError:
            pass  # an unusable setting: the usual correspondences remain
    return offered


class VoteFileImport:
    """The « Importer un fichier… » action of `VotePanel`."""

    def import_file(self) -> bool:
        """Imports a voting-system file: every line is cast in one action, or nothing at all."""
        from ....files.vote_import import VoteImportError, read_vote_file
        from ....files.vote_import_codes import describe
        from ....files.vote_import_openslides import poll_label

        item = self._voting_item()
        if item is None:
            self._say("Aucun vote en cours", error=True)
            return False
        path = self.dialogs.open_file("Importer le résultat du vote électronique", FILE_FILTERS)
        if path is None:
            return False
        codes, poll = None, None
        while True:
            try:
                imported = read_vote_file(path, self.state, item, codes=codes, poll=poll)
                break
            except VoteImportError as exc:
                if exc.numeric_codes and codes is None:
                    codes = self._ask_codes()
                    if codes is not None:
                        continue
                elif exc.polls and poll is None:
                    index = self.dialogs.choose("Scrutin OpenSlides", "Quel scrutin de l'export est celui de ce point ?", [poll_label(p) for p in exc.polls])
                    if index is not None:
                        poll = exc.polls[index][0]
                        continue
                self.dialogs.error("Import refusé", str(exc))
                self._say(str(exc), error=True)
                return False
        if not imported.votes:
            self._say(f"Le fichier « {path.name} » ne contient aucun vote", error=True)
            return False
        item_id, votes = item.id, imported.votes
        used = f" (codes : {describe(codes)})" if codes else ""
        done = self._act(
            f"Import du vote électronique « {path.name} » : {len(votes)} votes{used}",
            lambda c: c.cast_ballots(item_id, votes),  # one journal event for the file's votes
        )
        if done:
            self.table.setFocus()
        if done and imported.skipped:
            self._say(f"{len(votes)} votes importés ; {plural(len(imported.skipped), 'ligne')} sans vote : " + " ; ".join(imported.skipped))
        return done

    def _ask_codes(self):
        """What the file's numeric answers mean, chosen by the chair; None if he cancels."""
        from ....files.vote_import_codes import DEFAULT, parse_codes, with_padding

        offered = code_choices()
        index = self.dialogs.choose(
            "Codes numériques du boîtier de vote",
            "Le fichier donne les votes en chiffres. Que signifient-ils ? (voir la documentation du boîtier)",
            [label for label, _text in offered],
        )
        if index is None:
            return None
        return with_padding(parse_codes(offered[index][1] if 0 <= index < len(offered) else DEFAULT))
