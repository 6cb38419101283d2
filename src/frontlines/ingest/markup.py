"""Markup remnants removed in linear time: HTML tags and comments, Markdown links and emphasis.

These used to be regular expressions (``</?[A-Za-z][^<>]*>|<!--.*?-->``, ``!?\\[([^\\]]*)\\]\\([^)\\s]*\\)``,
``(\\*\\*|__|\\*|~~)(?=\\S)(.+?)(?<=\\S)\\1``) that take quadratic time on a long line of unclosed openers:
every ``<!--``, ``[`` or ``*`` tried again the whole rest of the line (80,000 characters took 20-40 s,
issue 8). The scanners here give exactly what those patterns gave under ``re.sub`` (the tests check it on
random input), but no character is read more than a few times: a closing mark is looked up in a sorted list
of candidates, and an opener whose closing is known to fail is never retried.
"""

from __future__ import annotations

import bisect
import html
import re

from frontlines.ingest.htmltext import visible_text

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # [^<>]* stops at the next < or >: attempts never overlap
_URL_STOP = re.compile(r"[)\s]")
_MARK_CHAR = re.compile(r"[*_~]")
_MARKERS = ("**", "__", "*", "~~")  # the order the old pattern's alternation tried them


def strip_html(text: str, replacement: str = " ") -> str:
    """``text`` with every HTML tag and comment replaced by ``replacement``."""
    if "<" not in text:
        return text
    out: list[str] = []
    copied = 0
    comments_can_close = True  # False once a "<!--" has no "-->" after it: none after it can close either
    start = text.find("<")
    while start != -1:
        end = None
        if tag := _TAG.match(text, start):
            end = tag.end()
        elif comments_can_close and text.startswith("<!--", start):
            close = text.find("-->", start + 4)
            if close == -1:
                comments_can_close = False
            else:
                end = close + 3
        if end is None:
            start = text.find("<", start + 1)
            continue
        out += (text[copied:start], replacement)
        copied = end
        start = text.find("<", end)
    out.append(text[copied:])
    return "".join(out)


def strip_md_links(text: str) -> str:
    """``[text](url)`` and ``![alt](url)`` replaced by their text."""
    if "[" not in text:
        return text
    out: list[str] = []
    copied = 0
    dead_until = -1  # a URL read from a position up to here ends at a space or the end: never a link
    opener = text.find("[")
    while opener != -1:
        close = text.find("]", opener + 1)
        if close == -1:
            break  # no "]" after this "[": no later "[" has one either
        url_start = close + 2
        end = None
        if text.startswith("(", close + 1) and url_start > dead_until:
            stop = _URL_STOP.search(text, url_start)
            if stop is None:
                break  # no ")" after here: no later link can close
            if text[stop.start()] == ")":
                end = stop.end()
            else:
                dead_until = stop.start()
        if end is None:
            # Every "[" before `close` has the same first "]" and so fails the same way.
            opener = text.find("[", close + 1)
            continue
        start = opener - 1 if opener > copied and text[opener - 1] == "!" else opener
        out += (text[copied:start], text[opener + 1 : close])
        copied = end
        opener = text.find("[", end)
    out.append(text[copied:])
    return "".join(out)


def strip_md_emphasis(text: str) -> str:
    """``**bold**``, ``__bold__``, ``*italic*`` and ``~~struck~~`` replaced by their text (one line at most)."""
    if _MARK_CHAR.search(text) is None:
        return text
    # Where each marker may close: right after a character that is not a space.
    closings = {
        marker: [m.start() for m in re.finditer(rf"(?<=\S)(?={re.escape(marker)})", text)]
        for marker in _MARKERS
    }
    newlines = [m.start() for m in re.finditer("\n", text)]
    out: list[str] = []
    copied = 0
    found = _MARK_CHAR.search(text)
    while found is not None:
        start = found.start()
        end = None
        for marker in _MARKERS:
            end = _emphasis_end(text, start, marker, closings[marker], newlines)
            if end is not None:
                out += (text[copied:start], text[start + len(marker) : end - len(marker)])
                copied = end
                break
        found = _MARK_CHAR.search(text, end if end is not None else start + 1)
    out.append(text[copied:])
    return "".join(out)


def _emphasis_end(text: str, start: int, marker: str, closings: list[int], newlines: list[int]) -> int | None:
    """End of the emphasis opened by ``marker`` at ``start``, or None: the first closing after at least one
    character, on the same line, where the text after the opener does not start with a space."""
    first = start + len(marker)
    if not text.startswith(marker, start) or first >= len(text) or text[first].isspace():
        return None
    index = bisect.bisect_left(closings, first + 1)
    if index == len(closings):
        return None
    closing = closings[index]
    line = bisect.bisect_left(newlines, first)
    if line < len(newlines) and newlines[line] < closing:
        return None
    return closing + len(marker)


def plain_field(value: str) -> str:
    """A one-line metadata field (title, outlet) as plain text: entities decoded, then markup removed
    (tags, and the contents of scripts and styles), so that it never holds anything tag-like.

    Entity-escaped markup (``&lt;b&gt;Outlet&lt;/b&gt;``, often from a site that escaped its own HTML)
    would otherwise become literal tags in every event's outlet. Decoding twice catches double escaping.
    """
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    if "<" in value:
        value = remove_tag_like(visible_text(value))
    return " ".join(value.split())


def remove_tag_like(text: str) -> str:
    """``text`` without anything from a ``<`` followed by a letter, ``/``, ``!`` or ``?`` up to the next
    ``>``: one left-to-right pass leaves nothing tag-like (a removal cannot join two halves into a tag)."""
    out: list[str] = []
    copied = 0
    start = text.find("<")
    while start != -1:
        if start + 1 < len(text) and (text[start + 1].isalpha() or text[start + 1] in "/!?"):
            end = text.find(">", start)
            if end == -1:
                break  # no ">" after here: nothing after here is tag-like
            out += (text[copied:start], " ")
            copied = end + 1
            start = text.find("<", copied)
        else:
            start = text.find("<", start + 1)
    out.append(text[copied:])
    return "".join(out)
