"""Hostile and huge inputs (issue 8): nothing a document holds can stop ingest, stall it or lose other work.

Every test builds its input here, puts a good record after the bad one and checks three things: the bad
one gives an IngestProblem with a stable kind and a readable reason, the good one still becomes a Document,
and nothing else goes missing. All report texts are invented for the tests.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.ingest import IngestOptions, ingest
from frontlines.ingest.htmlpage import html_to_text
from frontlines.records import Document, IngestProblem

GOOD = "Government troops captured the village of Kafr Halab on Sunday after clashes with militants."
GOOD_LINE = json.dumps({"id": "good", "text": GOOD})


def run(*paths: Path, **options: object) -> list[Document | IngestProblem]:
    return list(ingest([str(path) for path in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def kinds(items: list[Document | IngestProblem]) -> list[tuple[str, str, bool]]:
    """(kind or "document", source_uri, fatal) of every item, in order."""
    return [
        ("document", item.source_uri, True)
        if isinstance(item, Document)
        else (item.kind, item.source_uri, item.fatal)
        for item in items
    ]


def documents(items: list[Document | IngestProblem]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def problems(items: list[Document | IngestProblem]) -> list[IngestProblem]:
    return [item for item in items if isinstance(item, IngestProblem)]


# --------------------------------------------------------------------------------- one bad JSONL line


@pytest.mark.parametrize(
    ("bad_line", "kind", "reason_part"),
    [
        ("[" * 5_000 + "]" * 5_000, "malformed_json", "nested too deeply"),
        ('{"text": "x", "meta": ' + "[" * 5_000 + "]" * 5_000 + "}", "malformed_json", "nested too deeply"),
        ('{"text": "x", "meta": ' + "[" * 100 + "]" * 100 + "}", "malformed_json", "more than 64 levels"),
        ('{"text": 12345}', "no_text", "'text' field is a number"),
        ('{"text": ["Troops", "advanced"]}', "no_text", "'text' field is a list"),
        ('{"text": {"body": "Troops advanced"}}', "no_text", "'text' field is an object"),
        ('{"text": true}', "no_text", "'text' field is true or false"),
        ('{"text": "Troops advanced", ', "malformed_json", "line 2 is not valid JSON"),
    ],
    ids=["5000-brackets", "deep-meta", "100-deep-meta", "number", "list", "object", "boolean", "cut-off"],
)
def test_a_bad_jsonl_line_gives_one_problem_and_the_batch_goes_on(
    tmp_path: Path, bad_line: str, kind: str, reason_part: str
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([GOOD_LINE, bad_line, GOOD_LINE.replace("good", "good-2")]) + "\n")
    after = tmp_path / "after.txt"
    after.write_text("Army advances\n\n" + GOOD)
    items = run(corpus, after)
    assert kinds(items) == [
        ("document", f"{corpus}#L1", True),
        (kind, f"{corpus}#L2", True),
        ("document", f"{corpus}#L3", True),
        ("document", str(after), True),
    ]
    assert reason_part in problems(items)[0].reason


def test_a_lone_surrogate_is_replaced_and_recorded_not_a_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    # "\ud800" escaped in JSON is half of a UTF-16 pair: not a character, and not writable as UTF-8.
    bad = '{"text": "Shelling hit Tadif \\ud800 on Monday.", "title": "Tadif \\udfff", "tags": ["\\ud800"]}'
    corpus.write_text("\n".join([bad, GOOD_LINE]) + "\n")
    items = run(corpus)
    assert kinds(items) == [
        ("document", f"{corpus}#L1", True),
        ("decode", f"{corpus}#L1", False),
        ("document", f"{corpus}#L2", True),
    ]
    doc = documents(items)[0]
    assert doc.text == "Tadif \ufffd\n\nShelling hit Tadif \ufffd on Monday."
    assert doc.meta == {"tags": ["\ufffd"]}
    doc.text.encode("utf-8")  # storable
    assert "3 lone surrogate escapes" in problems(items)[0].reason
    assert problems(items)[0].doc_id == doc.id


def test_a_jsonl_line_over_the_size_limit_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([json.dumps({"text": "x" * 5_000}), GOOD_LINE]) + "\n")
    items = run(corpus, max_bytes=1_000)
    assert kinds(items) == [("too_large", f"{corpus}#L1", True), ("document", f"{corpus}#L2", True)]


# -------------------------------------------------------------------------------------- JSON documents


@pytest.mark.parametrize(
    "content",
    [
        json.dumps([{"text": GOOD, "title": "One"}, {"text": GOOD + " Again.", "title": "Two"}], indent=2),
        json.dumps([{"text": GOOD, "title": "One"}, {"text": GOOD + " Again.", "title": "Two"}]),
        json.dumps(
            {"articles": [{"text": GOOD, "title": "One"}, {"text": GOOD + " Again.", "title": "Two"}]},
            indent=1,
        ),
        json.dumps({"text": GOOD, "title": "One"}, indent=2)
        + "\n"
        + json.dumps({"text": GOOD + " Again.", "title": "Two"}, indent=2),
    ],
    ids=["pretty-array", "one-line-array", "object-with-a-list", "pretty-objects-one-after-another"],
)
@pytest.mark.parametrize("name", ["articles.json", "articles.jsonl"])
def test_a_whole_json_document_of_articles_is_read(tmp_path: Path, content: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    items = run(path)
    assert kinds(items) == [("document", f"{path}#I1", True), ("document", f"{path}#I2", True)]
    assert [doc.title for doc in documents(items)] == ["One", "Two"]


def test_a_pretty_printed_object_gives_one_document_not_four_errors(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"id": "r1", "title": "Army advances", "text": GOOD}, indent=4))
    [doc] = run(path)
    assert isinstance(doc, Document) and (doc.external_id, doc.title) == ("r1", "Army advances")


def test_a_broken_json_document_keeps_the_items_before_the_break_and_names_where(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text('[\n  {"text": "' + GOOD + '"},\n  {"text": "Cut off\n')
    items = run(path)
    assert kinds(items) == [("document", f"{path}#I1", True), ("malformed_json", str(path), True)]
    assert "line 3, column" in problems(items)[0].reason


def test_a_json_document_over_the_size_limit_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"text": GOOD}] * 50, indent=2))
    [problem] = run(path, max_bytes=1_000)
    assert isinstance(problem, IngestProblem) and problem.kind == "too_large"
    assert "JSON Lines" in problem.reason


# ------------------------------------------------------------------------------------------- CSV rows


def test_bad_csv_rows_each_give_one_problem_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    rows = [
        b"id,text",
        b"1," + GOOD.replace("Kafr Halab", "Kafr Ḥalab").encode(),  # UTF-8
        b'2,"' + b"x" * 3_000 + b'"',  # a line over max_bytes
        b"3,Troops shelled the caf\xe9 district of Tadif.",  # Latin-1 in a UTF-8 file: repaired, with a warning
        b"4,Militants \x1b[31mshelled\x1b[0m Tadif.",  # a terminal escape: removed, with a warning
        b"5," + GOOD.encode(),
    ]
    path.write_bytes(b"\n".join(rows) + b"\n")
    items = run(path, max_bytes=2_000)
    assert kinds(items) == [
        ("document", f"{path}#R1", True),
        ("too_large", f"{path}#R2", True),
        ("document", f"{path}#R3", True),
        ("decode", f"{path}#R3", False),
        ("document", f"{path}#R4", True),
        ("control_characters", f"{path}#R4", False),
        ("document", f"{path}#R5", True),
    ]
    assert [doc.text for doc in documents(items)][1:3] == [
        "Troops shelled the café district of Tadif.",
        "Militants [31mshelled[0m Tadif.",
    ]


# ------------------------------------------------------------------------------- controls and bidi


@pytest.mark.parametrize(
    ("raw", "text", "reason_part"),
    [
        ("Army\u0000 took\u0007 Tadif.", "Army took Tadif.", "2 control characters (U+0000, U+0007)"),
        ("Army took \u202eTadif\u202c.", "Army took Tadif.", "2 bidirectional controls (U+202C, U+202E)"),
        ("Army took \u2067Tadif\u2069.", "Army took Tadif.", "bidirectional controls (U+2067, U+2069)"),
        ("Army took Tadif.\u009b31m", "Army took Tadif.31m", "1 control character (U+009B)"),
    ],
)
def test_control_and_bidi_characters_are_removed_and_flagged(
    tmp_path: Path, raw: str, text: str, reason_part: str
) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": raw}) + "\n")
    doc, warning = run(path)
    assert isinstance(doc, Document) and doc.text == text
    assert isinstance(warning, IngestProblem)
    assert (warning.kind, warning.fatal, warning.doc_id) == ("control_characters", False, doc.id)
    assert reason_part in warning.reason


def test_arabic_direction_marks_are_text_not_controls(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": "Troops entered Tadif (\u200fتادف\u200f) on Monday."}) + "\n")
    [doc] = run(path)
    assert isinstance(doc, Document) and "\u200fتادف\u200f" in doc.text


# ----------------------------------------------------------------------------------- mixed encodings


def test_one_latin1_line_does_not_make_a_utf8_file_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    lines = [
        "Army advances near Tadif – Ḥalab".encode(),
        b"",
        "Government troops captured Tal Sheikh — a hill near Kafr Ḥalab.".encode(),
        b"Residents fled to the caf\xe9 district.",
    ]
    path.write_bytes(b"\n".join(lines))
    warning, doc = run(path)
    assert isinstance(doc, Document)
    assert doc.text == (
        "Army advances near Tadif – Ḥalab\n\nGovernment troops captured Tal Sheikh — a hill near Kafr Ḥalab.\n"
        "Residents fled to the café district."
    )
    assert isinstance(warning, IngestProblem) and (warning.kind, warning.fatal) == ("decode", False)
    assert "line 4" in warning.reason and "cp1252" in warning.reason


def test_a_whole_legacy_file_is_still_decoded_as_one_encoding(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(("Army advances\n\nTroops took the café – and the hill.").encode("cp1252"))
    warning, doc = run(path)
    assert isinstance(doc, Document) and doc.text.endswith("Troops took the café – and the hill.")
    assert isinstance(warning, IngestProblem) and "decoded as cp1252" in warning.reason


def test_a_utf16_jsonl_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(
        codecs.BOM_UTF16_LE + (GOOD_LINE + "\n" + GOOD_LINE.replace("good", "g2")).encode("utf-16-le")
    )
    assert [kind for kind, _, _ in kinds(run(path))] == ["document", "document"]


# ------------------------------------------------------------------------------------ escaped markup


PAGE = """<html><head><title>&lt;b&gt;Army&lt;/b&gt; takes Tadif</title>
<meta property="og:site_name" content="&lt;b&gt;Levant &amp;amp; Gulf&lt;/b&gt;">
<meta property="og:title" content="&lt;i&gt;Army&lt;/i&gt; takes &amp;lt;b&amp;gt;Tadif">
</head><body><article><h1>Army takes Tadif</h1>
<p>Government troops captured the village of Tadif on Sunday after heavy clashes with militants.</p>
<p>The code &amp;lt;b&amp;gt; was shown on the screen of the local council, residents said on Monday.</p>
<p>A sign read &lt;closed&gt; at the checkpoint near Kafr Halab while the shelling went on for days.</p>
</article></body></html>"""


def test_escaped_markup_never_becomes_tags_in_titles_and_outlets(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [doc] = run(path)
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet) == ("Army takes Tadif", "Levant & Gulf")


def test_body_text_is_what_the_page_shows_and_gains_no_tags(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [doc] = run(path)
    assert isinstance(doc, Document)
    # "&amp;lt;b&amp;gt;" shows as "&lt;b&gt;": trafilatura's extra unescaping made it a "<b>" tag.
    assert "The code &lt;b&gt; was shown" in doc.text and "<b>" not in doc.text
    # "&lt;closed&gt;" shows as "<closed>": text the reader saw, kept as text.
    assert "A sign read <closed> at the checkpoint" in doc.text


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "<b>Army</b> takes Tadif", "Army takes Tadif"),
        ("title", "&lt;script&gt;alert(1)&lt;/script&gt;Army takes Tadif", "Army takes Tadif"),
        ("outlet", "&amp;lt;b&amp;gt;Levant Wire&amp;lt;/b&amp;gt;", "Levant Wire"),
        ("outlet", "AT&amp;T News", "AT&T News"),
        ("outlet", "<b></b>", None),
    ],
)
def test_record_titles_and_outlets_are_plain_text(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": GOOD, field: value}) + "\n")
    [doc] = run(path)
    assert isinstance(doc, Document) and getattr(doc, field) == expected


# ------------------------------------------------------------------------------------- deep HTML


@pytest.mark.parametrize("depth", [300, 5_000])
def test_deeply_nested_html_yields_its_text(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><title>Army takes Tadif</title><script>var x = '<p>no</p>';</script></head><body>"
        + "<div>" * depth
        + f"<p>{GOOD}</p><p>Two soldiers were killed &amp; five wounded.</p><!-- hidden -->"
        + "</div>" * depth
        + "</body></html>"
    )
    [doc] = run(path)
    assert isinstance(doc, Document)
    assert doc.text == f"Army takes Tadif\n\n{GOOD}\n\nTwo soldiers were killed & five wounded."


def test_deeply_nested_feed_content_yields_its_text() -> None:
    fragment = "<div>" * 3_000 + "<p>Troops entered Tadif.</p><p>Clashes went on.</p>" + "</div>" * 3_000
    assert html_to_text(fragment) == "Troops entered Tadif.\n\nClashes went on."


# ----------------------------------------------------------------------- title at the start of the text


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # the title is only the start of the first sentence: it gets a line of its own
        ("Government troops captured the village", GOOD, f"Government troops captured the village\n\n{GOOD}"),
        # the body repeats the title as its first line, alone or with the outlet: not repeated
        ("Army takes Kafr Halab", f"Army takes Kafr Halab\n\n{GOOD}", f"Army takes Kafr Halab\n\n{GOOD}"),
        (
            "Army takes Kafr Halab",
            f"Army takes Kafr Halab - SANA\n\n{GOOD}",
            f"Army takes Kafr Halab - SANA\n\n{GOOD}",
        ),
    ],
)
def test_a_title_that_starts_the_first_sentence_does_not_swallow_it(
    tmp_path: Path, title: str, text: str, expected: str
) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"title": title, "text": text}) + "\n")
    [doc] = run(path)
    assert isinstance(doc, Document) and doc.text == expected


# ------------------------------------------------------------------------ an unexpected failure


def test_an_unexpected_error_in_one_input_is_recorded_and_the_next_input_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontlines.ingest as ingest_module

    def broken_reader(text: str, source_uri: str) -> object:
        raise MemoryError("simulated")

    monkeypatch.setattr(ingest_module, "read_feed", broken_reader)
    feed = tmp_path / "a.rss"
    feed.write_text("<rss><channel><item><title>x</title><description>y</description></item></channel></rss>")
    after = tmp_path / "b.txt"
    after.write_text("Army advances\n\n" + GOOD)
    items = run(feed, after)
    assert kinds(items) == [("internal", str(feed), True), ("document", str(after), True)]
    assert "unexpected MemoryError (simulated)" in problems(items)[0].reason


def test_a_stray_nul_byte_does_not_make_a_corpus_binary(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_bytes(b"id,text\n1,Troops shelled\x00 Tadif.\n2," + GOOD.encode() + b"\n")
    items = run(path)
    assert kinds(items) == [
        ("document", f"{path}#R1", True),
        ("control_characters", f"{path}#R1", False),
        ("document", f"{path}#R2", True),
    ]
    assert documents(items)[0].text == "Troops shelled Tadif."


# ------------------------------------------------------------------------- the title and the events


def test_the_first_sentence_keeps_its_event_when_the_title_starts_it(tmp_path: Path, pipeline: Any) -> None:
    path = tmp_path / "corpus.jsonl"
    text = "Syrian troops captured Khanasir on Sunday after clashes with militants."
    path.write_text(json.dumps({"title": "Syrian troops captured Khanasir", "text": text}) + "\n")
    [doc] = run(path)
    assert isinstance(doc, Document)
    assert [event.place.location for event in pipeline.extract_document(doc)] == ["Khanasir"]


def test_a_stored_text_that_starts_with_its_title_mid_sentence_is_no_headline(pipeline: Any) -> None:
    # As ingest composed such texts before: no title line of its own.
    text = "Syrian troops captured Khanasir on Sunday after clashes with militants."
    document = Document(
        id="t", text=text, source_uri="test:t", title="Syrian troops captured Khanasir", published=None
    )
    assert [event.place.location for event in pipeline.extract_document(document)] == ["Khanasir"]
    headline = Document(
        id="h", text=f"Army takes Hardana\n{text}", source_uri="test:h", title="Army takes Hardana"
    )
    assert [event.place.location for event in pipeline.extract_document(headline)] == ["Khanasir"]
