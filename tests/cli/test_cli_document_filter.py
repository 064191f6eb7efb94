"""``--where/--from/--to`` on export and agreement: the same documents, by metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import project_from_records, run

TEXT = "Iran 🇮🇷 said Moscow backs Tehran."


def record(n: int, outlet: str, date: str | None, *, agree: bool) -> dict[str, Any]:
    meta: dict[str, Any] = {"outlet": outlet}
    if date is not None:
        meta["date"] = date
    text = f"{n}. {TEXT}"
    start = text.index("Moscow")
    spans = [{"id": f"00000000-0000-4000-8000-{n:06d}{who:06d}", "start": start,
              "end": start + (6 if agree or who == 1 else 5),
              "text": text[start:start + (6 if agree or who == 1 else 5)],
              "layer": "actor", "label": "State/Government",
              "annotator": name} for who, name in ((1, "Ana"), (2, "Ben"))]
    return {"id": f"10000000-0000-4000-8000-{n:012d}", "title": f"Article {n}",
            "meta": meta, "text": text, "spans": spans}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_from_records(
        tmp_path,
        record(1, "Reuters", "2026-01-10", agree=True),
        record(2, "ТАСС", "2026-02-03T10:00:00+03:00", agree=False),
        record(3, "Reuters", "2026-03-01", agree=False),
        record(4, "BBC", None, agree=True),
    )


def exported_titles(project: Path, *args: str) -> list[str]:
    result = run("export", project, "-o", "-", *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[1:]
    return [json.loads(line)["title"] for line in lines]


def test_export_chooses_documents_by_outlet_and_date(project: Path) -> None:
    assert exported_titles(project) == [f"Article {n}" for n in (1, 2, 3, 4)]
    assert exported_titles(project, "--where", "outlet=reuters") == ["Article 1", "Article 3"]
    assert exported_titles(project, "--where", "outlet=тасс") == ["Article 2"]
    assert exported_titles(project, "--from", "2026-01", "--to", "2026-02") == [
        "Article 1", "Article 2"]
    assert exported_titles(project, "--where", "outlet=Reuters", "--from", "2026-02") == [
        "Article 3"]
    assert exported_titles(project, "--where", "outlet=BBC", "--where", "outlet=TASS") == [
        "Article 4"]
    assert exported_titles(project, "--where", "outlet=Nobody") == []


def test_every_export_format_takes_the_filter(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "spans.csv"
    result = run("export", project, "-o", out, "--format", "csv", "--where", "outlet=Reuters")
    assert result.exit_code == 0, result.output
    assert "wrote 2 documents, 4 spans" in result.stderr
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == 4 and all("Article 1" in r or "Article 3" in r for r in rows)


def test_the_document_filter_and_named_documents_both_apply(project: Path) -> None:
    named = "10000000-0000-4000-8000-000000000003"
    assert exported_titles(project, "--document", named, "--where", "outlet=reuters") == [
        "Article 3"]
    assert exported_titles(project, "--document", named, "--to", "2026-02") == []


def agreement(project: Path, *args: str) -> dict[str, Any]:
    result = run("agreement", project, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def exact_f1(report: dict[str, Any]) -> float:
    figure = next(f for f in report["figures"] if f["measure"] == "span_f1_exact"
                  and f["scope"] == "overall")
    return float(figure["value"])


def test_agreement_compares_only_the_chosen_documents(project: Path) -> None:
    assert exact_f1(agreement(project)) == pytest.approx(0.5)  # 2 of 4 documents agree
    assert exact_f1(agreement(project, "--where", "outlet=Reuters")) == pytest.approx(0.5)
    assert exact_f1(agreement(project, "--to", "2026-01")) == pytest.approx(1.0)
    assert exact_f1(agreement(project, "--from", "2026-02")) == pytest.approx(0.0)
    assert agreement(project, "--where", "outlet=BBC")["documents"] == 1


def test_the_agreement_table_names_the_filter(project: Path) -> None:
    result = run("agreement", project, "--where", "outlet=Reuters", "--from", "2026")
    assert result.exit_code == 0, result.output
    assert ("documents chosen by metadata: outlet = reuters; date 2026-01-01 to …"
            in result.stdout)


@pytest.mark.parametrize(("args", "message"), [
    (("--where", "outlet"), "--where needs KEY=VALUE"),
    (("--from", "last week"), "not a date: 'last week'"),
    (("--from", "2026-03", "--to", "2026-01"), "the date range is empty"),
])
def test_a_bad_filter_is_one_line_on_stderr(project: Path, args: tuple[str, ...],
                                            message: str) -> None:
    for command in (("export", project, "-o", "-"), ("agreement", project)):
        result = run(*command, *args)
        assert result.exit_code == 1
        assert result.stderr.startswith("annotator: ") and message in result.stderr
        assert result.stdout == ""
