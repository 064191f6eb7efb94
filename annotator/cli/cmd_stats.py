"""``annotator stats``: what a project holds, at a glance or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from annotator.cli.errors import run_job
from annotator.core.model import LAYERS, Status
from annotator.core.wording import count
from annotator.store import Project


def collect(project: Project) -> dict[str, Any]:
    counts = project.span_counts()
    by_layer: Counter[str] = Counter()
    by_label: Counter[str] = Counter()
    by_annotator: Counter[str] = Counter()
    for layer, label, annotator, n in counts:
        by_layer[layer] += n
        by_label[f"{layer}/{label}"] += n
        by_annotator[annotator] += n
    documents = project.document_count()
    statuses: dict[str, dict[str, int]] = {}
    for annotator in sorted(set(by_annotator) | {a for a, _, _ in project.status_counts()}):
        statuses[annotator] = {str(s): 0 for s in Status}
    for annotator, status, n in project.status_counts():
        statuses[annotator][status] = n
    for row in statuses.values():
        row[str(Status.TODO)] = documents - sum(row.values())
    layer_order = [str(x) for x in LAYERS]
    return {
        "documents": documents,
        "spans": sum(by_layer.values()),
        "spans_by_layer": {layer: by_layer[layer] for layer in layer_order},
        "spans_by_label": dict(sorted(by_label.items(), key=lambda kv: (
            layer_order.index(kv[0].split("/", 1)[0]), kv[0]))),
        "spans_by_annotator": dict(sorted(by_annotator.items())),
        "status_by_annotator": statuses,
    }


def render(name: str, stats: dict[str, Any]) -> list[str]:
    lines = [f"{name}: {count(stats['documents'], 'document')}, {count(stats['spans'], 'span')}"]
    for title, key in (("spans by layer", "spans_by_layer"),
                       ("spans by label", "spans_by_label"),
                       ("spans by annotator", "spans_by_annotator")):
        table = stats[key]
        if not table:
            continue
        lines.append(f"{title}:")
        width = max(len(k) for k in table)
        lines.extend(f"  {k:<{width}}  {v:>8}" for k, v in table.items())
    if stats["status_by_annotator"]:
        lines.append("documents by status (done / in progress / to do):")
        width = max(len(k) for k in stats["status_by_annotator"])
        for annotator, row in stats["status_by_annotator"].items():
            lines.append(f"  {annotator:<{width}}  {row['done']} / {row['in_progress']} / "
                         f"{row['todo']}")
    return lines


@click.command("stats")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@run_job
def stats_cmd(project: Path, as_json: bool) -> None:
    """Count PROJECT's documents, spans per layer/label/annotator and statuses."""
    with Project.open(project, read_only=True, create=False) as opened:
        stats = collect(opened)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        for line in render(str(project), stats):
            click.echo(line)


COMMANDS = [stats_cmd]
