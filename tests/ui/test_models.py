"""Each Qt model passes qtmodeltester, also while rows are inserted and removed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from annotator.core.commands import AddLabel, AddSpan, DeleteSpan, Relabel, SetStatus, UpdateLabel
from annotator.core.model import Document, Label, Span, Status
from annotator.store import Project
from annotator.ui.controller import Controller
from annotator.ui.models import DocumentListModel, LabelModel, SpanTableModel
from annotator.ui.models.document_list_model import SPANS, STATUS
from annotator.ui.models.label_model import ordered_labels

from .conftest import MIXED_TEXT


def _setup(project: Project) -> tuple[Controller, int]:
    doc, _ = project.add_document(Document(title="Mixed", text=MIXED_TEXT))
    project.add_document(Document(title="Other", text="Another article.\n"))
    assert doc.id is not None
    return Controller(project, "Dana"), doc.id


def _span(controller: Controller, doc_id: int, start: int, end: int, label: str) -> AddSpan:
    project = controller.project
    lab = next(lab for lab in project.labels() if lab.name == label)
    assert lab.id is not None and controller.annotator.id is not None
    return AddSpan(Span(doc_id=doc_id, annotator_id=controller.annotator.id, label_id=lab.id,
                        start=start, end=end, text=MIXED_TEXT[start:end]))


def test_span_table_model_inserts_and_removes_rows_in_order(qtmodeltester: object,
                                                            project: Project) -> None:
    controller, doc_id = _setup(project)
    labels = LabelModel(project)
    model = SpanTableModel(project, labels)
    assert controller.annotator.id is not None
    model.load(doc_id, [controller.annotator.id])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    controller.changed.connect(model.on_changed)
    later = _span(controller, doc_id, 20, 25, "Media")
    earlier = _span(controller, doc_id, 8, 16, "Media")
    assert controller.push(later) and controller.push(earlier)
    assert inserted == [0, 0]  # the earlier span goes above, no reset
    assert [model.span_of(i).text for i in model.ids] == ["protests", "death"]  # type: ignore[union-attr]
    assert earlier.span.id is not None
    controller.push(Relabel(earlier.span.id, next(
        lab.id for lab in project.labels() if lab.name == "Supports")))  # type: ignore[arg-type]
    assert model.index(0, 1).data() == "Supports"
    controller.push(DeleteSpan(earlier.span.id))
    assert model.rowCount() == 1
    controller.undo_stack.undo()
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table: no children


def test_document_list_model_tracks_status_and_counts(qtmodeltester: object,
                                                      project: Project) -> None:
    controller, doc_id = _setup(project)
    assert controller.annotator.id is not None
    model = DocumentListModel(project, controller.annotator.id)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    controller.changed.connect(model.on_changed)
    row = model.row_of(doc_id)
    assert row is not None
    assert model.index(row, SPANS).data() == 0
    controller.push(_span(controller, doc_id, 8, 16, "Media"))
    controller.push(SetStatus(doc_id, controller.annotator.id, Status.DONE))
    assert model.index(row, SPANS).data() == 1
    assert "done" in model.index(row, STATUS).data()
    assert model.next_id(doc_id, unfinished=True) != doc_id
    new, _ = project.add_document(Document(title="Imported later", text="x y z\n"))
    model.reload()
    assert model.rowCount() == 3 and model.ids[-1] == new.id
    other = project.annotator("Omid")
    assert other.id is not None
    model.set_annotator(other.id)
    assert model.index(row, SPANS).data() == 0  # counts are per annotator
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_label_model_orders_children_under_parents(qtmodeltester: object,
                                                   project: Project) -> None:
    controller, _ = _setup(project)
    model = LabelModel(project)
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    controller.changed.connect(model.on_changed)
    names = [model.label(i).name for i in model.ids]  # type: ignore[union-attr]
    colour = names.index("Colour revolution")
    assert names[colour - 1] == "Foreign interference"
    assert model.index(colour, 0).data().startswith("    ")  # indented child
    parent = model.label(model.ids[colour - 1])
    assert parent is not None and parent.id is not None
    controller.push(AddLabel(Label(layer="narrative", name="Nuclear threat", color="#123456",
                                   shortcut="L", parent_id=parent.id)))
    after = [model.label(i).name for i in model.ids]  # type: ignore[union-attr]
    assert "Nuclear threat" in after
    assert ordered_labels(project.labels())[after.index("Nuclear threat")].name == "Nuclear threat"
    media = model.by_shortcut("6")
    assert media is not None and media.id is not None
    controller.push(UpdateLabel(media.id, retired=True))
    assert model.by_shortcut("6") is None
    assert model.index(model.row_of(media.id) or 0, 0).data().endswith("(retired)")
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert "Nuclear threat" not in [model.label(i).name for i in model.ids]  # type: ignore[union-attr]
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert not model.index(0, 0).parent().isValid()
    assert model.rowCount(QModelIndex()) == len(project.labels())


def test_bulk_utf16_conversion_matches_one_by_one() -> None:
    from annotator.core.offsets import OffsetMap

    offsets = OffsetMap(MIXED_TEXT)
    every = list(range(len(MIXED_TEXT) + 1))
    assert offsets.to_utf16_many(every) == [offsets.to_utf16(cp) for cp in every]
    assert offsets.to_utf16_many([8, 16]) == [10, 18]
