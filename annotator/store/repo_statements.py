"""Stance statements in one query (issue 12): each stance span's holder × target, with
what a discourse network needs, without building the export records (ten times
faster at 200,000 statements)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotator.store.base import RepoBase, placeholders

# One side of a statement: the end of a holder or target link, a registry actor (its
# name and type) or a span (its registry actor's name if it has one, else its text;
# its layer and label).
_END = """
    CASE WHEN {l}.target_entity_id IS NOT NULL THEN {le}.name
         WHEN {s}.entity_id IS NOT NULL THEN {se}.name ELSE {s}.text END,
    CASE WHEN {l}.target_entity_id IS NOT NULL THEN coalesce({le}.type, '')
         ELSE {sl}.name END
"""
_JOIN = """
    JOIN links {l} ON {l}.source_id = st.id AND {l}.type = '{kind}'
    LEFT JOIN entities {le} ON {le}.id = {l}.target_entity_id
    LEFT JOIN spans {s} ON {s}.id = {l}.target_id
    LEFT JOIN labels {sl} ON {sl}.id = {s}.label_id
    LEFT JOIN entities {se} ON {se}.id = {s}.entity_id
"""


def _side(alias: str, kind: str) -> tuple[str, str]:
    names = {"l": f"{alias}l", "le": f"{alias}le", "s": f"{alias}s", "sl": f"{alias}sl",
             "se": f"{alias}se", "kind": kind}
    return _END.format(**names), _JOIN.format(**names)


class StatementsMixin(RepoBase):
    def stance_statement_rows(self, annotator_ids: Sequence[int] | None = None
                              ) -> Iterator[tuple[int, str, str, str, str, str, str, str,
                                                  str, str]]:
        """(doc id, doc uuid, day, annotator, stance label, its parent's label, holder
        name, its category, target name, its category) for each holder × target of
        each stance span, in no particular order ("" for what is missing)."""
        holder, holder_join = _side("h", "holder")
        target, target_join = _side("t", "target")
        where = (f"AND st.annotator_id IN ({placeholders(annotator_ids)})"
                 if annotator_ids else "")
        # "+st.label_id": read the spans in file order (one pass) rather than by the
        # label index (a jump per span): 2,000 documents, 40,000 statements 0.52 → 0.27 s.
        sql = f"""
            SELECT d.id, d.uuid, d.day, a.name, lab.name, coalesce(par.name, ''),
                   {holder}, {target}
            FROM spans st
            JOIN labels lab ON lab.id = +st.label_id AND lab.layer = 'stance'
            LEFT JOIN labels par ON par.id = lab.parent_id
            JOIN documents d ON d.id = st.doc_id
            JOIN annotators a ON a.id = st.annotator_id
            {holder_join} {target_join}
            WHERE 1 {where}
        """
        yield from self._rows(sql, tuple(annotator_ids or ()))

    def incomplete_stances(self, annotator_ids: Sequence[int] | None = None
                           ) -> list[tuple[int, str]]:
        """(doc id, annotator) of stance spans without a holder or without a target."""
        where = (f"AND st.annotator_id IN ({placeholders(annotator_ids)})"
                 if annotator_ids else "")
        return [(int(d), str(a)) for d, a in self._rows(f"""
            SELECT st.doc_id, a.name FROM spans st
            JOIN labels lab ON lab.id = st.label_id AND lab.layer = 'stance'
            JOIN annotators a ON a.id = st.annotator_id
            WHERE (NOT EXISTS (SELECT 1 FROM links l WHERE l.source_id = st.id
                               AND l.type = 'holder')
                   OR NOT EXISTS (SELECT 1 FROM links l WHERE l.source_id = st.id
                                  AND l.type = 'target')) {where}
            """, tuple(annotator_ids or ()))]


_BY = {"label": "l.layer || ' · ' || l.name", "outlet": "d.outlet",
       "month": "substr(d.day, 1, 7)", "annotator": "a.name"}


class ChartsMixin(RepoBase):
    def span_counts_by(self, by: str) -> list[tuple[str, int]]:
        """(label, outlet, month or annotator; spans) over the corpus, largest first
        (months in order); "" for documents without an outlet or a date."""
        column = _BY[by]
        order = "1" if by == "month" else "2 DESC, 1"
        return [(str(k or ""), int(n)) for k, n in self._rows(
            f"SELECT {column}, count(*) FROM spans s JOIN labels l ON l.id = s.label_id "
            "JOIN documents d ON d.id = s.doc_id JOIN annotators a ON a.id = s.annotator_id "
            f"GROUP BY 1 ORDER BY {order}")]
