"""Every bad JSONL input names its file and line, and leaves the project as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import import_paths
from annotator.store import Project

from .conftest import Snapshot

HEADER = '{"annotator_format": "jsonl", "version": 1, "offset_unit": "codepoint"}'


def span(start: int, end: int, text: str, **kw: object) -> dict[str, object]:
    return {"id": kw.pop("id", f"s-{start}-{end}"), "start": start, "end": end, "text": text,
            "layer": "actor", "label": "Media", "annotator": "Dana", **kw}


def record(text: str, *spans: dict[str, object], **kw: object) -> str:
    return json.dumps({"id": kw.pop("id", f"doc-{text[:8]}"), "title": "t", "text": text,
                       "spans": list(spans), **kw}, ensure_ascii=False)


GOOD = record("Iran 🇮🇷 and Russia", span(0, 7, "Iran 🇮🇷"), id="doc-good")

# (lines after the header, the line that is bad, what the message says)
BAD_INPUTS = {
    "malformed": ([GOOD, '{"id": "x", "text": "unterminated'], 3, "malformed JSON"),
    "not-an-object": ([GOOD, "[1, 2]"], 3, "expected a JSON object"),
    "no-text": ([GOOD, '{"id": "x"}'], 3, 'has no "text"'),
    "empty-text": ([GOOD, record("   ")], 3, "text is empty"),
    "outside": ([GOOD, record("short", span(2, 40, "ort"))], 3, "outside the text"),
    "negative": ([record("short", span(-1, 2, "sh"))], 2, "outside the text"),
    "reversed": ([record("short", span(3, 3, ""))], 2, "empty or reversed"),
    "mismatch": ([GOOD, record("Iran 🇮🇷 now", span(0, 7, "Iran 🇮"))], 3, "does not match"),
    "utf16-offsets": ([record("🇮🇷 Iran and more", span(5, 9, "Iran"))], 2, "does not match"),
    "float-offset": ([record("short", span(0, 2.0, "sh"))], 2, '"end" must be an integer'),
    "no-label": ([record("short", {"id": "a", "start": 0, "end": 2, "layer": "actor"})], 2,
                 'has no "label"'),
    "unknown-layer": ([GOOD, record("short", span(0, 2, "sh", layer="topic"))], 3,
                      "unknown layer 'topic'"),
    "duplicate-span-id": ([GOOD, record("other text", span(0, 5, "other", id="s-0-7"))], 3,
                          "duplicate span id s-0-7 (first on line 2)"),
    "duplicate-in-record": ([record("short", span(0, 2, "sh", id="a"), span(1, 3, "ho", id="a"))],
                            2, "duplicate span id a"),
    "link-to-nowhere": ([record("short", span(0, 2, "sh", id="a"),
                                links=[{"source": "a", "target": "zzz", "type": "holder"}])], 2,
                        "no span zzz"),
    "bad-status": ([record("short", status={"Dana": "finished"})], 2, "status of 'Dana'"),
    "not-utf8": ([GOOD, '{"text": "caf\xe9"}'], 3, "not UTF-8"),
    "nan": ([GOOD, '{"text": "x", "meta": {"score": NaN}}'], 3, "NaN is not a JSON value"),
    "too-deep": ([GOOD, '{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"], 3,
                 "malformed JSON"),
    "newer-version": ([], 1, "newer than this Annotator"),
    "unknown-unit": ([], 1, "header: unknown offset unit 'bytes'"),
}


def write_jsonl(path: Path, name: str, body: list[str]) -> None:
    header = HEADER
    if name == "newer-version":
        header = HEADER.replace('"version": 1', '"version": 99')
    elif name == "unknown-unit":
        header = HEADER.replace("codepoint", "bytes")
    data = "\n".join([header, *body]) + "\n"
    if name == "not-utf8":  # the last line only
        head, last = data.rstrip("\n").rsplit("\n", 1)
        path.write_bytes(head.encode("utf-8") + b"\n" + last.encode("latin-1") + b"\n")
    else:
        path.write_bytes(data.encode("utf-8"))


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_jsonl_reports_file_and_line_and_changes_nothing(
        name: str, project: Project, tmp_path: Path, snapshot: Snapshot) -> None:
    body, line, message = BAD_INPUTS[name]
    existing = tmp_path / "existing.jsonl"
    existing.write_text(HEADER + "\n" + record("Already here", span(0, 7, "Already",
                                                                      id="old")) + "\n")
    import_paths(project, [existing])
    before = snapshot(project)
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, name, body)
    with pytest.raises(InputError) as err:
        import_paths(project, [path])
    assert (err.value.path, err.value.line) == (str(path), line)
    assert message in err.value.reason
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert snapshot(project) == before


def test_a_span_id_owned_by_another_document_is_refused(project: Project, tmp_path: Path,
                                                        snapshot: Snapshot) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(HEADER + "\n" + record("first text", span(0, 5, "first", id="X")) + "\n")
    import_paths(project, [first])
    before = snapshot(project)
    second = tmp_path / "b.jsonl"
    second.write_text(HEADER + "\n" + record("second text", span(0, 6, "second", id="X")) + "\n")
    with pytest.raises(InputError, match="already used by another document") as err:
        import_paths(project, [second])
    assert err.value.line == 2
    assert snapshot(project) == before


def test_a_known_document_id_with_another_text_is_refused(project: Project, tmp_path: Path,
                                                          snapshot: Snapshot) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(record("one text", id="D") + "\n")
    import_paths(project, [path])
    before = snapshot(project)
    path.write_text(record("an edited text", id="D") + "\n")
    with pytest.raises(InputError, match="document D is already in the project with a "
                                         "different text"):
        import_paths(project, [path])
    assert snapshot(project) == before


def test_an_empty_jsonl_file_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n  \n")
    with pytest.raises(InputError, match="empty") as err:
        import_paths(project, [path])
    assert err.value.path == str(path)


def test_a_bad_second_file_rolls_back_the_first(project: Project, tmp_path: Path,
                                                snapshot: Snapshot) -> None:
    before = snapshot(project)
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text(HEADER + "\n" + GOOD + "\n")
    bad.write_text(HEADER + "\n{oops\n")
    text = tmp_path / "a.txt"
    text.write_text("a text file")
    with pytest.raises(InputError) as err:
        import_paths(project, [text, good, bad])
    assert (err.value.path, err.value.line) == (str(bad), 2)
    assert snapshot(project) == before
