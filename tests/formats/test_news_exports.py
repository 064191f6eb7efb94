"""Nexis Uni and Factiva exports split into one document per article (issue 10, item 3).
The fixtures are made up in the shape those exports have; no real article is copied."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.formats.news_exports import iso_day, split_export
from annotator.store import Project

NEXIS = """1 of 2 DOCUMENTS

Protests spread to the bazaar
The Daily Planet
January 15, 2026 Thursday
Late Edition

Copyright 2026 The Daily Planet All Rights Reserved

Section: WORLD; Pg. 12
Length: 412 words
Byline: Jane Example
Dateline: TEHRAN

Body

Shopkeepers closed their stalls as the rial fell again.

Москва заявила о поддержке Тегерана 🇮🇷.

Classification

Language: ENGLISH

Publication-Type: Newspaper

Load-Date: January 16, 2026

End of Document

2 of 2 DOCUMENTS

اعتراض‌ها ادامه دارد
Example Persian Service
February 2, 2026 Monday

Length: 1,204 words

Body

مردم می‌خواهند صدای خود را به گوش جهان برسانند.

Classification

Language: PERSIAN

Load-Date: February 3, 2026

End of Document
"""

FACTIVA = """HD
Kremlin warns against interference
BY
By A. Correspondent
WC
356 words
PD
15 January 2026
SN
The Example Times
SC
EXT
LA
English
CY
(c) 2026 Example Times Ltd.
LP
The Kremlin said on Thursday it would not tolerate interference.

Officials repeated the warning.
TD
Analysts doubt the supreme leader would seek refuge abroad.

Document EXT0000020260115em1f0000a

HD
Second headline
PD
16 January 2026
SN
Example Wire
LA
English
TD
A short wire item.

Document EXW0000020260116em1g0000b
"""


def test_nexis_txt_is_split_with_metadata(tmp_path: Path) -> None:
    (tmp_path / "nexis.txt").write_text(NEXIS, encoding="utf-8")
    project = Project.memory()
    summary = import_paths(project, [tmp_path / "nexis.txt"])
    assert summary.documents_added == 2
    assert any("a Nexis export of 2 articles" in n for n in summary.notes)
    first, second = project.iter_documents()
    assert first.title == "Protests spread to the bazaar"
    assert first.text == ("Protests spread to the bazaar\nShopkeepers closed their stalls as "
                          "the rial fell again.\nМосква заявила о поддержке Тегерана 🇮🇷.")
    assert first.meta == {"filename": "nexis.txt", "export_index": 1, "export": "nexis",
                          "outlet": "The Daily Planet", "date": "2026-01-15",
                          "section": "WORLD; Pg. 12", "length": 412,
                          "author": "Jane Example", "dateline": "TEHRAN",
                          "language": "english", "load_date": "2026-01-16"}
    assert first.source == "nexis.txt#1" and second.source == "nexis.txt#2"
    assert second.text.startswith("اعتراض‌ها ادامه دارد\n")  # ZWNJ kept
    assert second.meta["length"] == 1204 and second.meta["language"] == "persian"


def test_nexis_docx_is_split_too(tmp_path: Path) -> None:
    word = docx.Document()
    for line in NEXIS.split("\n"):
        word.add_paragraph(line)
    word.save(str(tmp_path / "nexis.docx"))
    project = Project.memory()
    assert import_paths(project, [tmp_path / "nexis.docx"]).documents_added == 2
    assert [d.meta["outlet"] for d in project.iter_documents()] == [
        "The Daily Planet", "Example Persian Service"]


def test_factiva_is_split_with_metadata() -> None:
    articles = split_export(FACTIVA)
    assert articles is not None and len(articles) == 2
    first = articles[0]
    assert first.text == ("Kremlin warns against interference\nThe Kremlin said on Thursday "
                          "it would not tolerate interference.\nOfficials repeated the "
                          "warning.\nAnalysts doubt the supreme leader would seek refuge "
                          "abroad.")
    assert first.meta == {"export": "factiva", "accession": "EXT0000020260115em1f0000a",
                          "outlet": "The Example Times", "author": "By A. Correspondent",
                          "language": "english", "date": "2026-01-15", "length": 356}
    assert articles[1].meta["outlet"] == "Example Wire"


def test_a_cut_off_export_names_the_line_and_changes_nothing(tmp_path: Path) -> None:
    cut = NEXIS[: NEXIS.rindex("End of Document")]
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    project = Project.memory()
    with pytest.raises(InputError, match="ends without “End of Document”") as info:
        import_paths(project, [tmp_path / "cut.txt"])
    assert info.value.line == 31  # “2 of 2 DOCUMENTS”, where the cut-off article starts
    assert project.document_count() == 0
    summary = import_paths(project, [tmp_path / "cut.txt"], ImportOptions(skip_bad=True))
    assert project.document_count() == 0 and len(summary.bad_files) == 1


def test_an_ordinary_article_stays_one_document() -> None:
    assert split_export("An article that mentions the End of the Document era.\n") is None
    assert iso_day("Load-Date: March 3, 2026") == "2026-03-03"
    assert iso_day("3 March 2026") == "2026-03-03" and iso_day("no date") is None


def _escape(ch: str) -> str:
    """One character as Word writes it: beyond U+FFFF as two signed 16-bit surrogates."""
    if ord(ch) > 0xFFFF:
        units = ch.encode("utf-16-le")
        return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'little', signed=True)}?"
                       for i in (0, 2))
    if ord(ch) > 127:
        return f"\\u{ord(ch)}?"
    return {"\\": "\\\\", "{": "\\{", "}": "\\}"}.get(ch, ch)


def _rtf(text: str) -> str:
    r"""``text`` as RTF: one \par per line, non-ASCII as \uN? escapes."""
    body = "".join(_escape(ch) for ch in text)
    return "{\\rtf1\\ansi{\\fonttbl\\f0 Arial;}\\f0 " + body.replace("\n", "\\par\n") + "}"


def test_an_rtf_export_and_an_rtf_article(tmp_path: Path) -> None:
    (tmp_path / "factiva.rtf").write_text(_rtf(FACTIVA), encoding="ascii")
    (tmp_path / "one.rtf").write_text(_rtf("Москва 🇮🇷 заявила\nВторая строка"),
                                      encoding="ascii")
    project = Project.memory()
    summary = import_paths(project, [tmp_path / "factiva.rtf", tmp_path / "one.rtf"])
    assert summary.documents_added == 3
    docs = list(project.iter_documents())
    assert docs[0].meta["accession"] == "EXT0000020260115em1f0000a"
    assert docs[2].text == "Москва 🇮🇷 заявила\nВторая строка"
    (tmp_path / "fake.rtf").write_text("plain text", encoding="ascii")
    with pytest.raises(InputError, match="not an RTF file"):
        import_paths(project, [tmp_path / "fake.rtf"])
