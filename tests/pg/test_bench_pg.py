"""`seance-desk bench --pg URL`: the shared mode's figures, each with its floor, on a scratch
database that is dropped afterwards. (Figures, not pass/fail: the bench reports its targets.)"""

from __future__ import annotations

from sqlalchemy import create_engine, text

from seance_desk.tools.bench_pg import pg_measures


def _databases(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {row[0] for row in connection.execute(text("SELECT datname FROM pg_database"))}
    finally:
        engine.dispose()


def test_the_bench_measures_action_floor_and_refresh_and_leaves_no_database(pg_server_url: str):
    before = _databases(pg_server_url)
    results = pg_measures(pg_server_url, n=20)
    for key in ("pg_action_ms", "pg_commit_floor_ms", "pg_refresh_ms"):
        assert set(results[key]) == {"p50", "p95"} and 0 < results[key]["p50"] <= results[key]["p95"]
    assert results["pg_action_vs_floor_p95"] == round(results["pg_action_ms"]["p95"] / results["pg_commit_floor_ms"]["p95"], 2)
    assert set(results["pg_targets"]) == {"pg_action_p95_within_1_5x_floor", "pg_refresh_p95_within_250_ms"}
    assert _databases(pg_server_url) == before
