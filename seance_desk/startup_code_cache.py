"""The code the dataclasses generate for the start-up's classes, compiled once and kept beside the
package's bytecode, instead of compiled again at every start.

Why: @dataclass writes each class's __init__, __repr__, __eq__, __hash__ and frozen __setattr__ as
Python source and compiles it (dataclasses._create_fn → exec). For the ≈ 80 dataclasses the window
imports before it paints, that is ≈ 440 compilations: 57 ms of the start-up's CPU time (measured
in the bench's start-up child, 240 members), a quarter of its own imports. The source of each
function depends only on the class's shape, so its compiled code can be kept as Python keeps a
module's (.pyc): here, one marshal file in the package's __pycache__, keyed by the interpreter's
bytecode version; a source not found in it is compiled as dataclasses would, and the file written
again when the start-up ends.

The same compilation as dataclasses' own: compile(source, "<string>", "exec") without inheriting
any __future__ flag (dataclasses.py has none), then exec of that code in the namespaces
dataclasses passes. A missing, unreadable or other-version file only costs the compilations. The
file is trusted as the package's .pyc files are (same folder, same writer); it is not written when
the interpreter writes no bytecode (PYTHONDONTWRITEBYTECODE: then, as for .pyc, the installer or
the bench writes it, `build`). Standard library only: in place before the application's imports.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

_HEADER = b"seance-desk dataclass code 1\n" + importlib.util.MAGIC_NUMBER + b"\n"


def cache_path() -> str:
    tag = sys.implementation.cache_tag or "python"
    return os.path.join(os.path.dirname(__file__), "__pycache__", f"dataclass-code.{tag}.bin")


def _load(path: str) -> dict[str, object]:
    try:
        with open(path, "rb") as file:
            data = file.read()
        if not data.startswith(_HEADER):
            return {}
        cache = marshal.loads(data[len(_HEADER) :])
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if type(cache) is not dict:
        return {}
    return cache


def _save(path: str, cache: dict[str, object]) -> None:
    """Written to a temporary file, then put in place: a reader never sees half a file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(_HEADER + marshal.dumps(cache))
        os.replace(temporary, path)
    except OSError:  # a read-only installation: the start-up compiles, as before
        try:
            os.remove(temporary)
        except OSError:
            pass


@contextmanager
def dataclass_code_cached(save: bool | None = None) -> Iterator[None]:
    """Around the start-up's imports (startup_collection.start_up_collection_paused). `save`: write
    the file when new code was compiled (by default unless the interpreter writes no bytecode)."""
    if "exec" in vars(dataclasses):  # already in place (nested start-ups), or someone else's
        yield
        return
    path = cache_path()
    cache = _load(path)
    used: dict[str, object] = {}  # what is saved: a class changed or gone leaves nothing behind
    compiled = 0

    def cached_exec(source, globals=None, locals=None, /):  # noqa: A002 (exec's own parameter names)
        nonlocal compiled
        if type(source) is str:
            code = cache.get(source)
            if code is None:
                code = cache[source] = compile(source, "<string>", "exec", dont_inherit=True)
                compiled += 1
            used[source] = code
            return builtins.exec(code, globals, locals)
        return builtins.exec(source, globals, locals)

    dataclasses.exec = cached_exec  # dataclasses' own global lookup of exec finds it before the builtin
    try:
        yield
    finally:
        del dataclasses.exec
        if compiled and (save if save is not None else not sys.dont_write_bytecode):
            _save(path, used)


def build(modules: Iterable[str]) -> None:
    """Writes the file for `modules` (as an installer compiles the package): imports them, in a
    fresh interpreter, with every dataclass's code kept."""
    with dataclass_code_cached(save=True):
        for name in modules:
            importlib.import_module(name)


def build_start_up() -> str:
    """Writes the file for what the window imports before its first paint and once usable
    (tools/bench_ui.STARTUP_MODULES, BUILT_WHEN_SHOWN) and returns its path: for the bench's
    start-up children and for the installers' build (packaging/seance-desk.spec) alike. In a fresh
    interpreter, where those classes are not made yet."""
    from .tools.bench_ui import BUILT_WHEN_SHOWN, STARTUP_MODULES

    build(STARTUP_MODULES + BUILT_WHEN_SHOWN)
    return cache_path()
