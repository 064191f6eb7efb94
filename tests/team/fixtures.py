"""Fixtures for the team tests (registered by tests/conftest.py, so that window tests
have them too): one PostgreSQL cluster for the session, a fresh database per test.
Without PostgreSQL installed the tests are skipped, unless ``ANNOTATOR_REQUIRE_POSTGRES``
is set (``.ci/run`` sets it, and installs the server)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from tests.team.pgcluster import Cluster, bindir

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    found = bindir()
    if found is None:
        if os.environ.get("ANNOTATOR_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (initdb not found); .ci/run installs "
                        "Debian's postgresql package")
        pytest.skip("PostgreSQL is not installed (initdb not found)")
    cluster = Cluster(found)
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def team_url(pg_cluster: Cluster) -> str:
    import psycopg

    name = f"team_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_cluster.url(name)
