"""doccano JSONL: a line per document and annotator, label triples, and a round trip
through our importer that gives back the same spans."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.export_doccano import export_doccano
from annotator.formats.importer import import_paths
from annotator.formats.jsonl_export import ExportFilter
from annotator.formats.offset_units import to_unit as converter
from annotator.paths import default_scheme_path
from annotator.store import Project

from .export_helpers import (
    export,
    json_lines,
    native,
    native_spans,
    rich_project,
    slice_in,
)


def test_one_line_per_document_and_annotator_and_one_for_a_document_without_spans(
        project: Project) -> None:
    rich_project(project)
    lines = json_lines(export(project, "doccano"))
    docs = native(project)
    assert [(line["id"], line.get("annotator")) for line in lines] == [
        (docs[0]["id"], "Dana"), (docs[0]["id"], "Omid"), (docs[0]["id"], "gold"),
        (docs[1]["id"], "Omid"), (docs[2]["id"], "Dana")]
    first = lines[0]
    assert list(first) == ["id", "title", "text", "label", "annotator", "source", "meta"]
    assert first["meta"] == {"url": "https://x.example", "lang": "en"}
    assert first["label"][0] == [0, 7, "State/Government"]  # type: ignore[index]
    only_gold = json_lines(export(project, "doccano", ExportFilter(gold=True)))
    assert [line.get("annotator") for line in only_gold] == ["gold", None, None]
    assert only_gold[1]["label"] == []


def test_the_summary_says_links_and_span_details_were_left_out(project: Project) -> None:
    rich_project(project)
    summary = export_doccano(project, io.BytesIO())
    assert (summary.documents, summary.spans, summary.links) == (3, 12, 0)
    assert summary.notes[0] == ("2 links (stance holder/target) left out: doccano's label "
                                "list has no place for them")
    # each kind of span detail the triples cannot hold is counted (issue 7, item 3)
    kinds = [n.split(" left out")[0] for n in summary.notes[1:]]
    assert all(k.split()[0].isdigit() and int(k.split()[0]) > 0 for k in kinds)
    assert {k.split(" ", 1)[1] for k in kinds} <= {"span notes", "span registry entities",
                                                  "span attribute sets"}
    assert kinds, "rich_project has notes, entities or attributes to count"


def test_a_doccano_export_imports_back_to_the_same_spans(project: Project,
                                                        tmp_path: Path) -> None:
    rich_project(project)
    path = tmp_path / "doccano.jsonl"
    path.write_bytes(export(project, "doccano"))
    again = Project.memory(scheme=default_scheme_path())
    summary = import_paths(again, [path])
    assert summary.documents_added == 3 and not summary.labels_created
    assert native_spans(again) == native_spans(project)
    assert {rec["text"] for rec in native(again)} == {rec["text"] for rec in native(project)}



PIECES = ["a", " ", "ы", "ی\u200c", "e\u0301", "🇮🇷", "👨\u200d👩\u200d👧", "👍🏽", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=30), st.data())
def test_unit_conversion_slices_the_same_text_as_code_points(pieces: list[str],
                                                            data: st.DataObject) -> None:
    text = "".join(pieces)
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    start, end = sorted(data.draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2)))
    for unit in ("codepoint", "utf16", "grapheme"):
        s, e = converter(text, unit)(start, end)
        assert slice_in(text, s, e, unit) == text[start:end], unit
