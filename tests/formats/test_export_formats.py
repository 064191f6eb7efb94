"""Every span-carrying format, under every filter: exactly the spans the native export
selects, each with offsets that slice the format's own text to the span's text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.export_common import ExportOptions
from annotator.formats.export_formats import FORMATS, write_export, write_stream
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

from .export_helpers import (
    brat_spans,
    csv_spans,
    doccano_spans,
    drop_annotator,
    export,
    json_lines,
    labelstudio_spans,
    native,
    native_spans,
    prodigy_spans,
    rich_project,
    texts,
)


@pytest.fixture
def rich(project: Project) -> Project:
    return rich_project(project)


def filters(project: Project) -> list[ExportFilter]:
    lines_doc = native(project)[-1]["id"]
    return [ExportFilter(), ExportFilter(annotators=("Omid",)), ExportFilter(gold=True),
            ExportFilter(annotators=("Dana",), gold=True), ExportFilter(layers=("narrative",)),
            ExportFilter(labels=("Foreign interference",)),
            ExportFilter(documents=(lines_doc,))]


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "labelstudio", "csv", "brat"])
def test_each_format_carries_exactly_the_filtered_spans_and_its_offsets_slice_its_text(
        rich: Project, fmt: str, tmp_path: Path) -> None:
    for n, filt in enumerate(filters(rich)):
        expected = native_spans(rich, filt)
        assert expected or filt.documents  # the fixture has spans for every filter
        if fmt == "brat":
            folder = tmp_path / f"brat{n}"
            write_export(rich, "brat", folder, filt)
            got = brat_spans(folder)
            if not any(folder.glob("*/")):  # one annotator: a flat folder
                expected = drop_annotator(expected)
        else:
            data = export(rich, fmt, filt)
            got = {"doccano": doccano_spans, "prodigy": prodigy_spans,
                   "labelstudio": labelstudio_spans}[fmt](data) if fmt != "csv" \
                else csv_spans(data, texts(rich))
        assert got == expected, (fmt, filt)


@pytest.mark.parametrize("unit", ["codepoint", "utf16", "grapheme"])
def test_doccano_offsets_slice_the_text_in_the_unit_asked_for(rich: Project, unit: str
                                                               ) -> None:
    data = export(rich, "doccano", options=ExportOptions(offset_unit=unit))
    assert doccano_spans(data, unit) == native_spans(rich)


def test_the_units_differ_where_the_text_has_emoji_and_flags(rich: Project) -> None:
    first = {unit: json_lines(export(rich, "doccano", ExportFilter(annotators=("Dana",)),
                                     ExportOptions(offset_unit=unit)))[0]["label"]
             for unit in ("codepoint", "utf16", "grapheme")}
    iran = {unit: next(lab for lab in labels if lab[2] == "State/Government")  # type: ignore[attr-defined]
            for unit, labels in first.items()}
    # "Iran 🇮🇷": 7 code points, 9 UTF-16 units (two astral indicators), 6 graphemes
    assert iran == {"codepoint": [0, 7, "State/Government"],
                    "utf16": [0, 9, "State/Government"],
                    "grapheme": [0, 6, "State/Government"]}


@pytest.mark.parametrize("fmt", ["doccano", "prodigy", "labelstudio", "csv", "conll",
                                 "network-csv", "graphml"])
def test_a_filter_naming_nobody_fails_before_any_output(rich: Project, fmt: str) -> None:
    out = io.BytesIO()
    options = ExportOptions(network="actor-stance" if "network" in fmt or fmt == "graphml"
                            else None)
    with pytest.raises(InputError, match="no annotator named 'Nobody'"):
        write_stream(rich, fmt, out, ExportFilter(annotators=("Nobody",), layers=("actor",)),
                     options)
    assert out.getvalue() == b""


@pytest.mark.parametrize(("fmt", "filt", "options", "message"), [
    ("conll", ExportFilter(), ExportOptions(), "exactly one layer"),
    ("conll", ExportFilter(layers=("actor", "stance")), ExportOptions(), "exactly one layer"),
    ("graphml", ExportFilter(), ExportOptions(), "needs --network"),
    ("csv", ExportFilter(), ExportOptions(network="actor-stance"), "--network applies"),
    ("prodigy", ExportFilter(), ExportOptions(offset_unit="utf16"), "code points"),
    ("nonsense", ExportFilter(), ExportOptions(), "unknown export format"),
])
def test_requests_a_format_cannot_honour_are_refused_without_writing(
        rich: Project, tmp_path: Path, fmt: str, filt: ExportFilter, options: ExportOptions,
        message: str) -> None:
    target = tmp_path / "out"
    with pytest.raises(InputError, match=message):
        write_export(rich, fmt, target, filt, options)
    assert list(tmp_path.iterdir()) == []


def test_every_file_format_is_written_whole_or_not_at_all(rich: Project, tmp_path: Path
                                                         ) -> None:
    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt
    for fmt in FORMATS:
        target = tmp_path / f"out-{fmt}"
        filt = ExportFilter(layers=("actor",))
        options = ExportOptions(network="actor-narrative" if fmt in ("network-csv", "graphml")
                                else None)
        with pytest.raises(KeyboardInterrupt):
            write_export(rich, fmt, target, filt, options, progress=cancel)
        assert list(tmp_path.iterdir()) == [], fmt
