"""brat standoff: .txt exactly as stored, .ann lines brat accepts, a conf that declares
every type used, and type names that come back to the label names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.model import Document, Label
from annotator.formats.export_brat import brat_name, file_stem, label_from_brat
from annotator.formats.jsonl_export import ExportFilter
from annotator.store import Project

from .export_helpers import add, export_to, native, rich_project

BRAT_TYPE = re.compile(r"[A-Za-z0-9_-]+")  # brat's normalize_to_storage_form


def conf_sections(path: Path) -> dict[str, list[tuple[int, str, str]]]:
    """(depth, term, rest) per line and section, read the way brat's projectconfig does."""
    sections: dict[str, list[tuple[int, str, str]]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head = re.fullmatch(r"\s*\[(.*)\]\s*", line)
        if head:
            current = head.group(1)
            sections.setdefault(current, [])
            continue
        sep = r"\t" if current == "labels" else r"\s+"
        m = re.fullmatch(rf"(\s*)(\S+?)(?:{sep}(.*))?", line) if current != "labels" else \
            re.fullmatch(r"(\s*)([^\t]+)(?:\t(.*))?", line)
        assert m, line
        sections[current].append((len(m.group(1)), m.group(2), m.group(3) or ""))
    return sections


@pytest.fixture
def brat(project: Project, tmp_path: Path) -> Path:
    rich_project(project)
    return export_to(project, "brat", tmp_path / "brat")


def test_each_txt_is_the_stored_text_byte_for_byte(project: Project, brat: Path) -> None:
    for rec in native(project):
        for txt in brat.rglob(f"{rec['id']}.txt"):
            assert txt.read_bytes() == rec["text"].encode("utf-8")  # no BOM, no \r\n


def test_annotators_get_collections_and_unannotated_documents_stay_on_top(
        project: Project, brat: Path) -> None:
    docs = [rec["id"] for rec in native(project)]
    assert sorted(p.relative_to(brat).as_posix() for p in brat.rglob("*.ann")) == sorted([
        f"Dana/{docs[0]}.ann", f"Omid/{docs[0]}.ann", f"gold/{docs[0]}.ann",
        f"Omid/{docs[1]}.ann", f"Dana/{docs[2]}.ann"])
    empty = project.add_document(Document(title="Nobody's", text="Nothing coded."))[0]
    flat = export_to(project, "brat", brat.parent / "flat", ExportFilter(annotators=("Dana",)))
    assert {p.name for p in flat.iterdir()} == {f"{d}.{x}" for d in (*docs, empty.uuid)
                                                for x in ("txt", "ann")} | {
        "annotation.conf", "visual.conf"}
    assert (flat / f"{empty.uuid}.ann").read_bytes() == b""
    nested = export_to(project, "brat", brat.parent / "nested")
    assert (nested / f"{empty.uuid}.ann").exists()


def test_ann_lines_for_spans_links_and_notes(project: Project, brat: Path) -> None:
    doc = native(project)[0]
    lines = (brat / "Dana" / f"{doc['id']}.ann").read_text(encoding="utf-8").splitlines()
    iran = next(line for line in lines if line.endswith("\tIran 🇮🇷"))
    assert iran.split("\t")[1] == "State-2f-Government 0 7"
    stance = next(line for line in lines if line.endswith("“death to the dictator”"))
    tid, sid = iran.split("\t")[0], stance.split("\t")[0]
    assert f"R1\tholder Arg1:{sid} Arg2:{tid}" in lines
    assert f"#1\tAnnotatorNotes {tid}\tentity: Iran" in lines
    assert (f'#2\tAnnotatorNotes {sid}\tchant | target: Iran | attributes: '
            f'{{"intensity":3,"quoted":true}}') in lines


def test_a_span_across_a_line_break_is_written_as_fragments(project: Project,
                                                            brat: Path) -> None:
    doc = native(project)[0]
    start = doc["text"].index("café\nПутин")
    lines = (brat / "Dana" / f"{doc['id']}.ann").read_text(encoding="utf-8").splitlines()
    line = next(line for line in lines if "\tWestern-2d-backed_unrest " in line)
    assert line.split("\t", 1)[1] == (f"Western-2d-backed_unrest {start} {start + 4};"
                                      f"{start + 5} {start + 10}\tcafé Путин")


def test_the_conf_declares_every_type_and_relation_the_ann_files_use(brat: Path) -> None:
    conf = conf_sections(brat / "annotation.conf")
    assert set(conf) == {"entities", "relations", "events", "attributes"}
    entities = {term.lstrip("!") for _, term, _ in conf["entities"]}
    relations = {term for _, term, _ in conf["relations"]}
    assert all(BRAT_TYPE.fullmatch(name) for name in entities | (relations - {"<OVERLAP>"}))
    assert ("<OVERLAP>" in relations
            and "<OVL-TYPE>:<ANY>" in dict((t, r) for _, t, r in conf["relations"])["<OVERLAP>"])
    depth = {term: d for d, term, _ in conf["entities"]}
    assert depth["!actor"] == 0 and depth["Media"] == 1
    assert depth["Foreign_interference"] == 1 and depth["Colour_revolution"] == 2
    used_types, used_relations = set(), set()
    for ann in brat.rglob("*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            kind = line.split("\t")[1].split(" ")[0]
            (used_types if line[0] == "T" else used_relations if line[0] == "R"
             else set()).add(kind)
    assert used_types and used_types <= entities
    assert used_relations == {"holder"} and used_relations <= relations
    visual = conf_sections(brat / "visual.conf")
    shown = {term.split(" | ")[0]: term.split(" | ")[1] for _, term, _ in visual["labels"]}
    assert shown["State-2f-Government"] == "State/Government"
    assert all(label_from_brat(safe) == name for safe, name in shown.items())


@given(st.text())
def test_brat_names_are_safe_and_come_back_to_the_label_name(name: str) -> None:
    safe = brat_name(name)
    assert safe == "" or BRAT_TYPE.fullmatch(safe)
    assert label_from_brat(safe) == name


@pytest.mark.parametrize("foreign", ["a b", "x-zz-", "x-2f", "ä", "-110000-"])
def test_a_name_brat_name_did_not_write_is_refused(foreign: str) -> None:
    with pytest.raises(ValueError):
        label_from_brat(foreign)


def test_a_label_name_used_on_two_layers_gets_two_types(project: Project,
                                                        tmp_path: Path) -> None:
    project.insert_label(Label(layer="stance", name="Media"))
    project.insert_label(Label(layer="narrative", name="actor"))
    doc, _ = project.add_document(Document(title="t", text="Media speak."))
    dana = project.annotator("Dana").id
    add(project, doc, dana, "actor", "Media", "Media")
    add(project, doc, dana, "stance", "Media", "speak")
    add(project, doc, dana, "narrative", "actor", "Media speak")
    folder = export_to(project, "brat", tmp_path / "b")
    kinds = [line.split("\t")[1].split(" ")[0]
             for line in (folder / f"{doc.uuid}.ann").read_text().splitlines()]
    assert sorted(label_from_brat(k) for k in kinds) == ["Media", "narrative:actor",
                                                         "stance:Media"]


def test_a_document_id_that_is_no_safe_file_name_is_not_used_as_one() -> None:
    assert file_stem("c05a4895-02f6-4a6c-8ffa-58b9648cae37") == \
        "c05a4895-02f6-4a6c-8ffa-58b9648cae37"
    for bad in ("../../etc/passwd", "a/b", "", "x" * 300, "CON.txt"):
        stem = file_stem(bad)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,120}", stem), (bad, stem)
    assert file_stem("../a") != file_stem("../b")


def test_brat_writes_only_into_a_new_or_empty_folder(project: Project, tmp_path: Path) -> None:
    rich_project(project)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (export_to(project, "brat", empty) / "annotation.conf").exists()
    with pytest.raises(InputError, match="new or empty folder"):
        export_to(project, "brat", empty)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="new or empty folder"):
        export_to(project, "brat", tmp_path / "file")
    assert (tmp_path / "file").read_text() == "x"
