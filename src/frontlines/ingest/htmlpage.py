"""HTML article pages: main text, title, outlet and canonical URL via trafilatura; the date from metadata.

trafilatura (through htmldate) would also guess a date from the URL, the visible text or file names. We do
not want guesses, so the publication date is read here from the page's metadata only: ``<meta>`` tags
(article:published_time, datePublished, DC.date.issued, ...), ``itemprop="datePublished"`` and JSON-LD.

A truncated page still gives whatever text it has: when trafilatura finds no main text, the visible text of
the body is used. A page with no text at all gives a "broken_html" problem.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.xml import xmltotxt

from frontlines.ingest.build import Draft, Found, Kind
from frontlines.ingest.dates import parse_date
from frontlines.ingest.htmltext import BLOCK_TAGS, LINE_MARK, PARAGRAPH_MARK, layout, visible_text
from frontlines.ingest.normalise import CONTROLS
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
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "svg", "nav", "form")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML (so lxml) refuses in text: control characters (removed), vertical tab and form feed
# (spaces), the non-characters U+FFFE and U+FFFF (removed).
_NOT_XML = frozenset(CONTROLS | {"\ufffe", "\uffff"})
_NO_CONTROLS = {**dict.fromkeys(map(ord, _NOT_XML), None), 0x0B: " ", 0x0C: " "}


def read_html_page(text: str, source_uri: str, page_url: str | None = None) -> Iterator[Found]:
    """One Draft for an HTML page, or a "broken_html" problem when it holds no readable text.

    A page nested deeper than libxml2 builds trees (256 elements) loses its deep text in every tree, so its
    body is then the visible text read without a tree (htmltext.py), boilerplate included. Control characters
    are removed first (lxml keeps them in its tree but refuses them in any text set on it).
    """
    controls = sum(char in _NOT_XML for char in text)
    text = text.translate(_NO_CONTROLS)
    tree, too_deep = parse_html(text)
    extracted = None if too_deep else _trafilatura(text, page_url)
    body = ""
    title = sitename = canonical = None
    if extracted is not None:
        body = "\n\n".join(line for line in _body_text(extracted).split("\n") if line.strip())
        title, sitename, canonical = extracted.title, extracted.sitename, extracted.url
    if tree is not None:  # trafilatura title-cases a site name that does not start with a capital
        sitename = _meta_content(tree, "og:site_name") or sitename
    if not body.strip() and too_deep:
        body = visible_text(text)
    elif not body.strip() and tree is not None:
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
        warnings=((Kind.CONTROL_CHARACTERS, f"removed {controls} control characters from the page"),)
        if controls
        else (),
    )


def parse_html(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """An lxml tree of ``text`` (None when lxml cannot make one: empty or hopeless input), and whether the
    page nests deeper than the tree could hold (its deeper text is then missing from the tree)."""
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    return tree, _too_deep(parser)


def _too_deep(parser: lxml.etree.HTMLParser) -> bool:
    return any(
        error.type_name == "ERR_RESOURCE_LIMIT" or "depth" in error.message for error in parser.error_log
    )


def html_to_text(html: str | lxml.html.HtmlElement) -> str:
    """Visible text of an HTML page or fragment, a blank line between block elements."""
    if isinstance(html, str):
        html = html.translate(_NO_CONTROLS)
        if not html.strip():
            return ""
        parser = lxml.html.HTMLParser()
        try:
            tree = lxml.html.fragment_fromstring(
                _XML_DECLARATION.sub("", html, count=1), create_parent="div", parser=parser
            )
        except (lxml.etree.ParserError, ValueError):
            return ""
        if _too_deep(parser):
            return visible_text(html)
    else:
        tree = lxml.html.fromstring(lxml.html.tostring(html))  # a copy: we edit the tree below
    for element in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        element.drop_tree()
    # Newlines in HTML source are mere spaces: mark the real breaks first, collapse whitespace, then restore.
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = LINE_MARK + (element.tail or "")
        elif element.tag in BLOCK_TAGS:
            element.text = PARAGRAPH_MARK + (element.text or "")
            element.tail = PARAGRAPH_MARK + (element.tail or "")
    return layout(tree.text_content())


def _body_text(extracted: Any) -> str:
    """The main text trafilatura found, from its tree.

    trafilatura's own ``text`` is HTML-unescaped once more than the page: ``&amp;lt;b&amp;gt;`` (shown as
    "&lt;b&gt;") would become "<b>", a tag the reader never saw. Escaping "&" in a copy of the tree before
    trafilatura's text conversion undoes that extra step, so the text is exactly what the page shows.
    """
    body = getattr(extracted, "body", None)
    if body is None:
        return str(extracted.text or "")
    body = copy.deepcopy(body)
    for element in body.iter():
        if element.text:
            element.text = element.text.replace("&", "&amp;")
        if element.tail:
            element.tail = element.tail.replace("&", "&amp;")
    return str(xmltotxt(body, False) or "")


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


def _meta_content(tree: lxml.html.HtmlElement, key: str) -> str | None:
    for element in tree.xpath("//meta[@content]"):
        if key in (
            (element.get("property") or "").strip().lower(),
            (element.get("name") or "").strip().lower(),
        ):
            content = (element.get("content") or "").strip()
            if content:
                return str(content)
    return None


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None
