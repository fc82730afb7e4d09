"""The installers ship the start-up's dataclass code (seance_desk/startup_code_cache.py): the frozen
program writes no bytecode and may sit in a read-only folder, so without the file built into the
bundle (packaging/seance-desk.spec) it would compile the ≈ 440 generated methods at every start."""

from __future__ import annotations

import sys

from seance_desk import startup_code_cache


def test_the_bundle_carries_the_start_up_s_dataclass_code_where_the_frozen_package_looks(frozen_bundle):
    # The frozen package's modules live in _internal/seance_desk (PyInstaller's sys._MEIPASS), and
    # cache_path() is beside them, in __pycache__.
    shipped = frozen_bundle / "_internal" / "seance_desk" / "__pycache__" / f"dataclass-code.{sys.implementation.cache_tag}.bin"
    assert shipped.is_file()
    code = startup_code_cache._load(str(shipped))  # this interpreter is the build's: its header matches
    assert len(code) > 300  # the ≈ 80 start-up classes' generated methods
    # The roster's member (models.assembly.Member), made before the first paint, is among them.
    assert any("__init__" in text and "last_name" in text and "rank_in_tableau" in text for text in code)
