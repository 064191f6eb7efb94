"""``annotator import --offset-unit`` as a user runs it: a doccano export for doccano's
app (UTF-16 units) comes back to the same spans, a wrong reading is warned about with
file and line, and an impossible offset fails with one line naming them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .helpers import project_from_records, run

TEXT = ("🇮🇷 Iran backs Russia 👍🏽 and Hezbollah.\nПутин 🇷🇺 поддерживает Иран.\n"
        "Tehran is quiet today, they say.\n")
# "Iran", after the flag, as each unit counts
IRAN = {"utf16": [5, 9, "State/Government"], "grapheme": [2, 6, "State/Government"]}


def span(sid: str, sub: str, label: str, who: str) -> dict[str, object]:
    start = TEXT.index(sub)
    return {"id": sid, "start": start, "end": start + len(sub), "text": sub,
            "layer": "actor", "label": label, "annotator": who}


RECORD = {"id": "doc-1", "title": "Mixed", "text": TEXT, "spans": [
    span("s1", "Iran", "State/Government", "Dana"),
    span("s2", "Russia", "State/Government", "Dana"),
    span("s3", "Hezbollah", "Political organisation", "Omid"),
    span("s4", "Путин 🇷🇺", "Head of state/government", "Omid"),
    span("s5", "Иран", "State/Government", "Dana")]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_from_records(tmp_path, RECORD)


def spans(project: Path) -> list[tuple[str, ...]]:
    result = run("export", project, "-o", "-", "--format", "csv")
    rows = csv.DictReader(io.StringIO(result.stdout, newline=""))
    return sorted((r["document_id"], r["annotator"], r["layer"], r["label"], r["start"],
                   r["end"], r["text"]) for r in rows)


@pytest.mark.parametrize("unit", ["utf16", "grapheme"])
def test_a_doccano_export_for_doccanos_app_imports_back_to_the_same_spans(
        project: Path, tmp_path: Path, unit: str) -> None:
    doccano = tmp_path / "doccano.jsonl"
    result = run("export", project, "-o", doccano, "--format", "doccano",
                 "--offset-unit", unit)
    assert result.exit_code == 0, result.output
    labels = [json.loads(line)["label"] for line in doccano.read_text("utf-8").splitlines()]
    assert IRAN[unit] in labels[0]
    again = tmp_path / "again.annotator"
    result = run("import", again, doccano, "--offset-unit", unit)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.stdout
    assert spans(again) == spans(project)


def test_a_utf16_file_read_as_code_points_is_warned_about(project: Path,
                                                          tmp_path: Path) -> None:
    doccano = tmp_path / "doccano.jsonl"
    run("export", project, "-o", doccano, "--format", "doccano", "--offset-unit", "utf16")
    again = tmp_path / "again.annotator"
    result = run("import", again, doccano)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith("note: ")]
    # one line per annotator in doccano: Dana's is line 1, Omid's line 2
    assert notes == [
        f"note: {doccano}:1 (and 1 more records): spans probably shifted: as code points "
        "their offsets cut into words or characters, as UTF-16 code units (as doccano's "
        "app counts) they do not. They were imported as code points; import the file "
        "with --offset-unit utf16 instead (into a project without these spans)"]
    assert spans(again) != spans(project)


def test_an_offset_inside_a_surrogate_pair_fails_naming_file_and_line(
        tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "ok text"}) + "\n"
                   + json.dumps({"text": TEXT, "label": [[1, 9, "Media"]]}) + "\n",
                   encoding="utf-8")
    fresh = tmp_path / "fresh.annotator"
    result = run("import", fresh, bad, "--offset-unit", "utf16")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"annotator: {bad}:2: span #1 [1, 9) in UTF-16 code units: UTF-16 offset 1 falls "
        "inside the surrogate pair of '🇮' (U+1F1EE)"]
    assert list(tmp_path.glob("fresh*")) == []


def test_an_unknown_unit_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    source.write_text(json.dumps({"text": "Iran"}) + "\n", encoding="utf-8")
    result = run("import", tmp_path / "p.annotator", source, "--offset-unit", "bytes")
    assert result.exit_code == 2
    assert "'bytes' is not one of 'codepoint', 'utf16', 'grapheme'" in result.stderr
