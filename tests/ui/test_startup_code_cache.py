"""The dataclasses' generated code kept beside the package's bytecode (startup_code_cache.py): the
start-up compiles it once, not at every start, and the classes made from the kept code are the
very classes dataclasses makes."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from seance_desk import startup_code_cache
from seance_desk.startup_collection import start_up_collection_paused


def _make_classes():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        """A frozen one."""

        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(order=True)
    class Box:
        """A mutable, ordered one with a factory."""

        name: str
        items: list[int] = dataclasses.field(default_factory=list)
        note: str = dataclasses.field(default="", compare=False)

    return Point, Box


def _behaviour(point_cls, box_cls) -> list:
    point = point_cls(1, 2, ("a",))
    box = box_cls("b")
    box.items.append(3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        point_cls()  # type: ignore[call-arg]
    return [
        repr(point), point == point_cls(1, 2, ("a",)), hash(point) == hash(point_cls(1, 2, ("a",))), point_cls(1).y,
        repr(box), box == box_cls("b", [3], note="other"), box < box_cls("c"), box_cls("x").items,
        point.__init__.__annotations__, box_cls.__init__.__annotations__,
    ]


@pytest.fixture
def cache_file(tmp_path, monkeypatch):
    path = tmp_path / "__pycache__" / "dataclass-code.bin"
    monkeypatch.setattr(startup_code_cache, "cache_path", lambda: str(path))
    return path


@pytest.fixture
def compilations(monkeypatch) -> list[str]:
    sources: list[str] = []

    def counted(source, *args, **kwargs):
        sources.append(source)
        return compile(source, *args, **kwargs)

    monkeypatch.setattr(startup_code_cache, "compile", counted, raising=False)
    return sources


def test_classes_made_from_the_kept_code_behave_as_dataclasses_makes_them(cache_file, compilations):
    expected = _behaviour(*_make_classes())  # dataclasses alone
    with startup_code_cache.dataclass_code_cached(save=True):
        first = _behaviour(*_make_classes())
    assert compilations and cache_file.is_file()
    compilations.clear()
    with startup_code_cache.dataclass_code_cached(save=True):
        again = _behaviour(*_make_classes())
    assert compilations == []  # every function's code came from the file
    assert first == expected and again == expected
    assert "exec" not in vars(dataclasses)  # dataclasses as it was, after the start-up


def test_a_damaged_or_foreign_file_only_costs_the_compilations(cache_file, compilations):
    cache_file.parent.mkdir()
    for content in (b"", b"not a cache", startup_code_cache._HEADER + b"\x00garbage", b"seance-desk dataclass code 0\n"):
        cache_file.write_bytes(content)
        compilations.clear()
        with startup_code_cache.dataclass_code_cached(save=False):
            made = _behaviour(*_make_classes())
        assert compilations and made == _behaviour(*_make_classes())


def test_no_file_written_when_the_interpreter_writes_no_bytecode(cache_file, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with startup_code_cache.dataclass_code_cached():
        _make_classes()
    assert not cache_file.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    with startup_code_cache.dataclass_code_cached():
        _make_classes()
    assert cache_file.is_file()


def test_the_start_up_s_pause_takes_the_code_from_the_cache(cache_file, compilations):
    with startup_code_cache.dataclass_code_cached(save=True):
        _make_classes()
    compilations.clear()
    with start_up_collection_paused():
        assert "exec" in vars(dataclasses)
        _make_classes()
    assert compilations == [] and "exec" not in vars(dataclasses)
