"""The visible text of HTML read as a flat stream of tags and text: no tree, so no depth limit.

libxml2 (under lxml and trafilatura) stops building its tree 256 elements deep and silently drops what lies
deeper, so a page nested 5,000 ``<div>``s deep used to give "no readable text". Python's ``html.parser``
has no depth limit but takes quadratic time on unclosed comments. This scanner reads each character a
bounded number of times: text between tags is kept (entities decoded once), block elements and ``<br>``
become paragraph and line breaks, comments, declarations and the contents of script-like elements are
dropped. It is the fallback when the tree is too deep; for ordinary pages lxml's tree is used.
"""

from __future__ import annotations

import html
import re

PARAGRAPH_MARK, LINE_MARK = "\ue000", "\ue001"  # private-use characters, never in real text
BLOCK_TAGS = frozenset(
    ("p", "div", "article", "section", "main", "header", "footer", "aside", "address", "blockquote", "pre")
    + ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "hr")
    + ("figure", "figcaption", "body", "html")
)
# Elements whose content is never shown. script/style/... end only at their closing tag (raw text: an
# unclosed one hides the rest, as in a browser); the others are hidden only when they are closed.
RAW_TEXT_TAGS = frozenset(("script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe"))
HIDDEN_TAGS = frozenset(("head", "svg", "nav", "form", "select", "object"))

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)[^<>]*+>")  # possessive: no backtracking
_DECLARATION = re.compile(r"<[!?][^<>]*>")  # <!doctype html>, <?xml ...?>, <![CDATA[ (dropped)
_CLOSERS: dict[str, re.Pattern[str]] = {}


def visible_text(source: str) -> str:
    """The visible text of ``source``, with a blank line between blocks and a line break at ``<br>``."""
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()  # hidden elements with no closing tag after some point: none later either
    while (start := source.find("<", position)) != -1:
        parts.append(html.unescape(source[position:start]))
        position = start + 1
        if source.startswith("<!--", start):
            close = source.find("-->", start + 4)  # an unclosed comment hides the rest, as in a browser
            position = close + 3 if close != -1 else len(source)
        elif tag := _TAG.match(source, start):
            position = tag.end()
            name = tag.group(2).lower()
            if not tag.group(1) and (name in RAW_TEXT_TAGS or name in HIDDEN_TAGS):
                closing = None if name in unclosed else _closer(name).search(source, position)
                if closing is not None:
                    position = closing.end()
                elif name in RAW_TEXT_TAGS:
                    position = len(source)
                else:
                    unclosed.add(name)
            elif name in BLOCK_TAGS:
                parts.append(PARAGRAPH_MARK)
            elif name == "br":
                parts.append(LINE_MARK)
        elif declaration := _DECLARATION.match(source, start):
            position = declaration.end()
        else:
            parts.append("<")  # a "<" that starts no tag is text ("a < b")
    parts.append(html.unescape(source[position:]))
    return layout("".join(parts))


def _closer(name: str) -> re.Pattern[str]:
    if name not in _CLOSERS:
        _CLOSERS[name] = re.compile(rf"</{name}\s*>", re.I)
    return _CLOSERS[name]


def layout(marked: str) -> str:
    """Text with paragraph and line marks as plain text: whitespace collapsed (newlines in HTML source are
    spaces), then the marks turned into blank lines and line breaks, at most one blank line in a row."""
    text = " ".join(marked.split())
    text = text.replace(PARAGRAPH_MARK, "\n\n").replace(LINE_MARK, "\n")
    lines = (line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
