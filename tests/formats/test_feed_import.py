"""RSS and Atom feeds (issue 10, item 4): one document per entry, plain text only, with
outlet, url, date, author and language in ``meta``; bad XML changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.docfilter import DocumentFilter
from annotator.core.errors import InputError
from annotator.formats.feed_import import plain_text
from annotator.formats.importer import ImportOptions, import_paths
from annotator.store import Project
from tests.cli.helpers import run

from .conftest import dump

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Radio Farda</title><link>https://example.org/</link><language>fa</language>
  <item>
    <title>اعتراض‌ها در تهران</title>
    <link>https://example.org/a/1</link>
    <guid>urn:farda:1</guid>
    <author>desk@example.org (News Desk)</author>
    <pubDate>Tue, 06 Jan 2026 09:30:00 +0330</pubDate>
    <description><![CDATA[<p>مردم می‌خواهند &amp;
      <b>صدای</b> خود را 🇮🇷</p><p>Second&nbsp;paragraph.</p><script>track()</script>]]>
    </description>
  </item>
  <item><title>No text</title><link>https://example.org/a/2</link><description></description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>ТАСС</title><link href="https://tass.example/"/><id>urn:tass</id>
  <updated>2026-02-01T10:00:00Z</updated>
  <entry>
    <title type="html">Кремль &lt;осуждает&gt;</title><id>urn:tass:7</id>
    <link href="https://tass.example/7"/>
    <updated>2026-02-01T10:00:00Z</updated>
    <author><name>Иван Петров</name></author>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;Кремль осуждает «вмешательство Запада» 👨‍👩‍👧.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_entries_become_documents_with_their_metadata(project: Project,
                                                          tmp_path: Path) -> None:
    path = write(tmp_path / "farda.rss", RSS)
    summary = import_paths(project, [path])
    assert (summary.documents_added, summary.documents_matched) == (1, 0)
    assert summary.notes == ["farda.rss: left out 1 entry with no text"]
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    assert doc.text == "مردم می‌خواهند & صدای خود را 🇮🇷\nSecond paragraph."  # ZWNJ kept
    assert doc.title == "اعتراض‌ها در تهران" and doc.source == "farda.rss#1"
    assert doc.meta == {"filename": "farda.rss", "outlet": "Radio Farda",
                        "url": "https://example.org/a/1", "date": "2026-01-06T06:00:00Z",
                        "author": "desk@example.org (News Desk)", "language": "fa",
                        "guid": "urn:farda:1", "feed": "https://example.org/"}
    assert DocumentFilter.build(where=["outlet=radio farda"], date_from="2026-01").matches(
        doc.meta)
    again = import_paths(project, [path])
    assert (again.documents_added, again.documents_matched) == (0, 1)


def test_atom_content_wins_over_its_summary(project: Project, tmp_path: Path) -> None:
    import_paths(project, [write(tmp_path / "tass.atom", ATOM)])
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    assert doc.text == "Кремль осуждает «вмешательство Запада» 👨‍👩‍👧."
    assert doc.title == "Кремль <осуждает>"
    assert (doc.meta["language"], doc.meta["author"], doc.meta["date"]) == (
        "ru", "Иван Петров", "2026-02-01T10:00:00Z")


def test_a_folder_of_feeds_and_texts(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "collected"
    folder.mkdir()
    write(folder / "farda.xml", RSS)
    write(folder / "note.txt", "A plain article.\n")
    write(folder / "image.png", "not an image")
    summary = import_paths(project, [folder])
    assert summary.documents_added == 2
    assert summary.files_skipped == [str(folder / "image.png")]


@pytest.mark.parametrize(("text", "reason", "line"), [
    (RSS.replace("</item>", "</itm>", 1), "malformed XML", 13),
    ('<?xml version="1.0"?><graphml><graph/></graphml>', "not an RSS or Atom feed", None),
])
def test_bad_xml_is_named_and_changes_nothing(project: Project, tmp_path: Path, text: str,
                                              reason: str, line: int | None) -> None:
    path = write(tmp_path / "bad.xml", text)
    good = write(tmp_path / "good.atom", ATOM)
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        import_paths(project, [good, path])
    assert (err.value.path, err.value.line) == (str(path), line)
    assert dump(project) == before
    summary = import_paths(project, [good, path], ImportOptions(skip_bad=True))
    assert summary.documents_added == 1 and [p for p, _ in summary.bad_files] == [str(path)]


def test_plain_text_of_markup() -> None:
    assert plain_text("<div>a<br>b</div><ul><li>c  d</li></ul><style>x{}</style>") == "a\nb\nc d"
    assert plain_text("5 < 6 and 7 > 3") == "5 < 6 and 7 > 3"
    assert plain_text("line one\nline two") == "line one\nline two"
    assert plain_text("<p>one\n  line</p>") == "one line"


def test_the_cli_imports_a_feed(tmp_path: Path) -> None:
    out = run("import", tmp_path / "p.annotator", write(tmp_path / "tass.atom", ATOM))
    assert "added 1 document (0 already there)" in out.output
