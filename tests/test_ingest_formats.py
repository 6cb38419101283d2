"""Ingest, format by format: what a plain-text report, an HTML page, a feed, a JSONL and a CSV corpus become.

All report texts here are invented for the tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from frontlines.ingest import IngestOptions, document_id, ingest, normalise_text
from frontlines.ingest.language import guess_language
from frontlines.records import DateSource, Document, IngestProblem

SAMPLES = Path("/work/shared/samples")

REPORT_BODY = (
    "Government troops captured the hill of Tal Sheikh near the village of Kafr Halab on Sunday after "
    "heavy clashes with militants, a field commander said.\n\n"
    "Three fighters were killed and a tank was destroyed, according to the army statement."
)


def documents(items: list[Document | IngestProblem]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def problems(items: list[Document | IngestProblem]) -> list[IngestProblem]:
    return [item for item in items if isinstance(item, IngestProblem)]


def ingest_one(path: Path, **options: object) -> list[Document | IngestProblem]:
    return list(ingest([str(path)], IngestOptions(**options)))  # type: ignore[arg-type]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- plain text


def test_text_report_title_source_line_and_text_layout(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "report.txt",
        "\n\nArmy takes Tal Sheikh hill\n\nSource: [Example News](https://example.org/tal-sheikh)\n\n"
        + REPORT_BODY,
    )
    [doc] = ingest_one(path)
    assert isinstance(doc, Document)
    assert doc.title == "Army takes Tal Sheikh hill"
    assert doc.outlet == "Example News"
    assert doc.url == "https://example.org/tal-sheikh"
    assert doc.text == "Army takes Tal Sheikh hill\n\n" + REPORT_BODY  # Source line removed
    assert doc.id == document_id(doc.text)
    assert doc.source_uri == str(path)
    assert (doc.fmt, doc.language, doc.published) == ("text", "en", None)


def test_text_report_source_link_to_hash_gives_no_url(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", "Army advances\n\nSource: [Example Agency](#)\n\n" + REPORT_BODY)
    [doc] = ingest_one(path)
    assert isinstance(doc, Document)
    assert (doc.outlet, doc.url) == ("Example Agency", None)


@pytest.mark.parametrize(
    ("first_paragraph_start", "outlet"),
    [
        ("Example TV – Government troops", "Example TV"),  # outlet word "TV"
        ("Press TV — Government troops", "Press TV"),  # known outlet, em dash
        ("SANA - Government troops", "SANA"),  # known outlet, hyphen
        ("ALEPPO, (Example Agency) – Government troops", "Example Agency"),  # outlet in brackets
        ("Aleppo – Government troops", None),  # a place, not an outlet
        ("Government troops", None),  # no dateline at all
    ],
)
def test_text_report_outlet_from_leading_dateline(
    tmp_path: Path, first_paragraph_start: str, outlet: str | None
) -> None:
    path = write(tmp_path, "r.txt", f"Army advances\n\n{first_paragraph_start} captured a hill near Tadif.")
    [doc] = documents(ingest_one(path))
    assert doc.outlet == outlet
    assert first_paragraph_start in doc.text  # the dateline stays in the text


def test_text_report_default_outlet_only_when_the_report_names_none(tmp_path: Path) -> None:
    named = write(tmp_path, "a.txt", "Army advances\n\nSource: [Example News](#)\n\n" + REPORT_BODY)
    unnamed = write(tmp_path, "b.txt", "Army advances\n\n" + REPORT_BODY)
    outlets = [
        doc.outlet
        for doc in documents(
            list(ingest([str(named), str(unnamed)], IngestOptions(default_outlet="Fallback")))
        )
    ]
    assert outlets == ["Example News", "Fallback"]


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("Published: 12 March 2016", dt.date(2016, 3, 12)),
        ("Date: March 12, 2016", dt.date(2016, 3, 12)),
        ("2016-03-12", dt.date(2016, 3, 12)),
        ("2016-03-12T08:30:00+03:00", dt.date(2016, 3, 12)),
        ("Published: March 2016", None),  # no day: no date is invented
    ],
)
def test_text_report_dateline(tmp_path: Path, date_line: str, expected: dt.date | None) -> None:
    path = write(tmp_path, "r.txt", f"Army advances\n{date_line}\n\n{REPORT_BODY}")
    [doc] = documents(ingest_one(path))
    assert doc.published == expected
    assert doc.published_source == (DateSource.TEXT if expected else None)
    assert date_line not in doc.text  # a date line is metadata, removed
    assert doc.meta == ({} if expected else {"published": "March 2016"})  # a partial date is kept as written


def test_text_report_date_in_a_sentence_is_not_a_publication_date(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", "Army advances\n\nOn 12 March 2016 troops entered the town of Tadif.")
    [doc] = documents(ingest_one(path))
    assert (doc.published, doc.published_source) == (None, None)


# ---------------------------------------------------------------------------------------------------- HTML

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Army takes Tal Sheikh hill | Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/2015/01/02/tal-sheikh">
{date_meta}
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Army takes Tal Sheikh hill</h1>
<p>Government troops captured the hill of Tal Sheikh near the village of Kafr Halab on Sunday after heavy
clashes with militants, a field commander said on 3 May 2014.</p>
<p>Three fighters were killed and a tank was destroyed, according to the army statement.</p>
<p>The army said engineering units were clearing mines left by the militants in the area.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>"""


@pytest.mark.parametrize(
    "date_meta",
    [
        '<meta property="article:published_time" content="2016-08-14T09:00:00+03:00">',
        '<meta name="DC.date.issued" content="2016-08-14">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2016-08-14"}</script>',
    ],
)
def test_html_page_text_and_metadata(tmp_path: Path, date_meta: str) -> None:
    path = write(tmp_path, "page.html", ARTICLE_HTML.format(date_meta=date_meta))
    [doc] = ingest_one(path)
    assert isinstance(doc, Document)
    assert doc.fmt == "html"
    assert doc.title == "Army takes Tal Sheikh hill"
    assert doc.outlet == "Example News"
    assert doc.url == "https://example.org/2015/01/02/tal-sheikh"
    assert (doc.published, doc.published_source) == (dt.date(2016, 8, 14), DateSource.METADATA)
    assert doc.text.startswith("Army takes Tal Sheikh hill\n\nGovernment troops captured the hill")
    assert "Three fighters were killed" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_html_page_without_date_metadata_gets_no_date(tmp_path: Path) -> None:
    # The URL and the text hold dates; neither is the page's metadata, so neither may become the date.
    path = write(tmp_path, "page.html", ARTICLE_HTML.format(date_meta=""))
    [doc] = documents(ingest_one(path))
    assert (doc.published, doc.published_source) == (None, None)


def test_truncated_html_still_gives_its_text(tmp_path: Path) -> None:
    cut = "<html><head><title>Clashes near Tadif</title></head><body><p>Syrian troops advanced toward the ea"
    [doc] = documents(ingest_one(write(tmp_path, "cut.html", cut)))
    assert doc.title == "Clashes near Tadif"
    assert doc.text.endswith("Syrian troops advanced toward the ea")


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = write(tmp_path, "saved.txt", ARTICLE_HTML.format(date_meta=""))
    [doc] = documents(ingest_one(path))
    assert doc.fmt == "html"
    assert "<p>" not in doc.text


# ---------------------------------------------------------------------------------------------------- feeds

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item>
  <title>Army takes Tal Sheikh hill</title>
  <link>https://wire.example.org/tal-sheikh</link>
  <guid>wire-1</guid>
  <pubDate>Sun, 14 Aug 2016 09:00:00 +0300</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Government troops captured the hill of Tal Sheikh on Sunday.</p>
  <p>Three fighters were killed, the army said.</p>]]></content:encoded>
</item>
<item>
  <title>Broken entry without text</title>
  <link>https://wire.example.org/broken</link>
</item>
<item>
  <title>Shelling hits Kafr Halab</title>
  <link>https://wire.example.org/kafr-halab</link>
  <source url="https://other.example.org/rss">Other Agency</source>
  <description>&lt;p&gt;Militants shelled the village of &lt;b&gt;Kafr Halab&lt;/b&gt;,
  killing two civilians.&lt;/p&gt;</description>
</item>
</channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom Desk</title><id>urn:example:desk</id>
<updated>2016-08-15T00:00:00Z</updated>
<entry><title>Troops enter Tadif</title><id>urn:example:1</id>
<link href="https://atom.example.org/tadif"/><updated>2016-08-15T06:00:00Z</updated>
<content type="html">&lt;p&gt;Government troops entered the town of Tadif on Monday,
the army said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_feed_entries_and_one_broken_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.xml", RSS_FEED)
    items = ingest_one(path)
    first, third = documents(items)
    [broken] = problems(items)
    assert (broken.kind, broken.source_uri, broken.fatal) == ("malformed_feed", f"{path}#E2", True)

    assert first.source_uri == f"{path}#E1"
    assert (first.fmt, first.title, first.outlet) == ("feed", "Army takes Tal Sheikh hill", "Example Wire")
    assert (first.url, first.external_id) == ("https://wire.example.org/tal-sheikh", "wire-1")
    assert (first.published, first.published_source) == (dt.date(2016, 8, 14), DateSource.FEED)
    assert first.text == (
        "Army takes Tal Sheikh hill\n\nGovernment troops captured the hill of Tal Sheikh on Sunday.\n\n"
        "Three fighters were killed, the army said."
    )  # the full content wins over the teaser, HTML stripped

    assert third.source_uri == f"{path}#E3"
    assert third.outlet == "Other Agency"  # the entry's own source wins over the feed title
    assert third.text.endswith("Militants shelled the village of Kafr Halab, killing two civilians.")
    assert (third.published, third.published_source) == (None, None)


def test_atom_feed(tmp_path: Path) -> None:
    [doc] = ingest_one(write(tmp_path, "desk.atom", ATOM_FEED))
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet, doc.url) == (
        "Troops enter Tadif",
        "Example Atom Desk",
        "https://atom.example.org/tadif",
    )
    assert (doc.published, doc.published_source) == (dt.date(2016, 8, 15), DateSource.FEED)
    assert doc.text.endswith("Government troops entered the town of Tadif on Monday, the army said.")


# ----------------------------------------------------------------------------------------------- corpora


def test_jsonl_corpus_with_one_broken_line(tmp_path: Path) -> None:
    good = {
        "id": "r-1",
        "text": REPORT_BODY,
        "title": "Army advances",
        "url": "https://example.org/1",
        "published": "2016-08-14",
        "outlet": "Example News",
        "desk": "north",
        "tags": ["aleppo"],
    }
    second = {"id": 2, "text": "Militants shelled the village of Kafr Halab, killing two civilians."}
    lines = [json.dumps(good), '{"id": "r-3", "text": "unterminated', "", json.dumps(second), "[1, 2]"]
    path = write(tmp_path, "corpus.jsonl", "\n".join(lines) + "\n")
    items = ingest_one(path)
    first, last = documents(items)
    assert [(p.kind, p.source_uri) for p in problems(items)] == [
        ("malformed_json", f"{path}#L2"),
        ("malformed_json", f"{path}#L5"),
    ]
    assert (first.source_uri, first.external_id, first.fmt) == (f"{path}#L1", "r-1", "jsonl")
    assert (first.title, first.outlet, first.url) == (
        "Army advances",
        "Example News",
        "https://example.org/1",
    )
    assert (first.published, first.published_source) == (dt.date(2016, 8, 14), DateSource.FIELD)
    assert first.meta == {"desk": "north", "tags": ["aleppo"]}
    assert first.text == "Army advances\n\n" + REPORT_BODY
    assert (last.source_uri, last.external_id, last.title) == (f"{path}#L4", "2", None)


def test_jsonl_unparseable_published_is_kept_in_meta_not_guessed(tmp_path: Path) -> None:
    line = json.dumps({"text": REPORT_BODY, "published": "last Sunday"})
    [doc] = documents(ingest_one(write(tmp_path, "c.jsonl", line)))
    assert (doc.published, doc.published_source) == (None, None)
    assert doc.meta == {"published": "last Sunday"}


def test_csv_corpus_with_unknown_column_and_quoted_newlines(tmp_path: Path) -> None:
    content = (
        "id,title,text,outlet,published,reporter\n"
        'c-1,Army advances,"Government troops captured Tal Sheikh.\n\nThree fighters were killed.",'
        "Example News,14/08/2016 ,A. Writer\n"
        "c-2,Shelling,Militants shelled the village of Kafr Halab.,,2016-08-15,\n"
    )
    path = write(tmp_path, "corpus.csv", content)
    first, second = ingest_one(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source_uri, first.external_id, first.fmt) == (f"{path}#R1", "c-1", "csv")
    assert first.meta == {"reporter": "A. Writer"}
    assert (
        first.text == "Army advances\n\nGovernment troops captured Tal Sheikh.\n\nThree fighters were killed."
    )
    assert (first.outlet, first.published) == ("Example News", dt.date(2016, 8, 14))
    assert (second.source_uri, second.outlet, second.published) == (f"{path}#R2", None, dt.date(2016, 8, 15))
    assert second.meta == {"reporter": ""}


# ------------------------------------------------------------------------------------------ ids and dedup


@pytest.mark.parametrize(
    "variant",
    [
        "Army  advances\n\n\nGovernment troops   captured Tal Sheikh.\r\n",  # whitespace
        "<h1>Army advances</h1>\n<p>Government troops captured <b>Tal Sheikh</b>.</p>",  # HTML remnants
        "# Army advances\n\nGovernment troops captured **Tal Sheikh**.",  # Markdown remnants
        "Army advances\n\nGovernment troops captured [Tal Sheikh](https://example.org/map).",  # Markdown link
        "Army\u00a0advances\n\nGovernment troops captured Tal\u200b Sheikh.",  # no-break / zero-width space
    ],
)
def test_whitespace_and_markup_differences_give_the_same_id(variant: str) -> None:
    assert document_id(variant) == document_id("Army advances\n\nGovernment troops captured Tal Sheikh.")


def test_normalise_text_unifies_quotes_and_dashes_but_keeps_case() -> None:
    assert (
        normalise_text("\u201cWe hold\u201d the army\u2019s line \u2013 Tadif")
        == '"We hold" the army\'s line - Tadif'
    )
    assert document_id("US forces") != document_id("us forces")


def test_the_same_report_as_text_and_as_jsonl_gets_one_id(tmp_path: Path) -> None:
    text_path = write(tmp_path, "r.txt", "Army advances\n\n" + REPORT_BODY)
    jsonl_path = write(tmp_path, "r.jsonl", json.dumps({"title": "Army advances", "text": REPORT_BODY}))
    from_text, from_jsonl = documents(list(ingest([str(text_path), str(jsonl_path)])))
    assert from_text.id == from_jsonl.id
    assert from_text.source_uri != from_jsonl.source_uri  # both are yielded: the store records both sources


def test_an_input_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", "Army advances\n\n" + REPORT_BODY)
    items = list(ingest([str(path), str(tmp_path), str(path)]))
    assert [doc.source_uri for doc in documents(items)] == [str(path)]


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Report B\n\n" + REPORT_BODY)
    write(tmp_path, "a/z.txt", "Report AZ\n\n" + REPORT_BODY)
    write(tmp_path, "a/deeper/y.txt", "Report ADY\n\n" + REPORT_BODY)
    write(tmp_path, ".hidden.txt", "Hidden\n\n" + REPORT_BODY)
    write(tmp_path, ".git/x.txt", "Hidden folder\n\n" + REPORT_BODY)
    titles = [doc.title for doc in documents(list(ingest([str(tmp_path)])))]
    assert titles == ["Report ADY", "Report AZ", "Report B"]


def test_ingest_is_lazy(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Report A\n\n" + REPORT_BODY)
    stream = ingest([str(tmp_path), str(tmp_path / "missing.txt")])
    first = next(stream)  # the missing file is not looked at before it is reached
    assert isinstance(first, Document) and first.title == "Report A"
    assert next(stream).kind == "not_found"  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------- languages

FOREIGN_REPORTS = {
    "fr": "L'armée syrienne a repris le contrôle de la colline près du village, selon une source militaire.",
    "de": "Die syrische Armee hat nach eigenen Angaben die Kontrolle über den Hügel bei dem Dorf übernommen.",
    "es": "El ejército sirio recuperó el control de la colina cerca del pueblo, según una fuente militar.",
    "ar": "استعاد الجيش السوري السيطرة على التلة القريبة من القرية بعد اشتباكات عنيفة مع المسلحين.",
    "ru": "Сирийская армия восстановила контроль над высотой у деревни после тяжелых боев с боевиками.",
}


@pytest.mark.parametrize(("language", "text"), sorted(FOREIGN_REPORTS.items()))
def test_non_english_report_is_yielded_with_a_language_warning(
    tmp_path: Path, language: str, text: str
) -> None:
    doc, warning = ingest_one(write(tmp_path, "r.txt", f"Report\n\n{text}"))
    assert isinstance(doc, Document) and isinstance(warning, IngestProblem)
    assert doc.language == language
    assert (warning.kind, warning.fatal, warning.doc_id) == ("language", False, doc.id)
    assert "English only" in warning.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (REPORT_BODY, "en"),
        ("Tadif", None),  # too short to tell
        ("Kafr Halab, Tal Sheikh, Tadif, Khan Tuman, Zitan, Hadher", None),  # names only: no stopwords
        ("نیروهای ارتش سوریه کنترل چند روستا را در جنوب حلب به دست گرفتند", "fa"),
    ],
)
def test_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


# ------------------------------------------------------------------------------------------------ samples


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="/work/shared/samples is not on this machine")
def test_shared_sample_reports() -> None:
    items = list(ingest([str(SAMPLES)]))
    docs = documents(items)
    assert sorted(doc.outlet or "" for doc in docs) == ["FarsNews", "Press TV"]
    assert not [p for p in problems(items) if p.fatal]
    for doc in docs:
        assert doc.title and doc.text.startswith(doc.title + "\n\n")
        assert "Source:" not in doc.text
        assert doc.language == "en"
