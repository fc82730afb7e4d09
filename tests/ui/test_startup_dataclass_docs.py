"""Every dataclass the window's start-up creates has a docstring of its own: without one,
dataclasses builds a __doc__ from inspect.signature, ≈ 0.3 ms a class, ≈ 15 ms of the start-up's
CPU for the sixty it imports before the chain is verified (issue 8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# In a fresh interpreter: what the bench's start-up child imports, then what the verification
# imports after the first paint, before actions are allowed.
_UNDOCUMENTED = """
import dataclasses, importlib, inspect, json, sys
from seance_desk.tools.bench_ui import BUILT_WHEN_SHOWN, STARTUP_MODULES
for name in STARTUP_MODULES + BUILT_WHEN_SHOWN + ("seance_desk.store.quick_append", "seance_desk.store.anchors_check", "seance_desk.service.anchoring"):
    importlib.import_module(name)
found = []
for module_name, module in list(sys.modules.items()):
    if module_name.startswith("seance_desk.") and module_name != "seance_desk.tools.bench_ui":
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module_name and dataclasses.is_dataclass(cls) and (cls.__doc__ or "").startswith(cls.__name__ + "("):
                found.append(f"{module_name}.{cls.__qualname__}")
print(json.dumps(sorted(found)))
"""


def test_the_start_ups_dataclasses_have_their_own_docstring():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _UNDOCUMENTED], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
