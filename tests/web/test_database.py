"""The suite runs the web tests on SQLite and again on PostgreSQL (scripts/with-postgres):
this checks that each run really uses the database it says."""

from __future__ import annotations

import os
from typing import Any

from django.db import connection


def test_database_is_the_configured_one(db: Any) -> None:
    expected = "postgresql" if os.environ.get("JIXIAO_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
