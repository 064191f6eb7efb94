"""Native JSONL: what a line holds, byte-identical round trips, filters, idempotence."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.model import Document, Span, Status
from annotator.formats.importer import import_paths
from annotator.formats.jsonl_export import ExportFilter, export_jsonl
from annotator.paths import default_scheme_path
from annotator.store import Project

from .conftest import export_bytes

HEADER = {"annotator_format": "jsonl", "version": 1, "offset_unit": "codepoint"}


def lines(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.decode("utf-8").split("\n") if line]


def test_the_export_states_its_offset_unit_and_every_span_matches_its_text(
        annotated: Project) -> None:
    header, *records = lines(export_bytes(annotated))
    people = header.pop("annotators")
    assert header == HEADER
    assert [p["name"] for p in people] == ["Dana", "Omid", "gold"]  # type: ignore[attr-defined]
    assert len(records) == 2
    for rec in records:
        assert list(rec)[:4] == ["id", "title", "source", "meta"]
        text = rec["text"]
        assert isinstance(text, str)
        for span in rec["spans"]:  # type: ignore[attr-defined]
            assert text[span["start"]:span["end"]] == span["text"]


def test_a_span_line_carries_what_was_set_and_nothing_else(annotated: Project) -> None:
    rec = lines(export_bytes(annotated))[1]
    assert rec["status"] == {"Dana": "done"}
    spans = {s["text"]: s for s in rec["spans"]}  # type: ignore[attr-defined]
    iran = spans["Iran 🇮🇷"]
    assert iran["start"] == 0 and iran["end"] == 7  # code points: the flag is two
    assert iran["entity"]["name"] == "Iran" and iran["entity"]["aliases"] == ["Tehran"]
    assert "note" not in iran and "attributes" not in iran and "parent" not in iran
    stance = spans["“death to the dictator”"]
    assert stance["note"] == "chant"
    assert stance["attributes"] == {"intensity": 3, "quoted": True}
    assert spans["Путин наблюдает за Ираном 👀"]["parent"] == "Foreign interference"
    assert spans["مردم می‌خواهند"]["annotator"] == "gold"
    links = {link["type"]: link for link in rec["links"]}  # type: ignore[attr-defined]
    assert links["holder"] == {"id": links["holder"]["id"], "source": stance["id"],
                               "target": iran["id"], "type": "holder"}
    assert links["target"]["entity"]["name"] == "Iran"


def roundtrip(data: bytes, tmp_path: Path, make: Callable[[], Project]) -> bytes:
    path = tmp_path / "export.jsonl"
    path.write_bytes(data)
    target = make()
    import_paths(target, [path])
    out = export_bytes(target)
    target.close()
    return out


def test_export_import_export_is_byte_identical(annotated: Project, tmp_path: Path) -> None:
    first = export_bytes(annotated)
    assert roundtrip(first, tmp_path, Project.memory) == first  # no scheme: labels created
    scheme = lambda: Project.memory(scheme=default_scheme_path())  # noqa: E731
    assert roundtrip(first, tmp_path, scheme) == first


def test_an_empty_project_round_trips_too(tmp_path: Path) -> None:
    empty = export_bytes(Project.memory())
    assert lines(empty) == [HEADER]
    assert roundtrip(empty, tmp_path, Project.memory) == empty


def test_importing_the_same_file_twice_changes_nothing(annotated: Project,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_bytes(export_bytes(annotated))
    target = Project.memory()
    first = import_paths(target, [path])
    assert (first.documents_added, first.spans_added, first.links_added) == (2, 6, 2)
    assert first.annotators_created == ["Dana", "Omid", "gold"]
    assert "narrative/Colour revolution" in first.labels_created
    assert "narrative/Foreign interference" in first.labels_created
    before = export_bytes(target)
    again = import_paths(target, [path])
    assert (again.documents_added, again.documents_matched) == (0, 2)
    assert (again.spans_added, again.spans_skipped, again.links_added) == (0, 6, 0)
    assert not again.changed
    assert export_bytes(target) == before


def test_a_colleagues_spans_join_a_document_matched_by_text(annotated: Project,
                                                            tmp_path: Path) -> None:
    """Same text under another uuid (both imported the article themselves)."""
    mine = Project.memory(scheme=default_scheme_path())
    doc, _ = mine.add_document(Document(title="Mine", text="Россия поддерживает Иран.\n"))
    path = tmp_path / "theirs.jsonl"
    path.write_bytes(export_bytes(annotated))
    summary = import_paths(mine, [path])
    assert (summary.documents_added, summary.documents_matched) == (1, 1)
    assert doc.id is not None
    assert [s.text for s in mine.spans_of_document(doc.id)] == ["Россия"]
    assert mine.get_document(doc.id).title == "Mine"  # nothing of mine is touched


# -- filters ---------------------------------------------------------------------------------
def span_texts(data: bytes) -> list[str]:
    return sorted(s["text"] for rec in lines(data)[1:] for s in rec["spans"])  # type: ignore[attr-defined]


def test_filters_select_annotators_layers_labels_documents_and_gold(
        annotated: Project) -> None:
    everything = span_texts(export_bytes(annotated))
    assert len(everything) == 6
    assert span_texts(export_bytes(annotated, annotators=("Dana",))) == [
        "Iran 🇮🇷", "“death to the dictator”"]
    assert span_texts(export_bytes(annotated, gold=True)) == ["مردم می‌خواهند"]
    assert span_texts(export_bytes(annotated, layers=("stance", "narrative"))) == [
        "Путин наблюдает за Ираном 👀", "“death to the dictator”"]
    # A parent label brings its sub-labels.
    assert span_texts(export_bytes(annotated, labels=("Foreign interference",))) == [
        "Путин наблюдает за Ираном 👀"]
    assert span_texts(export_bytes(annotated, labels=("State/Government",),
                                   annotators=("Omid",))) == ["Россия"]
    second = annotated.find_document(sha256=Document(title="", text="Россия поддерживает "
                                                     "Иран.\n").sha256)
    assert second is not None
    data = export_bytes(annotated, documents=(second.uuid,))
    assert [r["id"] for r in lines(data)[1:]] == [second.uuid]


def test_a_link_is_exported_only_with_both_of_its_spans(annotated: Project) -> None:
    rec = lines(export_bytes(annotated, layers=("stance",)))[1]
    assert [link["type"] for link in rec["links"]] == ["target"]  # type: ignore[attr-defined]
    assert "status" not in lines(export_bytes(annotated, annotators=("Omid",)))[1]


@pytest.mark.parametrize("filters, message", [
    ({"annotators": ("Nobody",)}, "no annotator named 'Nobody'"),
    ({"labels": ("Nothing",)}, "no label named 'Nothing'"),
    ({"layers": ("topic",)}, "unknown layer 'topic'"),
    ({"documents": ("not-a-uuid",)}, "no document with id not-a-uuid"),
])
def test_a_filter_naming_something_absent_is_an_error(annotated: Project,
                                                      filters: dict[str, object],
                                                      message: str) -> None:
    with pytest.raises(InputError, match=message):
        export_jsonl(annotated, io.BytesIO(), ExportFilter(**filters))  # type: ignore[arg-type]


# -- property: any text, any spans -----------------------------------------------------------
ALPHABET = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be UTF-8
PIECES = st.sampled_from(["🇮🇷", "👨‍👩‍👧", "e\u0301", "می‌خواهند", "שלום", "\u202b", "\r\n", "\n",
                          "Путин", " ", "\u2028", "\t", "\x00", "\"\\"])
TEXTS = st.lists(st.one_of(PIECES, st.text(ALPHABET, min_size=1, max_size=5)),
                 min_size=1, max_size=12).map("".join).filter(lambda t: t.strip() != "")


# text, spans (start, end, label, note, annotator), who marked the document done
Case = tuple[str, list[tuple[int, int, str, str, str]], str | None]


@st.composite
def documents(draw: st.DrawFn) -> Case:
    text = draw(TEXTS)
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["Media", "Opposes", "Colour revolution"]))
        note = draw(st.text(ALPHABET, max_size=3))
        # Several people and gold: the header must carry each one's id through.
        who = draw(st.sampled_from(["A", "Bea", "Ça 🇮🇷", "gold"]))
        spans.append((start, end, label, note, who))
    # A status, possibly of someone without spans (named in the header all the same).
    return text, spans, draw(st.sampled_from([None, "A", "Dov"]))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(documents(), min_size=1, max_size=3), meta=st.dictionaries(
    st.text(ALPHABET, max_size=4), st.one_of(st.integers(), st.text(ALPHABET, max_size=4)),
    max_size=3))
def test_roundtrip_property(docs: list[Case],
                            meta: dict[str, object], tmp_path: Path) -> None:
    source = Project.memory(scheme=default_scheme_path())
    layers = {"Media": "actor", "Opposes": "stance", "Colour revolution": "narrative"}
    for i, (text, spans, done_by) in enumerate(docs):
        doc, _ = source.add_document(Document(title=f"t{i}", text=text, meta=meta))
        for start, end, name, note, person in spans:
            label = source.find_label(layers[name], name)
            who = source.annotator(person)
            assert label is not None and label.id and doc.id and who.id
            source.insert_span(Span(doc_id=doc.id, annotator_id=who.id, label_id=label.id,
                                    start=start, end=end, text=doc.text[start:end], note=note))
        if done_by is not None and doc.id:
            source.set_status(doc.id, source.annotator(done_by).id or 0, Status.DONE)
    first = export_bytes(source)
    for rec in lines(first)[1:]:
        for span in rec["spans"]:  # type: ignore[attr-defined]
            assert rec["text"][span["start"]:span["end"]] == span["text"]  # type: ignore[index]
    assert roundtrip(first, tmp_path, Project.memory) == first

