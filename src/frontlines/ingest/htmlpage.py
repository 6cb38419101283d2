"""HTML article pages: main text, title, outlet and canonical URL via trafilatura; the date from metadata.

trafilatura (through htmldate) would also guess a date from the URL, the visible text or file names. We do
not want guesses, so the publication date is read here from the page's metadata only: ``<meta>`` tags
(article:published_time, datePublished, DC.date.issued, ...), ``itemprop="datePublished"`` and JSON-LD.

A truncated page still gives whatever text it has: when trafilatura finds no main text, the visible text of
the body is used. A page with no text at all gives a "broken_html" problem.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from frontlines.ingest.build import Draft, Found, Kind
from frontlines.ingest.dates import parse_date
from frontlines.records import DateSource, IngestProblem

# <meta name|property|itemprop=...> keys that carry the publication date, lower-case.
DATE_META_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "originalpublicationdate",
    }
)
_BLOCK_TAGS = frozenset(
    ("p", "div", "article", "section", "main", "header", "footer", "aside", "address", "blockquote", "pre")
    + ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "hr")
    + ("figure", "figcaption")
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "svg", "nav", "form")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_PARAGRAPH_MARK, _LINE_MARK = "\ue000", "\ue001"  # private-use characters, never in real text


def read_html_page(text: str, source_uri: str, page_url: str | None = None) -> Iterator[Found]:
    """One Draft for an HTML page, or a "broken_html" problem when it holds no readable text."""
    tree = parse_html(text)
    extracted = _trafilatura(text, page_url)
    body = ""
    title = sitename = canonical = None
    if extracted is not None:
        body = "\n\n".join(line for line in (extracted.text or "").split("\n") if line.strip())
        title, sitename, canonical = extracted.title, extracted.sitename, extracted.url
    if not body.strip() and tree is not None:
        body = html_to_text(tree)
    if tree is not None and title is None:
        title = _first_text(tree, "//title") or _first_text(tree, "//h1")
    if not body.strip():
        yield IngestProblem(source_uri, Kind.BROKEN_HTML, "HTML page with no readable text (broken or empty)")
        return
    published = metadata_date(tree) if tree is not None else None
    yield Draft(
        source_uri=source_uri,
        fmt="html",
        body=body,
        title=title,
        outlet=sitename,
        url=canonical or page_url,
        published=published,
        published_source=DateSource.METADATA if published else None,
    )


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """An lxml tree of ``text``, or None when lxml cannot make one (empty or hopeless input)."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError):
        return None


def html_to_text(html: str | lxml.html.HtmlElement) -> str:
    """Visible text of an HTML page or fragment, a blank line between block elements."""
    if isinstance(html, str):
        if not html.strip():
            return ""
        try:
            tree = lxml.html.fragment_fromstring(_XML_DECLARATION.sub("", html, count=1), create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return ""
    else:
        tree = lxml.html.fromstring(lxml.html.tostring(html))  # a copy: we edit the tree below
    for element in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        element.drop_tree()
    # Newlines in HTML source are mere spaces: mark the real breaks first, collapse whitespace, then restore.
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = _LINE_MARK + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = _PARAGRAPH_MARK + (element.text or "")
            element.tail = _PARAGRAPH_MARK + (element.tail or "")
    text = " ".join(tree.text_content().split())
    text = text.replace(_PARAGRAPH_MARK, "\n\n").replace(_LINE_MARK, "\n")
    lines = (line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def metadata_date(tree: lxml.html.HtmlElement) -> dt.date | None:
    """The publication date declared in the page's metadata (meta tags, itemprop, JSON-LD), or None."""
    for element in tree.xpath("//meta[@content]|//*[@itemprop][@content or @datetime]"):
        keys = {(element.get(attr) or "").strip().lower() for attr in ("name", "property", "itemprop")}
        if keys & DATE_META_KEYS:
            found = parse_date(element.get("content") or element.get("datetime"))
            if found is not None:
                return found
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        found = parse_date(_json_ld_published(data))
        if found is not None:
            return found
    return None


def _json_ld_published(data: Any) -> str | None:
    """The first "datePublished" anywhere in a JSON-LD value."""
    if isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            return str(data["datePublished"])
        data = list(data.values())
    if isinstance(data, list):
        for value in data:
            if found := _json_ld_published(value):
                return found
    return None


def _trafilatura(text: str, page_url: str | None) -> Any:
    """trafilatura's extraction (a trafilatura Document), or None when it finds nothing or fails."""
    try:
        return trafilatura.bare_extraction(
            text,
            url=page_url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
            favor_recall=True,
        )
    except Exception:  # a third-party parser on hostile input: any failure means "no result"
        return None


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None
