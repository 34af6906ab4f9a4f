"""The store's versioned schema: ordered SQL migrations shipped in the package.

``migrations/NNNN_name.sql`` files are applied in version order, each inside its own
transaction together with its row in ``schema_migrations``, so a store is always at exactly one
version: a migration interrupted halfway leaves the previous version intact. A migration file
holds plain statements, no BEGIN or COMMIT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

import duckdb

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

CREATE_MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema migration."""

    version: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this frontwire, in version order.

    Raises:
        RuntimeError: if two files claim the same version or the versions have a gap; a
            packaging mistake, never a user problem.
    """
    folder = resources.files(__package__).joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..n without gaps: {found!r}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this frontwire writes."""
    return migrations()[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The version of the store on ``con``: ``None`` if it has no ``schema_migrations`` table."""
    has_table = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()
    if not has_table or not has_table[0]:
        return None
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def user_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the tables in the database's main schema."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "ORDER BY table_name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def migrate(con: duckdb.DuckDBPyConnection, from_version: int) -> list[int]:
    """Apply every migration newer than ``from_version``, each in its own transaction.

    Args:
        con: a writable connection.
        from_version: the store's current version (0 for a new store).

    Returns:
        The versions applied, in order.

    Raises:
        duckdb.Error: if a migration fails; its transaction is rolled back first.
    """
    applied: list[int] = []
    for migration in migrations():
        if migration.version <= from_version:
            continue
        con.begin()
        try:
            con.execute(CREATE_MIGRATIONS_TABLE)
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES ($1, $2)",
                [migration.version, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(migration.version)
    return applied
