"""Child processes for the crash and concurrency tests (run as scripts, not collected).

    python workers.py stream PROJECT ANNOTATOR COUNT   commit AddSpans, print each uuid
    python workers.py write PROJECT ANNOTATOR COUNT    wait for "go" on stdin, then commit
    python workers.py read PROJECT [ro]                print the span count per stdin line

A uuid is printed only after ``project.apply`` has returned, i.e. after COMMIT.
"""

from __future__ import annotations

import sys

from annotator.core.commands import AddSpan
from annotator.core.model import Span
from annotator.store import Project


def _span_factory(project: Project, annotator: str) -> tuple[int, int, int, str]:
    me = project.annotator(annotator).id
    doc_id = project.document_ids()[0]
    label = project.labels()[0].id
    assert me is not None and label is not None
    return doc_id, me, label, project.document_text(doc_id)


def _commit_spans(project: Project, annotator: str, count: int) -> None:
    doc_id, me, label, text = _span_factory(project, annotator)
    words = [i for i in range(len(text) - 4) if text[i].isalpha()]
    for n in range(count):
        start = words[n % len(words)]
        span = Span(doc_id=doc_id, annotator_id=me, label_id=label, start=start,
                    end=start + 3, text=text[start:start + 3], note=f"{annotator} #{n}")
        project.apply(AddSpan(span))
        print(span.uuid, flush=True)


def main(argv: list[str]) -> int:
    mode, path = argv[0], argv[1]
    if mode == "stream":
        with Project.open(path) as project:
            _commit_spans(project, argv[2], int(argv[3]))
    elif mode == "write":
        with Project.open(path) as project:
            _span_factory(project, argv[2])
            print("ready", flush=True)
            sys.stdin.readline()
            _commit_spans(project, argv[2], int(argv[3]))
            print("done", flush=True)
    elif mode == "read":
        with Project.open(path, read_only=len(argv) > 2) as project:
            print(project.span_count(), flush=True)
            for _ in sys.stdin:
                print(project.span_count(), flush=True)
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
