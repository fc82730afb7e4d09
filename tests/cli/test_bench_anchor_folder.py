"""`seance-desk bench` anchors its sessions like a chair's, but in a throwaway folder: its signatures
and ledger lines never land in this post's own anchoring folder, which is restored afterwards."""

from __future__ import annotations

import json
import os
from pathlib import Path

from seance_desk.cli import main
from seance_desk.documents.signing.anchor_folder import ANCHOR_DIR_ENV
from seance_desk.tools import bench


def test_the_bench_signs_in_a_folder_of_its_own_and_gives_the_post_its_folder_back(monkeypatch, capsys, tmp_path):
    own = tmp_path / "ancrage-du-poste"
    monkeypatch.setenv(ANCHOR_DIR_ENV, str(own))
    seen = {}

    def measured(**_options):
        folder = Path(os.environ[ANCHOR_DIR_ENV])
        seen["folder"], seen["existed"] = folder, folder.is_dir()
        return {"events": 0}

    monkeypatch.setattr(bench, "run_bench", measured)
    assert main(["bench", "--json", "--no-window"]) == 0
    assert json.loads(capsys.readouterr().out) == {"events": 0}
    assert seen["existed"] and seen["folder"] != own
    assert not seen["folder"].exists()  # removed with what was signed in it
    assert os.environ[ANCHOR_DIR_ENV] == str(own)
    assert not own.exists()  # nothing written in the post's own folder
