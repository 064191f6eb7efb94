"""Saved web pages (issue 10, item 1): the article's text without the page around it,
with its metadata; ZWNJ, ZWJ and bidi marks survive; nothing is fetched; a page without
an article is refused by name and changes nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import docx
import pytest

from annotator.core.errors import InputError
from annotator.formats.importer import ImportOptions, import_paths
from annotator.store import Project

from .conftest import dump
from .html_fixture import saved_page
from .pdf_fixture import make_pdf

PERSIAN = "وزیر امور خارجه روز چهارشنبه گفت که دو کشور می‌خواهند همکاری‌های اقتصادی را گسترش دهند."
RUSSIAN = ("Путин сказал, что соглашение «открывает новую главу» в отношениях двух стран, "
           "и добавил, что переговоры продолжатся.")
EMOJI = ("Observers reacted with 👩‍👩‍👧 and flags 🇮🇷 🇷🇺 on social media; one analyst wrote "
         "that the deal & its terms remain vague.")
CLOSING = ("A fourth paragraph closes the article with a quote from a spokesperson who asked "
           "not to be named, saying talks will resume next month.")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the import tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def only_document(project: Project):  # type: ignore[no-untyped-def]
    (doc,) = [project.get_document(i) for i in project.document_ids()]
    return doc


def test_the_article_without_the_page_around_it(project: Project, tmp_path: Path,
                                                no_network: None) -> None:
    page = write(tmp_path / "agreement.html", saved_page([PERSIAN, RUSSIAN, EMOJI, CLOSING]))
    summary = import_paths(project, [page])
    assert summary.documents_added == 1
    doc = only_document(project)
    assert doc.text == "\n".join(["تهران و مسکو توافق کردند", PERSIAN, RUSSIAN, EMOJI,
                                  CLOSING])
    assert "\u200c" in doc.text and "👩\u200d👩\u200d👧" in doc.text  # ZWNJ and ZWJ kept
    assert doc.title == "تهران و مسکو توافق کردند" and doc.source == "agreement.html"
    assert doc.meta == {"filename": "agreement.html", "author": "Ali Rezaei",
                        "date": "2026-01-15", "outlet": "Example News",
                        "url": "https://news.example.org/2026/01/15/agreement",
                        "language": "fa-IR"}
    assert import_paths(project, [page]).documents_matched == 1


def test_format_characters_written_as_entities_survive(project: Project,
                                                       tmp_path: Path) -> None:
    paragraphs = ["می&zwnj;خواهم و نیم&#8204;فاصله و &#x200C;را " + "کلمه " * 20,
                  "Right-to-left mark&rlm; and isolate \u2067مسکو\u2069 kept " + "word " * 20]
    page = saved_page(paragraphs).replace("&amp;", "&")
    import_paths(project, [write(tmp_path / "marks.htm", page)])
    text = only_document(project).text
    assert "می\u200cخواهم و نیم\u200cفاصله و \u200cرا" in text
    assert "mark\u200f and isolate \u2067مسکو\u2069 kept" in text


def test_a_declared_charset_is_honoured(project: Project, tmp_path: Path) -> None:
    page = saved_page([RUSSIAN, "Кремль осуждает «вмешательство Запада». " * 4],
                      title="Кремль", lang="ru", charset="windows-1251")
    import_paths(project, [write(tmp_path / "tass.html", page, "cp1251")])
    doc = only_document(project)
    assert doc.text.split("\n")[:2] == ["Кремль", RUSSIAN]
    assert doc.meta["language"] == "ru"


def test_a_saved_page_folder_is_one_article(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "agreement_files").mkdir(parents=True)
    write(folder / "agreement.html", saved_page([PERSIAN, RUSSIAN, EMOJI]))
    write(folder / "agreement_files" / "ad-frame.html", saved_page(["An advert. " * 30]))
    (folder / "agreement_files" / "style.css").write_text("p {}", encoding="utf-8")
    summary = import_paths(project, [folder])
    assert summary.documents_added == 1
    assert only_document(project).meta["filename"] == "agreement.html"


@pytest.mark.parametrize(("page", "reason"), [
    ("<html><head><title>Live</title><script>load()</script></head><body>"
     "<div id='app'></div><img src='https://example.org/x.png'></body></html>",
     "no article text"),
    ("", "the file is empty"),
])
def test_a_page_without_an_article_is_named_and_changes_nothing(
        project: Project, tmp_path: Path, page: str, reason: str) -> None:
    good = write(tmp_path / "good.html", saved_page([PERSIAN, RUSSIAN]))
    bad = write(tmp_path / "bad.html", page)
    before = dump(project)
    with pytest.raises(InputError, match=reason) as err:
        import_paths(project, [good, bad])
    assert err.value.path == str(bad)
    assert dump(project) == before
    summary = import_paths(project, [good, bad], ImportOptions(skip_bad=True))
    assert summary.documents_added == 1 and [p for p, _ in summary.bad_files] == [str(bad)]


def test_entity_expansion_and_external_references_are_not_followed(
        project: Project, tmp_path: Path, no_network: None) -> None:
    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    page = saved_page([RUSSIAN, "&lol9; " + CLOSING]).replace(
        "<!DOCTYPE html>", f'<!DOCTYPE html [<!ENTITY lol0 "lol">{laughs}'
        '<!ENTITY ext SYSTEM "http://example.org/secret">]>').replace("&amp;lol9;", "&lol9;&ext;")
    import_paths(project, [write(tmp_path / "laughs.html", page)])
    doc = only_document(project)
    assert len(doc.text) < 1000 and "lollol" not in doc.text
    assert RUSSIAN in doc.text


ARTICLE = ["Paris talks end without a deal", "The ministers met in Paris on Tuesday and agreed "
           "to meet again, the spokesperson said.", "Critics called the result « décevant » and "
           "asked for more transparency from both sides.", "Talks resume in March."]


def halves(paragraph: str) -> tuple[str, str]:
    cut = paragraph.find(" ", len(paragraph) // 2)
    return paragraph[:cut], paragraph[cut + 1:]


def test_the_same_article_as_html_word_and_pdf_gives_the_same_text(
        project: Project, tmp_path: Path) -> None:
    """Item 7: one article saved three ways is the same text, modulo whitespace."""
    write(tmp_path / "a.html", saved_page(ARTICLE[1:] * 2, title=ARTICLE[0], lang="fr"))
    word = docx.Document()
    for paragraph in [ARTICLE[0], *ARTICLE[1:] * 2]:
        word.add_paragraph(paragraph)
    word.save(str(tmp_path / "a.docx"))
    # A PDF breaks lines where the page is full: each paragraph split over two lines.
    lines = [half for p in ARTICLE[1:] * 2 for half in halves(p)]
    (tmp_path / "a.pdf").write_bytes(make_pdf([[ARTICLE[0], *lines]]))
    texts = {}
    for name in ("a.html", "a.docx", "a.pdf"):
        fresh = Project.memory()
        import_paths(fresh, [tmp_path / name])
        texts[name] = " ".join(only_document(fresh).text.split())
        fresh.close()
    assert texts["a.html"] == texts["a.docx"] == texts["a.pdf"]
    assert texts["a.html"].startswith("Paris talks end without a deal The ministers")
