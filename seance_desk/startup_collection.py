"""Python's cyclic garbage collector paused while the window starts, and what the start-up built
frozen out of its reach afterwards.

Why: up to the first paint, the start-up (the application's modules, the journal read and folded,
the window and its panels built) allocates about 100,000 objects that nearly all live as long as
the window, and makes almost no cyclic garbage (80 objects found on the 240-member session). Yet
the collector ran about 150 times over them, re-scanning the same growing heap: measured with
the bench's start-up child (240 members), 25-40 ms of the 410-440 ms of CPU time up to the first
paint, and as much up to the chain verified.

So the collector is paused for the start-up; at its end, gc.freeze() moves everything alive into
the permanent generation, which later collections never scan (the window's state is not rescanned
by each collection during the sitting either), and collection resumes for whatever comes after.
Frozen objects are still freed by reference counting; only cycles among them wait until
gc.unfreeze(), which SessionController.switch_to calls when the chair leaves the start-up's
session, so that its objects can be collected once left.

Standard library only: used before any of the application's modules is imported."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def start_up_collection_paused() -> Iterator[None]:
    """Around the window's start-up, from the first of the application's imports to the window
    built (run_app, and the bench's start-up children that time it). Does nothing to the collector
    if it was already disabled by someone else. The dataclasses' generated code is taken from its
    cache meanwhile (startup_code_cache.py)."""
    from .startup_code_cache import dataclass_code_cached  # the dataclasses' code compiled once (see there)

    with dataclass_code_cached():
        if not gc.isenabled():
            yield
            return
        gc.disable()
        try:
            yield
        finally:
            gc.freeze()
            gc.enable()


def release_start_up_objects() -> None:
    """The start-up's objects back under the collector's care (see the module's docstring)."""
    gc.unfreeze()


def collect_at_pause() -> None:
    """At the chair's pause (SessionController.at_pause): the collection that the allocations of
    his last action and of the pause's work have made due, done now, while nobody waits. Left to
    the collector's own count, it fell inside the chair's next key (a young collection, ≈ 1-2 ms
    on a slow laptop; each action allocates fewer objects than the collector's threshold, but
    what it left added to what the next one makes): measured with the bench's chair actions, a
    collection inside about half of the undos. Which generation as the collector would choose it
    (its counts against its thresholds; the oldest without the collector's extra check that a
    full collection is worth it, so at most about one pause in a hundred)."""
    if not gc.isenabled():  # paused by someone else (the start-up): not ours to run
        return
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = 2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0
    gc.collect(generation)
