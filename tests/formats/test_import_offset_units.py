"""JSONL offsets are read as the file counts them (PRODUCT §3): doccano's app counts
UTF-16 code units (or grapheme clusters), Python tools code points. A wrong guess is
warned about, never made silently; an offset no unit can mean is refused by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.spans import GraphemeIndex
from annotator.formats.export_common import ExportOptions
from annotator.formats.import_units import _Oddness
from annotator.formats.importer import ImportOptions, import_paths
from annotator.paths import default_scheme_path
from annotator.store import Project

from .conftest import Snapshot
from .export_helpers import export, native_spans, rich_project

# A flag (2 code points, 4 UTF-16 units, 1 grapheme) and a ZWJ family (5 code points,
# 8 UTF-16 units, 1 grapheme) before the spans.
TEXT = "🇮🇷 👨\u200d👩\u200d👧 Iran backs Russia"
IRAN, RUSSIA = (9, 13), (20, 26)  # code points
# The same two spans as each unit counts them, worked out by hand.
IN_UNIT = {"codepoint": [IRAN, RUSSIA], "utf16": [(14, 18), (25, 31)],
           "grapheme": [(4, 8), (15, 21)]}
HEADER = {"annotator_format": "jsonl", "version": 1, "offset_unit": "codepoint"}


def write(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def doccano(unit: str, text: str = TEXT) -> dict[str, object]:
    (a, b), (c, d) = IN_UNIT[unit]
    return {"text": text, "label": [[a, b, "State/Government"], [c, d, "Media"]]}


def imported(project: Project) -> list[tuple[int, int, str]]:
    doc_id = project.document_ids()[0]
    return sorted((s.start, s.end, s.text) for s in project.spans_of_document(doc_id))


def test_the_test_offsets_are_right() -> None:
    assert (TEXT[9:13], TEXT[20:26]) == ("Iran", "Russia")
    units = TEXT.encode("utf-16-le")
    assert units[28:36].decode("utf-16-le") == "Iran"


@pytest.mark.parametrize("unit", list(IN_UNIT))
def test_doccano_triples_in_each_unit_import_to_the_same_code_points(
        unit: str, project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "doccano.jsonl", doccano(unit))
    summary = import_paths(project, [path], ImportOptions(offset_unit=unit))
    assert imported(project) == [(*IRAN, "Iran"), (*RUSSIA, "Russia")]
    assert summary.notes == []


@pytest.mark.parametrize("unit", ["utf16", "grapheme"])
def test_doccano_entities_and_prodigy_spans_take_the_unit_too(
        unit: str, project: Project, tmp_path: Path) -> None:
    (a, b), (c, d) = IN_UNIT[unit]
    path = write(tmp_path / "mixed.jsonl",
                 {"text": TEXT, "entities": [{"id": 1, "start_offset": a, "end_offset": b,
                                              "label": "Media"}]},
                 {"text": TEXT + ".", "spans": [{"start": c, "end": d, "label": "Media"}]})
    import_paths(project, [path], ImportOptions(offset_unit=unit))
    texts = sorted(s.text for doc_id in project.document_ids()
                   for s in project.spans_of_document(doc_id))
    assert texts == ["Iran", "Russia"]


@pytest.mark.parametrize("unit", ["utf16", "grapheme"])
def test_a_native_file_whose_header_says_another_unit_is_converted(
        unit: str, project: Project, tmp_path: Path) -> None:
    (a, b), _ = IN_UNIT[unit]
    record = {"id": "d1", "text": TEXT, "spans": [
        {"id": "s1", "start": a, "end": b, "text": "Iran", "layer": "actor",
         "label": "Media", "annotator": "Dana"}]}
    path = write(tmp_path / "native.jsonl", {**HEADER, "offset_unit": unit}, record)
    # The header is the file's own word: an --offset-unit that says otherwise loses,
    # and the user is told so.
    summary = import_paths(project, [path], ImportOptions(offset_unit="codepoint"))
    assert imported(project) == [(*IRAN, "Iran")]
    assert summary.notes == [f"{path}: its header states offsets in {unit}; "
                             "--offset-unit codepoint does not apply to it"]


def test_a_record_may_state_its_own_unit(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", {**doccano("utf16"), "offset_unit": "utf16"})
    summary = import_paths(project, [path])
    assert imported(project) == [(*IRAN, "Iran"), (*RUSSIA, "Russia")]
    assert summary.notes == []
    assert next(project.iter_documents()).meta == {}  # the unit is not metadata


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "grapheme"])
def test_a_doccano_export_in_each_unit_imports_back_to_the_same_spans(
        unit: str, project: Project, tmp_path: Path) -> None:
    rich_project(project)
    path = tmp_path / "doccano.jsonl"
    path.write_bytes(export(project, "doccano", options=ExportOptions(offset_unit=unit)))
    again = Project.memory(scheme=default_scheme_path())
    summary = import_paths(again, [path], ImportOptions(offset_unit=unit))
    assert native_spans(again) == native_spans(project)
    assert summary.notes == []


def test_a_utf16_export_read_as_code_points_is_warned_about_by_line(
        project: Project, tmp_path: Path) -> None:
    rich_project(project)
    path = tmp_path / "doccano.jsonl"
    path.write_bytes(export(project, "doccano", options=ExportOptions(offset_unit="utf16")))
    again = Project.memory(scheme=default_scheme_path())
    summary = import_paths(again, [path])
    assert native_spans(again) != native_spans(project)  # what the warning is about
    assert len(summary.notes) == 1
    note = summary.notes[0]
    assert note.startswith(f"{path}:1 (and ")
    assert "spans probably shifted" in note
    assert "--offset-unit utf16" in note


def test_the_warning_names_the_line_and_only_the_suspect_records(
        project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl",
                 doccano("codepoint"),  # right as code points: the flag makes no fuss
                 {"text": "No emoji here, Iran", "label": [[15, 19, "Media"]]},
                 doccano("utf16", TEXT + " again"))
    summary = import_paths(project, [path])
    assert summary.notes == [
        f"{path}:3: spans probably shifted: as code points their offsets cut into words or "
        "characters, as UTF-16 code units (as doccano's app counts) they do not. They "
        "were imported as code points; import the file with --offset-unit utf16 instead "
        "(into a project without these spans)"]


def test_no_warning_when_the_unit_is_stated_or_the_spans_carry_their_text(
        project: Project, tmp_path: Path) -> None:
    stated = write(tmp_path / "stated.jsonl", doccano("utf16", TEXT + " today."))
    # UTF-16 offsets read as code points, as the user said: "Iran" becomes "back".
    summary = import_paths(project, [stated], ImportOptions(offset_unit="codepoint"))
    assert summary.notes == [] and imported(project)[0] == (14, 18, "back")
    with_text = write(tmp_path / "prodigy.jsonl", {"text": TEXT + "!", "spans": [
        {"start": 9, "end": 13, "text": "Iran", "label": "Media"}]})
    assert import_paths(project, [with_text]).notes == []


def test_a_grapheme_file_read_as_code_points_suggests_graphemes(
        project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", doccano("grapheme"))
    summary = import_paths(project, [path])
    assert len(summary.notes) == 1 and "--offset-unit grapheme" in summary.notes[0]


# (unit, label triple, the message) for offsets that no reading in that unit can mean
BAD_OFFSETS = {
    "inside-surrogate-pair": ("utf16", [1, 18, "Media"], "UTF-16 offset 1 falls inside "
                              "the surrogate pair of '🇮' (U+1F1EE)"),
    "utf16-outside": ("utf16", [14, 99, "Media"], "UTF-16 offset 99 outside text"),
    "grapheme-outside": ("grapheme", [4, 30, "Media"], "grapheme offset 30 outside text"),
    "negative": ("utf16", [-1, 4, "Media"], "outside text"),
    "reversed": ("utf16", [18, 14, "Media"], "empty or reversed"),
}


@pytest.mark.parametrize("name", list(BAD_OFFSETS))
def test_offsets_no_unit_can_mean_name_file_and_line_and_change_nothing(
        name: str, project: Project, tmp_path: Path, snapshot: Snapshot) -> None:
    unit, triple, message = BAD_OFFSETS[name]
    good = write(tmp_path / "good.jsonl", doccano("utf16"))
    import_paths(project, [good], ImportOptions(offset_unit="utf16"))
    before = snapshot(project)
    first, _ = IN_UNIT[unit]
    path = write(tmp_path / "bad.jsonl", doccano(unit, TEXT + "!"),
                 {"text": TEXT, "label": [[*first, "Media"], triple]})
    with pytest.raises(InputError) as err:
        import_paths(project, [path], ImportOptions(offset_unit=unit))
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert err.value.reason.startswith("span #2")
    assert message in err.value.reason
    assert snapshot(project) == before


def test_code_points_outside_the_text_that_fit_as_utf16_say_so(
        project: Project, tmp_path: Path) -> None:
    text = "😀😀😀 Russia"
    path = write(tmp_path / "d.jsonl", {"text": text, "label": [[7, 13, "Media"]]})
    with pytest.raises(InputError) as err:
        import_paths(project, [path])
    assert err.value.line == 1
    assert err.value.reason == ("span #1: span [7, 13) is outside the text (length 10) "
                                "(read as UTF-16 code units the spans fit: try "
                                "--offset-unit utf16)")
    assert project.document_count() == 0


def test_an_unknown_unit_is_refused_before_anything_is_read(project: Project,
                                                           tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", doccano("codepoint"))
    with pytest.raises(InputError, match="unknown offset unit 'bytes'"):
        import_paths(project, [path], ImportOptions(offset_unit="bytes"))
    bad_record = write(tmp_path / "r.jsonl", {**doccano("codepoint"), "offset_unit": "cm"})
    with pytest.raises(InputError, match="unknown offset unit 'cm'") as err:
        import_paths(project, [bad_record])
    assert (err.value.path, err.value.line) == (str(bad_record), 1)
    assert project.document_count() == 0


PIECES = ["a", "Я", " ", "\n", "\r\n", "\r", "ی\u200c", "e\u0301", "\u0301", "\u200d",
          "🇮🇷", "🇮", "👨\u200d👩\u200d👧", "👍🏽", "🏽", "x" * 70, "—", "."]


@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_safety_net_sees_the_same_clusters_as_the_whole_text_index(
        pieces: list[str]) -> None:
    # It looks only around each boundary, for speed; it must agree with GraphemeIndex.
    text = "".join(pieces)
    bounds = set(GraphemeIndex(text).bounds)
    odd = _Oddness(text)
    for pos in range(len(text) + 1):
        mid_word = 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()
        assert odd._odd(pos) == (pos not in bounds or mid_word), (text, pos)
