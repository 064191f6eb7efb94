"""``annotator import`` reads back what ``annotator export`` writes for other tools:
Label Studio JSON and brat folders, with the summary a user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli

TEXT = "Путин 🇷🇺 поддерживает Иран 🇮🇷.\nاعتراض‌ها در تهران ادامه دارد.\n"
PUTIN, IRAN = TEXT.index("Путин 🇷🇺"), TEXT.index("Иран 🇮🇷")
STANCE = TEXT.index("поддерживает")
ACROSS = TEXT.index("Иран 🇮🇷.\nاعتراض‌ها")


def span(sid: str, start: int, end: int, layer: str, label: str, who: str
         ) -> dict[str, object]:
    return {"id": sid, "start": start, "end": end, "text": TEXT[start:end], "layer": layer,
            "label": label, "annotator": who}


RECORD = {"id": "doc-1", "title": "Mixed", "text": TEXT, "spans": [
    span("11111111-1111-4111-8111-111111111111", PUTIN, PUTIN + 8, "actor",
         "Head of state/government", "Dana"),
    span("22222222-2222-4222-8222-222222222222", IRAN, IRAN + 7, "actor",
         "State/Government", "Omid"),
    span("33333333-3333-4333-8333-333333333333", STANCE, STANCE + 12, "stance",
         "Supports", "Dana"),
    span("44444444-4444-4444-8444-444444444444", ACROSS,
         ACROSS + len("Иран 🇮🇷.\nاعتراض‌ها"), "narrative", "Colour revolution", "Omid")],
    "links": [{"id": "l1", "source": "33333333-3333-4333-8333-333333333333",
               "target": "11111111-1111-4111-8111-111111111111", "type": "holder"}]}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def spans_and_links(path: Path, tmp_path: Path) -> tuple[set[tuple[object, ...]],
                                                         set[tuple[object, ...]]]:
    out = tmp_path / f"{path.stem}.jsonl"
    assert run("export", path, "-o", out).exit_code == 0
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    spans = {s["id"]: (s["annotator"], s["layer"], s["label"], s["start"], s["end"],
                       s["text"]) for s in rec["spans"]}
    links = {(spans[k["source"]], k["type"], spans[k["target"]]) for k in rec["links"]}
    return set(spans.values()), links


@pytest.fixture
def source(tmp_path: Path) -> Path:
    native = tmp_path / "in.jsonl"
    native.write_text('{"annotator_format": "jsonl", "version": 1, "offset_unit": '
                      '"codepoint"}\n' + json.dumps(RECORD, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    path = tmp_path / "source.annotator"
    assert run("import", path, native).exit_code == 0
    return path


@pytest.mark.parametrize(("fmt", "target"), [("labelstudio", "tasks.json"),
                                             ("brat", "brat_dir")])
def test_import_reads_back_an_export(source: Path, tmp_path: Path, fmt: str,
                                     target: str) -> None:
    exported = tmp_path / target
    if fmt == "brat":
        exported.mkdir()
    assert run("export", source, "--format", fmt, "-o", exported).exit_code == 0
    fresh = tmp_path / "fresh.annotator"
    result = run("import", fresh, exported)
    assert result.exit_code == 0, result.output
    assert "added 1 document (0 already there), 4 spans (0 already there), 1 link" \
        in result.output
    assert "created annotators: Dana, Omid" in result.output
    assert "created labels" not in result.output and "skipped" not in result.output
    assert spans_and_links(fresh, tmp_path) == spans_and_links(source, tmp_path)
    again = run("import", fresh, exported)
    assert "added 0 documents (1 already there), 0 spans (4 already there), 0 links" \
        in again.output


def test_a_bad_brat_line_is_one_line_with_file_and_line(source: Path,
                                                        tmp_path: Path) -> None:
    exported = tmp_path / "brat_dir"
    exported.mkdir()
    assert run("export", source, "--format", "brat", "-o", exported).exit_code == 0
    ann = next((exported / "Dana").glob("*.ann"))
    ann.write_text(ann.read_text(encoding="utf-8") + "T9\tMedia 0 5\tnope\n",
                   encoding="utf-8")
    fresh = tmp_path / "fresh.annotator"
    result = CliRunner().invoke(cli, ["import", str(fresh), str(exported)])
    assert result.exit_code == 1
    assert f"{ann}:4:" in result.output and "T9" in result.output
    assert not fresh.exists()
