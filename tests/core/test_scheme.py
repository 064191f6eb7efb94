"""Label schemes: the default scheme (PRODUCT §9) and every refusal of a bad file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import SCHEME_FORMAT, load_scheme, parse_scheme
from annotator.paths import default_scheme_path
from annotator.store import Project

ACTORS = ["Head of state/government", "State/Government", "Security forces",
          "Political organisation", "Protesters/Civil society", "Media", "International body",
          "Other actor"]
STANCES = ["Supports", "Opposes", "Neutral/ambivalent"]
NARRATIVES = ["Foreign interference", "Sovereignty and non-intervention", "Regime resilience",
              "Sanctions and economic hardship", "Russia as protector/sanctuary",
              "Elite exit and defection", "Popular sovereignty and dissent",
              "Western credibility and threats"]


def scheme(*labels: dict[str, Any], layers: Any = None) -> dict[str, Any]:
    data: dict[str, Any] = {"format": SCHEME_FORMAT, "version": 1, "labels": list(labels)}
    if layers is not None:
        data["layers"] = layers
    return data


def test_default_scheme_has_the_product_labels() -> None:
    s = load_scheme(default_scheme_path())
    top = {layer: [lab.name for lab in s.labels if lab.layer == layer and lab.parent is None]
           for layer in ("actor", "stance", "narrative")}
    assert top == {"actor": ACTORS, "stance": STANCES, "narrative": NARRATIVES}
    # Two-level narratives, each parent with an "Other" child.
    for parent in NARRATIVES:
        kids = [lab.name for lab in s.labels if lab.parent == parent]
        assert any("other" in k.lower() for k in kids), parent
    assert {"Colour revolution", "Western-backed unrest"} <= {
        lab.name for lab in s.labels if lab.parent == "Foreign interference"}
    stance = next(layer for layer in s.layers if layer.name == "stance")
    assert stance.link_types == ("holder", "target")
    # Every top-level label can be reached from the keyboard, with no shortcut used twice.
    keys = [lab.shortcut.lower() for lab in s.labels if lab.parent is None]
    assert all(keys) and len(set(keys)) == len(keys)


def test_default_scheme_survives_a_project_roundtrip() -> None:
    original = load_scheme(default_scheme_path())
    with Project.memory(scheme=default_scheme_path()) as project:
        again = project.scheme()
    assert again.labels == original.labels
    assert [layer.name for layer in again.layers] == ["actor", "stance", "narrative"]
    assert parse_scheme(json.loads(json.dumps(again.to_json()))) == again


def test_children_get_their_parent() -> None:
    s = parse_scheme(scheme({"layer": "narrative", "name": "A", "color": "#112233",
                             "children": [{"name": "A1"}, {"name": "A2", "shortcut": "x"}]}))
    assert [(lab.name, lab.parent) for lab in s.labels] == [("A", None), ("A1", "A"),
                                                            ("A2", "A")]


@pytest.mark.parametrize(("data", "message"), [
    ({"labels": []}, "not an Annotator scheme"),
    ([1, 2], "not an Annotator scheme"),
    (scheme({"layer": "actor", "name": "A"}, {"layer": "actor", "name": "A"}),
     "duplicate actor label 'A'"),
    (scheme({"layer": "narrative", "name": "P", "children": [{"name": "Other"}]},
            {"layer": "narrative", "name": "Q", "children": [{"name": "Other"}]}),
     "duplicate narrative label 'Other' under 'Q'"),
    (scheme({"layer": "actor", "name": "A", "shortcut": "1"},
            {"layer": "stance", "name": "B", "shortcut": "1"}), "shortcut '1' is used by both"),
    (scheme({"layer": "actor", "name": "A", "shortcut": "q"},
            {"layer": "stance", "name": "B", "shortcut": "Q"}), "shortcut 'Q' is used by both"),
    (scheme({"layer": "actor", "name": "A", "color": "red"}), "colour 'red'; use #rrggbb"),
    (scheme({"layer": "actor", "name": "A", "color": "#fff"}), "colour '#fff'"),
    (scheme({"layer": "actors", "name": "A"}), "unknown layer 'actors'"),
    (scheme(layers=[{"name": "frames"}]), "unknown layer 'frames'"),
    (scheme(layers=[{"name": "actor"}, {"name": "actor"}]), "layer 'actor' is listed twice"),
    (scheme(layers=["actor"]), "layer #1 is not an object"),
    (scheme("Media"), "label #1 is not an object"),
    (scheme({"layer": "actor", "name": "  "}), "has no name"),
    (scheme({"layer": "actor", "name": "A", "children": "B"}), "children of 'A'"),
    (scheme({"layer": "actor", "name": "A", "children": ["B"]}), "children of 'A'"),
])
def test_bad_schemes_are_refused_with_a_reason(data: Any, message: str) -> None:
    with pytest.raises(SchemeError, match=message.replace("(", r"\(")):
        parse_scheme(data)


def test_retired_labels_may_share_a_shortcut() -> None:
    s = parse_scheme(scheme({"layer": "actor", "name": "Old", "shortcut": "1", "retired": True},
                            {"layer": "actor", "name": "New", "shortcut": "1"}))
    assert [lab.retired for lab in s.labels] == [True, False]


def test_load_scheme_reports_file_and_line_of_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"format": "annotator-scheme",\n "labels": [,]}', encoding="utf-8")
    with pytest.raises(SchemeError, match=r"s\.json:2: not valid JSON"):
        load_scheme(path)


def test_load_scheme_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(SchemeError, match="cannot read scheme"):
        load_scheme(tmp_path / "missing.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"format": "annotator-scheme", "labels": [{"name": "caf\xe9"}]}')
    with pytest.raises(SchemeError, match="cannot read scheme"):
        load_scheme(bad)


def test_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(scheme({"layer": "x", "name": "A"})), encoding="utf-8")
    with pytest.raises(SchemeError, match=r"mine\.json: label #1 has unknown layer 'x'"):
        load_scheme(path)
