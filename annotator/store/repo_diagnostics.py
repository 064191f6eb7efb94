"""Diagnostics for benchmarks and bug reports: which indexes a repository call uses.

Usage::

    for sql, plan in project.query_plans(lambda: project.spans_of_document(7)):
        print(sql, plan)    # plan: ["SEARCH spans USING INDEX idx_spans_doc (doc_id=?)"]
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.store.base import RepoBase

_PLANNED = ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE")


class DiagnosticsMixin(RepoBase):
    def query_plans(self, call: Callable[[], object]) -> list[tuple[str, list[str]]]:
        """Run ``call`` and return each SQL statement it executed with SQLite's query plan.

        The statements are the ones the repository really ran, with their parameters
        written in as literals (SQLite's expanded SQL), so the plan is the one SQLite
        picks for those values. ``call`` runs for real: give it a read, or expect its
        writes.
        """
        statements: list[str] = []
        self.conn.set_trace_callback(statements.append)
        try:
            call()
        finally:
            self.conn.set_trace_callback(None)
        plans = []
        for sql in statements:
            if not sql.lstrip().upper().startswith(_PLANNED):
                continue
            rows = self.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            plans.append((" ".join(sql.split()), [str(row[3]) for row in rows]))
        return plans
