"""``annotator export --format …`` as a user runs it: every format, its warnings on
stderr, and one-line errors for requests a format cannot honour."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import Result

from .helpers import project_from_records, run

TEXT = "Путин 🇷🇺 поддерживает Иран 🇮🇷.\nاعتراض‌ها در تهران ادامه دارد.\n"
PUTIN, IRAN = TEXT.index("Путин 🇷🇺"), TEXT.index("Иран 🇮🇷")
PERSIAN = TEXT.index("اعتراض‌ها")
NARRATIVE = TEXT.index("поддерживает Иран 🇮🇷.\nاعتراض‌ها")


def span(sid: str, start: int, end: int, layer: str, label: str, who: str = "Dana"
         ) -> dict[str, object]:
    return {"id": sid, "start": start, "end": end, "text": TEXT[start:end], "layer": layer,
            "label": label, "annotator": who}


RECORD = {"id": "doc-1", "title": "Mixed", "text": TEXT, "spans": [
    span("s1", PUTIN, PUTIN + 8, "actor", "Head of state/government"),
    span("s2", PUTIN, PUTIN + 5, "actor", "State/Government"),  # nested: CoNLL drops it
    span("s3", IRAN, IRAN + 7, "actor", "State/Government"),
    span("s4", TEXT.index("поддерживает"), TEXT.index("поддерживает") + 12, "stance",
         "Supports"),
    span("s5", NARRATIVE, NARRATIVE + len("поддерживает Иран 🇮🇷.\nاعتراض‌ها"), "narrative",
         "Russia as protector/sanctuary"),
    span("s6", PERSIAN, PERSIAN + 9, "actor", "Protesters/Civil society", "gold")],
    "links": [{"id": "l1", "source": "s4", "target": "s1", "type": "holder"},
              {"id": "l2", "source": "s4", "target": "s3", "type": "target"}]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_from_records(tmp_path, RECORD)


def error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.parametrize("fmt", ["doccano", "prodigy"])
def test_jsonl_tool_formats_to_stdout(project: Path, fmt: str) -> None:
    result = run("export", project, "-o", "-", "--format", fmt, "--annotator", "Dana")
    assert result.exit_code == 0, result.output
    (line,) = (json.loads(x) for x in result.stdout.splitlines())
    pairs = line["label"] if fmt == "doccano" else [
        [s["start"], s["end"], s["label"]] for s in line["spans"]]
    assert [TEXT[s:e] for s, e, _ in pairs] == ["Путин", "Путин 🇷🇺", "поддерживает",
                                               "поддерживает Иран 🇮🇷.\nاعتراض‌ها",
                                               "Иран 🇮🇷"]
    assert result.stderr.splitlines() == [
        "wrote 1 document, 5 spans, 0 links to -",
        f"warning: 2 links (stance holder/target) left out: "
        f"{'doccano' if fmt == 'doccano' else 'a spans example'}"
        f"{chr(39) + 's label list' if fmt == 'doccano' else ''} has no place for them"]


def test_doccano_utf16_offsets(project: Path) -> None:
    result = run("export", project, "-o", "-", "--format", "doccano", "--gold",
                 "--offset-unit", "utf16")
    (line,) = (json.loads(x) for x in result.stdout.splitlines())
    # two flags (four astral code points) come before the Persian word
    assert line["label"] == [[PERSIAN + 4, PERSIAN + 13, "Protesters/Civil society"]]


def test_label_studio_writes_tasks_and_the_config_beside_them(project: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    result = run("export", project, "-o", out, "--format", "labelstudio")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"wrote 1 document, 6 spans, 2 links to {out}",
        f"wrote {tmp_path / 'tasks.labelstudio.xml'}"]
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["annotators"] == ["Dana", "gold"]
    ET.parse(tmp_path / "tasks.labelstudio.xml")


def test_brat_writes_a_folder_and_refuses_stdout_and_full_folders(project: Path,
                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    result = run("export", project, "-o", folder, "--format", "brat")
    assert result.exit_code == 0, result.output
    assert (folder / "annotation.conf").exists() and (folder / "Dana" / "doc-1.ann").exists()
    assert (folder / "gold" / "doc-1.txt").read_text(encoding="utf-8") == TEXT
    assert "new or empty folder" in error(run("export", project, "-o", folder,
                                              "--format", "brat"))
    assert "writes a folder" in error(run("export", project, "-o", "-", "--format", "brat"))


def test_conll_warns_with_the_number_of_spans_it_dropped(project: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "actors.conll"
    result = run("export", project, "-o", out, "--format", "conll", "--layer", "actor",
                 "--annotator", "Dana")
    assert result.exit_code == 0, result.output
    assert ("warning: 1 overlapping or nested actor spans dropped (CoNLL has one tag per "
            "token; the outermost was kept)") in result.stderr.splitlines()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["-DOCSTART- -X- O O", "", "Путин\tB-Head_of_state/government",
                         "🇷🇺\tI-Head_of_state/government", "поддерживает\tO"]
    assert "conll" in error(run("export", project, "-o", tmp_path / "x.conll",
                                "--format", "conll")).lower()
    assert not (tmp_path / "x.conll").exists()


def test_csv_of_spans(project: Path) -> None:
    result = run("export", project, "-o", "-", "--format", "csv", "--layer", "narrative")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [(r["label"], r["text"], r["start"]) for r in rows] == [
        ("Russia as protector/sanctuary", "поддерживает Иран 🇮🇷.\nاعتراض‌ها", str(NARRATIVE))]


def test_networks(project: Path, tmp_path: Path) -> None:
    result = run("export", project, "-o", "-", "--format", "network-csv", "--network",
                 "actor-stance")
    assert result.stdout.splitlines() == ["source,target,type,sign,weight,documents",
                                          "Путин 🇷🇺,Иран 🇮🇷,Supports,1,1,1"]
    assert result.stderr.startswith("wrote 1 edge from 1 document")
    out = tmp_path / "an.graphml"
    assert run("export", project, "-o", out, "--format", "graphml", "--network",
               "actor-narrative", "--annotator", "Dana").exit_code == 0
    labels = {d.text for d in ET.parse(out).iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert {"Иран 🇮🇷", "Russia as protector/sanctuary"} <= labels
    assert "--network" in error(run("export", project, "-o", "-", "--format", "graphml"))


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "prodigy", "--offset-unit", "utf16"), "--offset-unit is for doccano"),
    (("--format", "csv", "--network", "actor-stance"), "--network applies to"),
    (("--format", "ner"), "Invalid value for '--format'"),
])
def test_option_mistakes_are_refused(project: Path, args: tuple[str, ...],
                                     message: str) -> None:
    result = run("export", project, "-o", "-", *args)
    assert result.exit_code != 0 and result.stdout == ""
    assert message in result.stderr
