"""Property-based tests: random and adversarial input for every ingest reader (issue 8).

Whatever the bytes, ``ingest`` yields Documents and IngestProblems and never raises; a Document's text has no
control characters but newline (tabs become spaces), no bidirectional controls and no lone surrogates, and
its title and outlet hold nothing tag-like. The markup scanners give what the regular expressions they
replaced gave (those are kept here as the specification; they are only slow on long lines).

Inputs are built from fragments that hurt parsers (unclosed comments, deep nesting, surrogate escapes,
controls, stray bytes) as well as from arbitrary bytes. The runs are bounded (``max_examples``) and
derandomised, so CI sees the same examples every time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.ingest import IngestOptions, ingest
from frontlines.ingest.decode import DecodeError, decode_bytes
from frontlines.ingest.markup import strip_html, strip_md_emphasis, strip_md_links
from frontlines.ingest.normalise import BIDI_CONTROLS, CONTROLS, clean_text, document_id, normalise_text
from frontlines.records import Document, IngestProblem

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SURROGATES = re.compile("[\ud800-\udfff]")
TAG_LIKE = re.compile(r"<[A-Za-z/!?][^>]*>")

NASTY = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200f", "\ufeff", "\ud800", "\udfff",
    "\r", "\r\n", "\n", "\t", " ", "é", "Ḥ", "\u00a0", "\u2028",
]  # fmt: skip
MARKUP = [
    "<div>", "</div>", "<p>", "<br>", "<!--", "-->", "<script>", "</script>", "<b>", "</b>", "<", ">", "&lt;",
    "&gt;", "&amp;", "&#0;", "&#xd800;", "&lt;b&gt;", "*", "**", "__", "~~", "[", "](", ")", "# ", "> ",
]  # fmt: skip
WORDS = [
    "Army",
    "took",
    "Tadif",
    "BEIRUT, Jan 5 (AFP) —",
    "Published: 2016",
    "Source: SANA",
    "\n\n",
    ".",
    ",",
]

texts = st.lists(st.sampled_from(NASTY + MARKUP + WORDS) | st.text(max_size=8), max_size=40).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["text", "title", "x"]), inner, max_size=3)
    ),
    max_leaves=10,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": texts | json_values,
        "title": texts,
        "outlet": texts,
        "published": st.sampled_from(["2016-03-03", "March 2016", "3 March", "", "not a date"]) | texts,
        "id": st.integers() | texts,
    },
)
raw_bytes = st.binary(max_size=300)
stray_bytes = st.sampled_from([b"\xe9", b"\xff\xfe", b"\xc3", b"\x81", b"\x00", b"\xef\xbb\xbf", b"\r"])


def jsonl_file(lines: list[object]) -> bytes:
    out = []
    for line in lines:
        if isinstance(line, bytes):
            out.append(line)
        elif isinstance(line, str):
            out.append(line.encode("utf-8", "surrogatepass"))
        else:
            out.append(json.dumps(line).encode())  # escapes surrogates as \\udXXX
    return b"\n".join(out)


jsonl_files = st.lists(records | texts | raw_bytes | stray_bytes | st.just("[" * 3_000), max_size=8).map(
    jsonl_file
)
json_documents = st.lists(records, max_size=4).map(lambda items: json.dumps(items, indent=2).encode())


def csv_file(rows: list[list[str]], raw: list[bytes]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text", "title"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass") + b"\n".join(raw)


csv_files = st.builds(
    csv_file,
    st.lists(st.lists(texts, min_size=1, max_size=4), max_size=6),
    st.lists(raw_bytes | stray_bytes, max_size=3),
)
html_pages = st.lists(st.sampled_from(MARKUP + WORDS + NASTY) | st.just("<div>" * 400), max_size=60).map(
    lambda parts: (
        "<html><head><title>"
        + "".join(parts[:5])
        + "</title></head><body>"
        + "".join(parts)
        + "</body></html>"
    ).encode("utf-8", "surrogatepass")
)
feeds = st.lists(texts, max_size=4).map(
    lambda items: (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        + "".join(
            f"<item><title>{item[:20]}</title><description>{item}</description></item>" for item in items
        )
        + "</channel></rss>"
    ).encode("utf-8", "surrogatepass")
)
plain_texts = texts.map(lambda text: text.encode("utf-8", "surrogatepass")) | raw_bytes


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def ingest_bytes(folder: Path, name: str, data: bytes) -> Iterator[Document | IngestProblem]:
    path = folder / name
    path.write_bytes(data)
    return ingest([str(path)], IngestOptions(max_bytes=50_000))


def check(items: Iterator[Document | IngestProblem]) -> None:
    """The properties every ingest result has."""
    for item in items:
        assert isinstance(item, Document | IngestProblem)
        if isinstance(item, IngestProblem):
            assert item.kind and item.reason
            assert item.kind != "internal", item.reason  # the safety net caught a bug
            continue
        assert not any(char in CONTROLS or char in BIDI_CONTROLS for char in item.text), repr(item.text)
        assert "\r" not in item.text and not SURROGATES.search(item.text)
        item.text.encode("utf-8")
        for field in (item.title, item.outlet):
            assert field is None or not TAG_LIKE.search(field), field
            assert field is None or not any(char in CONTROLS or char in BIDI_CONTROLS for char in field)
        json.dumps(dict(item.meta), ensure_ascii=False).encode("utf-8")  # storable as the store stores it


@pytest.mark.parametrize(
    ("name", "strategy"),
    [
        ("corpus.jsonl", jsonl_files),
        ("articles.json", json_documents),
        ("corpus.csv", csv_files),
        ("page.html", html_pages),
        ("feed.rss", feeds),
        ("report.txt", plain_texts),
        ("unknown.bin", raw_bytes),
    ],
)
def test_ingest_never_raises_and_its_documents_are_clean(
    folder: Path, name: str, strategy: st.SearchStrategy[bytes]
) -> None:
    @BOUNDED
    @given(strategy)
    def run(data: bytes) -> None:
        check(ingest_bytes(folder, name, data))

    run()


@BOUNDED
@given(raw_bytes | plain_texts, st.sampled_from([None, "utf-8", "latin-1", "cp1251", "no-such-charset"]))
def test_decoding_gives_text_or_a_decode_error(data: bytes, declared: str | None) -> None:
    try:
        decoded = decode_bytes(data, declared)
    except DecodeError as err:
        assert str(err)
        return
    decoded.text.encode("utf-8", "surrogatepass")


@BOUNDED
@given(texts | st.text())
def test_normalising_never_raises_and_leaves_no_controls(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(char in CONTROLS or char in BIDI_CONTROLS for char in cleaned)
    assert not SURROGATES.search(cleaned) and "\r" not in cleaned
    assert clean_text(cleaned) == cleaned
    normalised = normalise_text(text)
    assert not any(char in CONTROLS or char in BIDI_CONTROLS for char in normalised)
    assert len(document_id(text)) == 64


# The patterns the scanners replaced: right, but quadratic on a long line of unclosed openers.
OLD_HTML = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
OLD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
OLD_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")


def short(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=24)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(short("<>!-/ab \n"))
def test_html_scanner_equals_the_old_pattern(text: str) -> None:
    assert strip_html(text) == OLD_HTML.sub(" ", text)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(short("[]()! a\n"))
def test_link_scanner_equals_the_old_pattern(text: str) -> None:
    assert strip_md_links(text) == OLD_LINK.sub(r"\1", text)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(short("*_~ a\n\t"))
def test_emphasis_scanner_equals_the_old_pattern(text: str) -> None:
    assert strip_md_emphasis(text) == OLD_EMPHASIS.sub(r"\2", text)


@pytest.mark.parametrize(
    ("line", "function", "expected"),
    [
        ("*a " * 30_000, strip_md_emphasis, "*a " * 30_000),
        ("*a* " * 30_000, strip_md_emphasis, "a " * 30_000),
        ("__a " * 20_000, strip_md_emphasis, "__a " * 20_000),
        ("[a " * 30_000, strip_md_links, "[a " * 30_000),
        ("[a](" * 20_000, strip_md_links, "[a](" * 20_000),
        ("<!--a " * 20_000, strip_html, "<!--a " * 20_000),
        ("<!--a-->" * 20_000, strip_html, " " * 20_000),
    ],
    ids=[
        "unclosed-emphasis",
        "closed-emphasis",
        "unclosed-bold",
        "unclosed-links",
        "unclosed-urls",
        "unclosed-comments",
        "comments",
    ],
)
def test_long_lines_of_openers_are_read_right(line: str, function: object, expected: str) -> None:
    assert function(line) == expected  # type: ignore[operator]
