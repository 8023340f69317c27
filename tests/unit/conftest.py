"""Fixtures of the unit tests: a fresh live-session database on each back end."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

TEST_DATABASE_URL = os.environ.get("HARM_REPAIR_TEST_DATABASE_URL", "")
"""Set by `make test` (scripts/ensure-postgres.sh starts a throw-away PostgreSQL)."""


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not TEST_DATABASE_URL,
                reason="HARM_REPAIR_TEST_DATABASE_URL is not set; `make test` starts a PostgreSQL and sets it",
            ),
        ),
    ]
)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: an SQLite file, or a schema of its own in the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"
        return
    schema = f"test_{secrets.token_hex(6)}"
    admin = sa.create_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield (
            sa.make_url(TEST_DATABASE_URL)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
