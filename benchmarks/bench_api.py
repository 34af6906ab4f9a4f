"""HTTP API and dashboard on a store of 1 million generated events.

Measures, over real HTTP to a real ``frontwire serve``:
- p95 latency of filtered ``GET /events`` (bounding box + date range + event type, 100 rows),
  beside the same SQL run in-process on DuckDB (the baseline: what the HTTP layer adds);
- p95 latency of ``GET /aggregates`` (by admin1, admin2 or country; per week or month; half of
  the requests with a date range and an event type), beside the same query in-process;
- the dashboard's first view drawn in headless Chromium (page load to map, timeline, table,
  figures and bins filled).

Run: ``python benchmarks/bench_api.py [--events 1000000] [--requests 300]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "server"))

TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Looting/property destruction"),
]


def generate(path: Path, n: int) -> float:
    """A store with ``n`` contract-shaped events (ordered by date, as a bulk load would be)."""
    from frontwire.store import Store

    started = time.perf_counter()
    with Store(path) as store:
        con = store.connection  # a new store: its migrations made the events table, empty
        types = ", ".join(f"('{t}', '{s}')" for t, s in TYPES)
        con.execute(
            f"""
            INSERT INTO events
            WITH t(event_type, sub_event_type) AS (VALUES {types}),
            tt AS (SELECT row_number() OVER () - 1 AS k, * FROM t),
            g AS (
                SELECT i, hash(i) AS h,
                    DATE '2022-01-01' + CAST(hash(i * 7) % 1095 AS INTEGER) AS d,
                    44 + (hash(i * 3) % 100000) / 100000.0 * 9 AS lat,
                    22 + (hash(i * 5) % 100000) / 100000.0 * 18 AS lon
                FROM range({n}) r(i)
            )
            SELECT 'ev' || i, 'art' || (i // 3), d, 1, 'Political violence', tt.event_type,
                tt.sub_event_type, 'Military Forces of Russia (2000-)', NULL, 8,
                'Civilians (Ukraine)', NULL, 7, 78, 'Civilian targeting', 'ASSAULT', 'aerial',
                NULL, 4, '195', 'Ukraine', 804, 'UA', 'Oblast ' || (h % 24), NULL,
                'Place ' || (h % 5000), lat, lon, 1, CAST(h % 7 AS INTEGER), NULL, NULL, NULL,
                CAST(h % 11 AS INTEGER), 'reported', 'a spokesperson',
                'Shelling hit place ' || (h % 5000) || ' on the day, officials said.',
                '[]', NULL, 'ev' || i, true, 1 + CAST(h % 3 AS INTEGER), 1 + CAST(h % 2 AS INTEGER)
            FROM g JOIN tt ON tt.k = g.h % {len(TYPES)}
            ORDER BY d
            """
        )
    return time.perf_counter() - started


def random_filter(rng: random.Random) -> dict[str, str]:
    west, south = rng.uniform(22, 36), rng.uniform(44, 50)
    start = rng.randrange(0, 1000)
    day = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + start * 86400))
    end = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + (start + 60) * 86400))
    return {
        "bbox": f"{west:.3f},{south:.3f},{west + 4:.3f},{south + 3:.3f}",
        "date_from": day,
        "date_to": end,
        "event_type": rng.choice(TYPES)[0],
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    from conftest import start_server

    folder = Path(tempfile.mkdtemp(prefix="frontwire-bench-api-"))
    db = folder / "events.duckdb"
    seconds = generate(db, args.events)
    print(f"generated {args.events:,} events in {seconds:.1f} s")

    # Baseline: the same queries in-process, straight on DuckDB (no HTTP, no JSON).
    import duckdb

    from frontwire.server.models import EventFilters
    from frontwire.server.queries import Queries

    rng = random.Random(11)
    filters = [random_filter(rng) for _ in range(args.requests)]
    con = duckdb.connect(str(db), read_only=True)
    queries = Queries(con)
    direct = []
    for f in filters:
        t0 = time.perf_counter()
        queries.events(EventFilters(**f), limit=100)  # type: ignore[arg-type]
        direct.append((time.perf_counter() - t0) * 1000)
    con.close()

    served = start_server(db)
    try:
        client = httpx.Client(base_url=served.url, timeout=30)
        client.get("/events", params=filters[0])  # warm up
        http, rows = [], 0
        for f in filters:
            t0 = time.perf_counter()
            response = client.get("/events", params={**f, "limit": 100})
            http.append((time.perf_counter() - t0) * 1000)
            rows += len(response.json()["items"])
        print(
            f"GET /events filtered (bbox+dates+type), {len(filters)} requests, "
            f"{rows / len(filters):.0f} rows each on average:"
        )
        print(
            f"  HTTP p50 {statistics.median(http):.1f} ms, p95 {p95(http):.1f} ms; "
            f"in-process query p50 {statistics.median(direct):.1f} ms, p95 {p95(direct):.1f} ms"
        )
        unfiltered = []
        for _ in range(20):
            t0 = time.perf_counter()
            client.get("/events", params={"limit": 100})
            unfiltered.append((time.perf_counter() - t0) * 1000)
        print(f"  unfiltered newest 100: p95 {p95(unfiltered):.1f} ms")
        aggregates(client, db, rng, args.requests // 3)
        first_view(served.url, "1M-event store")
    finally:
        served.process.terminate()
        served.process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def aggregates(client: httpx.Client, db: Path, rng: random.Random, n: int) -> None:
    """GET /aggregates over HTTP, and the same queries in-process (the baseline)."""
    import duckdb

    from frontwire.server.models import EventFilters
    from frontwire.server.queries import Queries

    cases = []
    for i in range(n):
        params: dict[str, str] = {
            "by": rng.choice(["admin1", "admin2", "country"]),
            "period": rng.choice(["week", "month"]),
        }
        if i % 2:
            f = random_filter(rng)
            params |= {"date_from": f["date_from"], "event_type": f["event_type"]}
        cases.append(params)
    con = duckdb.connect(str(db), read_only=True)
    queries = Queries(con)
    direct = []
    for params in cases:
        filters = {k: v for k, v in params.items() if k not in ("by", "period")}
        t0 = time.perf_counter()
        queries.aggregates(
            EventFilters(**filters),  # type: ignore[arg-type]
            by=params["by"],  # type: ignore[arg-type]
            period=params["period"],  # type: ignore[arg-type]
        )
        direct.append((time.perf_counter() - t0) * 1000)
    con.close()
    client.get("/aggregates")  # warm up
    http, rows = [], 0
    for params in cases:
        t0 = time.perf_counter()
        response = client.get("/aggregates", params=params)
        http.append((time.perf_counter() - t0) * 1000)
        rows += len(response.json()["rows"])
    print(f"GET /aggregates, {n} requests, {rows / n:.0f} rows each on average:")
    print(
        f"  HTTP p50 {statistics.median(http):.1f} ms, p95 {p95(http):.1f} ms; "
        f"in-process query p50 {statistics.median(direct):.1f} ms, p95 {p95(direct):.1f} ms"
    )
    stats = []
    for _ in range(20):
        t0 = time.perf_counter()
        client.get("/stats")
        stats.append((time.perf_counter() - t0) * 1000)
    print(f"  GET /stats unfiltered (every total, bin and breakdown): p95 {p95(stats):.1f} ms")


def first_view(url: str, label: str) -> None:
    from browser import CHROMIUM, chromium_page

    if not Path(CHROMIUM).is_file():
        print("first view: Chromium not installed, skipped")
        return
    times = []
    with chromium_page() as page:
        for _ in range(5):
            t0 = time.perf_counter()
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            times.append((time.perf_counter() - t0) * 1000)
        drawn = page.locator("#map").get_attribute("data-events-drawn")
    print(
        f"dashboard first view ({label}): median {statistics.median(times):.0f} ms, "
        f"max {max(times):.0f} ms over 5 loads; {drawn} points on the map"
    )


if __name__ == "__main__":
    main()
