"""Label schemes: the layers and their labels, as a file that can be shared.

A scheme file is JSON::

    {"format": "annotator-scheme", "version": 1,
     "layers": [{"name": "actor", "overlap": "allow", "style": "background"}, ...],
     "labels": [{"layer": "actor", "name": "Media", "color": "#42d4f4", "shortcut": "6",
                 "description": "...", "children": [{"name": "...", ...}]}, ...]}

``load_scheme`` validates it (unknown layer, duplicate name, shortcut clash, bad colour)
and returns a ``Scheme`` whose ``labels`` are ``SchemeLabel`` rows with ``parent`` given
by name, ready for the store to create.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemeError
from annotator.core.model import LAYERS, Label

SCHEME_FORMAT = "annotator-scheme"
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class LayerSpec:
    name: str
    overlap: str = "allow"
    style: str = "background"
    description: str = ""
    link_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchemeLabel:
    layer: str
    name: str
    color: str = "#888888"
    shortcut: str = ""
    description: str = ""
    parent: str | None = None
    retired: bool = False


@dataclass(frozen=True)
class Scheme:
    layers: tuple[LayerSpec, ...]
    labels: tuple[SchemeLabel, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        children: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for lab in self.labels:
            if lab.parent is not None:
                children.setdefault((lab.layer, lab.parent), []).append(_label_dict(lab))
        labels = []
        for lab in self.labels:
            if lab.parent is None:
                entry = {"layer": lab.layer, **_label_dict(lab)}
                kids = children.get((lab.layer, lab.name))
                if kids:
                    entry["children"] = kids
                labels.append(entry)
        layers = []
        for layer in self.layers:
            d: dict[str, Any] = {"name": layer.name, "overlap": layer.overlap,
                                 "style": layer.style, "description": layer.description}
            if layer.link_types:
                d["link_types"] = list(layer.link_types)
            layers.append(d)
        return {"format": SCHEME_FORMAT, "version": 1, "layers": layers, "labels": labels}


def _label_dict(lab: SchemeLabel) -> dict[str, Any]:
    d: dict[str, Any] = {"name": lab.name, "color": lab.color}
    if lab.shortcut:
        d["shortcut"] = lab.shortcut
    if lab.description:
        d["description"] = lab.description
    if lab.retired:
        d["retired"] = True
    return d


def parse_scheme(data: Any, *, source: str = "scheme") -> Scheme:
    """Validate a decoded scheme document and return it as a ``Scheme``."""
    if not isinstance(data, dict) or data.get("format") != SCHEME_FORMAT:
        raise SchemeError(f"{source}: not an Annotator scheme (missing \"format\": "
                          f"\"{SCHEME_FORMAT}\")")
    layer_names = {str(x) for x in LAYERS}
    layers: list[LayerSpec] = []
    for i, raw in enumerate(data.get("layers") or [{"name": str(x)} for x in LAYERS]):
        if not isinstance(raw, dict):
            raise SchemeError(f"{source}: layer #{i + 1} is not an object")
        name = str(raw.get("name", ""))
        if name not in layer_names:
            raise SchemeError(f"{source}: unknown layer {name!r} (known: {sorted(layer_names)})")
        if any(layer.name == name for layer in layers):
            raise SchemeError(f"{source}: layer {name!r} is listed twice")
        layers.append(LayerSpec(name=name, overlap=str(raw.get("overlap", "allow")),
                                style=str(raw.get("style", "background")),
                                description=str(raw.get("description", "")),
                                link_types=tuple(raw.get("link_types", ()))))
    labels: list[SchemeLabel] = []
    for i, raw in enumerate(data.get("labels", [])):
        if not isinstance(raw, dict):
            raise SchemeError(f"{source}: label #{i + 1} is not an object")
        layer = str(raw.get("layer", ""))
        if layer not in layer_names:
            raise SchemeError(f"{source}: label #{i + 1} has unknown layer {layer!r}")
        parent = _scheme_label(raw, layer, None, source)
        labels.append(parent)
        children = raw.get("children", [])
        if not isinstance(children, list) or not all(isinstance(c, dict) for c in children):
            raise SchemeError(f"{source}: the children of {parent.name!r} must be a list of "
                              "objects")
        for child in children:
            labels.append(_scheme_label(child, layer, parent.name, source))
    check_scheme_labels(labels, source=source)
    return Scheme(layers=tuple(layers), labels=tuple(labels))


def _scheme_label(raw: dict[str, Any], layer: str, parent: str | None, source: str
                  ) -> SchemeLabel:
    name = str(raw.get("name", "")).strip()
    if not name:
        raise SchemeError(f"{source}: a {layer} label has no name")
    color = str(raw.get("color", "#888888"))
    if not _COLOR.match(color):
        raise SchemeError(f"{source}: label {name!r} has colour {color!r}; use #rrggbb")
    return SchemeLabel(layer=layer, name=name, color=color,
                       shortcut=str(raw.get("shortcut", "")).strip(),
                       description=str(raw.get("description", "")), parent=parent,
                       retired=bool(raw.get("retired", False)))


def check_scheme_labels(labels: Iterable[SchemeLabel], *, source: str = "scheme") -> None:
    # Unique per layer, parents and children alike, as the project file requires: a second
    # "Other" under another parent would otherwise be dropped silently when applied.
    names: set[tuple[str, str]] = set()
    keys: dict[str, str] = {}
    for lab in labels:
        ident = (lab.layer, lab.name)
        if ident in names:
            where = f" under {lab.parent!r}" if lab.parent else ""
            raise SchemeError(f"{source}: duplicate {lab.layer} label {lab.name!r}{where}")
        names.add(ident)
        key = lab.shortcut.lower()
        if key and not lab.retired:
            if key in keys:
                raise SchemeError(f"{source}: shortcut {lab.shortcut!r} is used by both "
                                  f"{keys[key]!r} and {lab.name!r}")
            keys[key] = lab.name


def load_scheme(path: Path) -> Scheme:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read scheme ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise SchemeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    return parse_scheme(data, source=str(path))


def scheme_from_labels(labels: Iterable[Label], layers: Iterable[LayerSpec]) -> Scheme:
    """The scheme of a project's labels (for ``annotator scheme export``)."""
    by_id = {lab.id: lab for lab in labels}
    rows = sorted(by_id.values(), key=lambda lab: (LAYERS.index(lab.layer)  # type: ignore[arg-type,unused-ignore]
                                                   if lab.layer in LAYERS else 99, lab.position))
    out = []
    for lab in rows:
        parent = by_id[lab.parent_id].name if lab.parent_id in by_id else None
        out.append(SchemeLabel(layer=lab.layer, name=lab.name, color=lab.color,
                               shortcut=lab.shortcut, description=lab.description,
                               parent=parent, retired=lab.retired))
    return Scheme(layers=tuple(layers), labels=tuple(out))
