"""The bundled demo corpus (demo/) and its gold annotations are well-formed.

The demo corpus is what the Quick start runs the pipeline on and what accuracy floors are pinned against, so
these tests guard its integrity: every gold line points at a real report, every evidence string is verbatim in
that report's text, every place id exists in the gazetteer, every sub-event type is ACLED's, and every hard
case listed in demo/README.md points at a file that exists.

The text of a report is read here with the standard library only (no frontlines code), so a bug in ingest
can never make these tests pass or fail: HTML is reduced to its text nodes, feeds to one item's title and
body, JSONL to one record's `text`. Whitespace is collapsed before comparing.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo"
CORPUS = DEMO / "corpus"
GOLD = DEMO / "gold" / "demo.jsonl"
README = DEMO / "README.md"
GAZETTEER_CANDIDATES = [
    REPO / "src" / "frontlines" / "resolve" / "data" / "gazetteer" / "syria-places.csv",
    Path("/work/shared/gazetteer/syria-places.csv"),
]

ACLED_TYPES: dict[str, set[str]] = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
SUB_TO_TYPE = {sub: event_type for event_type, subs in ACLED_TYPES.items() for sub in subs}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_RE = re.compile(rf"^(D|D-\d+|({'|'.join(WEEKDAYS)})<=D|\d{{4}}-\d{{2}}-\d{{2}})$")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# The ACLED sub-event kinds the demo corpus promises to exercise at least once (demo/README.md).
PROMISED_SUB_EVENTS = [
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Shelling/artillery/missile attack",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Attack",
    "Abduction/forced disappearance",
    "Arrests",
    "Peaceful protest",
    "Protest with intervention",
    "Disrupted weapons use",
    "Looting/property destruction",
    "Agreement",
    "Non-violent transfer of territory",
]


# ------------------------------------------------------------------------------------------ reading reports


class _TextCollector(HTMLParser):
    """Collects the text nodes of an HTML page, skipping <script>, <style> and <head> metadata."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "\n".join(collector.parts)


def squash(text: str) -> str:
    return " ".join(text.split())


def _feed_entries(path: Path) -> dict[str, str]:
    """Item link -> the item's text (title, summary/description and full content), for RSS 2.0 and Atom."""
    root = ET.parse(path).getroot()
    entries: dict[str, str] = {}
    if root.tag == "rss":
        for item in root.iter("item"):
            link = (item.findtext("link") or "").strip()
            parts = [item.findtext("title") or "", item.findtext("description") or ""]
            parts.append(item.findtext(CONTENT_ENCODED) or "")
            entries[link] = "\n".join(html_text(p) for p in parts)
    else:
        for entry in root.iter(f"{ATOM}entry"):
            link_el = entry.find(f"{ATOM}link[@rel='alternate']")
            link = link_el.get("href", "") if link_el is not None else ""
            parts = [entry.findtext(f"{ATOM}{name}") or "" for name in ("title", "summary", "content")]
            entries[link] = "\n".join(html_text(p) for p in parts)
    return entries


def _jsonl_records(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return {str(r["id"]): r for r in records}


@cache
def document_text(doc: str) -> str:
    """The text of the report a gold `doc` names (relative to demo/; `file#item` for feeds and JSONL)."""
    file_part, _, fragment = doc.partition("#")
    path = DEMO / file_part
    if path.suffix == ".jsonl":
        return str(_jsonl_records(path)[fragment]["text"])
    if path.suffix == ".xml":
        return _feed_entries(path)[fragment]
    raw = path.read_text(encoding="utf-8")
    return html_text(raw) if path.suffix == ".html" else raw


def doc_exists(doc: str) -> bool:
    file_part, _, fragment = doc.partition("#")
    path = DEMO / file_part
    if not path.is_file():
        return False
    if not fragment:
        return True
    if path.suffix == ".jsonl":
        return fragment in _jsonl_records(path)
    if path.suffix == ".xml":
        return fragment in _feed_entries(path)
    return False


def all_reports() -> Iterator[tuple[str, str]]:
    """(kind, doc reference) for every report of the corpus: one per text/HTML file, feed item, JSONL line."""
    for path in sorted((CORPUS / "text").glob("*.txt")):
        yield "text", str(path.relative_to(DEMO))
    for path in sorted((CORPUS / "html").glob("*.html")):
        yield "html", str(path.relative_to(DEMO))
    for path in sorted((CORPUS / "feeds").glob("*.xml")):
        for link in _feed_entries(path):
            yield "feed", f"{path.relative_to(DEMO)}#{link}"
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        for record_id in _jsonl_records(path):
            yield "jsonl", f"{path.relative_to(DEMO)}#{record_id}"


# ---------------------------------------------------------------------------------------- gold and gazetteer


def gold_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


GOLD_LINES = gold_lines()
GOLD_IDS = [line["doc"] for line in GOLD_LINES]
EVENTS = [(line["doc"], i, event) for line in GOLD_LINES for i, event in enumerate(line["events"])]
EVENT_IDS = [f"{doc}:{i}:{event['location']}" for doc, i, event in EVENTS]
NOT_EVENTS = [(line["doc"], ne) for line in GOLD_LINES for ne in line["not_events"]]


@cache
def gazetteer() -> dict[str, dict[str, str]]:
    for candidate in GAZETTEER_CANDIDATES:
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as handle:
                return {row["id"]: row for row in csv.DictReader(handle)}
    pytest.skip("no gazetteer file available")


# ------------------------------------------------------------------------------------------ gold line shape


def test_gold_has_one_line_per_document() -> None:
    assert len(GOLD_IDS) == len(set(GOLD_IDS))


@pytest.mark.parametrize("line", GOLD_LINES, ids=GOLD_IDS)
def test_gold_line_names_an_existing_report(line: dict[str, Any]) -> None:
    assert set(line) == {"doc", "outlet", "published", "events", "not_events"}
    assert doc_exists(line["doc"]), line["doc"]
    assert line["events"] or line["not_events"]


@pytest.mark.parametrize(("doc", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_event_fields_follow_the_gold_format(doc: str, index: int, event: dict[str, Any]) -> None:
    assert isinstance(event["required"], bool)
    for field in ("actor1", "actor2", "location_alt", "claimed_by", "place_ids", "sub_event_type_alt"):
        assert isinstance(event[field], list) and all(isinstance(x, str) for x in event[field]), field
    assert event["location"] and event["admin1"]
    assert event["geo_precision"] in (1, 2, 3)
    assert event["fatalities"] is None or (isinstance(event["fatalities"], int) and event["fatalities"] >= 0)
    assert event["claimed_by"], "every claim has at least its outlet or source"


@pytest.mark.parametrize(("doc", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_sub_event_types_are_acled(doc: str, index: int, event: dict[str, Any]) -> None:
    assert SUB_TO_TYPE.get(event["sub_event_type"]) == event["event_type"]
    for alt in event["sub_event_type_alt"]:
        assert alt in SUB_TO_TYPE and alt != event["sub_event_type"]


@pytest.mark.parametrize(("doc", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_dates_use_the_gold_notation(doc: str, index: int, event: dict[str, Any]) -> None:
    assert DATE_RE.match(event["date"]), event["date"]
    published = next(line["published"] for line in GOLD_LINES if line["doc"] == doc)
    if re.match(r"^\d{4}-", event["date"]) and published:
        assert dt.date.fromisoformat(event["date"]) <= dt.date.fromisoformat(published)


@pytest.mark.parametrize(("doc", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_event_evidence_is_verbatim_in_its_report(doc: str, index: int, event: dict[str, Any]) -> None:
    assert squash(event["evidence"]) in squash(document_text(doc))


NOT_EVENT_IDS = [f"{doc}:{not_event['text'][:30]}" for doc, not_event in NOT_EVENTS]


@pytest.mark.parametrize(("doc", "not_event"), NOT_EVENTS, ids=NOT_EVENT_IDS)
def test_not_event_text_is_verbatim_in_its_report(doc: str, not_event: dict[str, str]) -> None:
    assert set(not_event) == {"text", "why"} and not_event["why"]
    assert squash(not_event["text"]) in squash(document_text(doc))


@pytest.mark.parametrize(("doc", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_place_ids_exist_in_the_gazetteer_and_agree_on_admin1(
    doc: str, index: int, event: dict[str, Any]
) -> None:
    places = gazetteer()
    for place_id in event["place_ids"]:
        assert place_id in places, place_id
        assert places[place_id]["admin1_name"] == event["admin1"], place_id


# ------------------------------------------------------------------------------------------ corpus shape


def test_corpus_has_enough_reports_in_every_format() -> None:
    kinds = [kind for kind, _ in all_reports()]
    assert len(kinds) >= 24
    assert kinds.count("text") >= 10
    assert kinds.count("html") >= 5
    assert kinds.count("feed") >= 4
    assert kinds.count("jsonl") >= 4


def test_every_promised_acled_sub_event_kind_is_coded_at_least_once() -> None:
    coded = {event["sub_event_type"] for _, _, event in EVENTS if event["required"]}
    assert [kind for kind in PROMISED_SUB_EVENTS if kind not in coded] == []


PLAIN_REPORTS = [(kind, doc) for kind, doc in all_reports() if kind in ("text", "feed", "jsonl")]


@pytest.mark.parametrize(("kind", "doc"), PLAIN_REPORTS)
def test_report_bodies_are_short_news_reports(kind: str, doc: str) -> None:
    words = len(document_text(doc).split())
    assert 80 <= words <= 330, words  # 80-300 words of body, plus a title and metadata lines


def test_rss_feed_mixes_full_text_and_summary_only_items() -> None:
    rss = [p for p in (CORPUS / "feeds").glob("*.xml") if ET.parse(p).getroot().tag == "rss"]
    assert rss
    items = [item for path in rss for item in ET.parse(path).getroot().iter("item")]
    with_content = [item for item in items if item.find(CONTENT_ENCODED) is not None]
    assert len(items) >= 4 and 0 < len(with_content) < len(items)


def test_jsonl_records_have_the_documented_fields_and_an_unknown_one() -> None:
    documented = {"id", "text", "title", "url", "published", "outlet"}
    for path in (CORPUS / "jsonl").glob("*.jsonl"):
        for record in _jsonl_records(path).values():
            assert documented <= set(record)
            assert set(record) - documented, "an extra field that ingest must keep"


def _html_pages() -> list[Path]:
    return sorted((CORPUS / "html").glob("*.html"))


def test_exactly_one_html_page_is_deliberately_broken() -> None:
    broken = [p for p in _html_pages() if not p.read_text(encoding="utf-8").rstrip().endswith("</html>")]
    assert len(broken) == 1
    assert len(html_text(broken[0].read_text(encoding="utf-8")).split()) >= 60, "its body must stay readable"


@pytest.mark.parametrize("page", _html_pages(), ids=lambda p: p.name)
def test_html_pages_carry_article_metadata(page: Path) -> None:
    markup = page.read_text(encoding="utf-8")
    needles = ('property="og:site_name"', 'property="article:published_time"', 'rel="canonical"', "<article")
    for needle in needles:
        assert needle in markup, needle


def test_some_html_page_has_a_photo_caption() -> None:
    assert any("<figcaption>" in page.read_text(encoding="utf-8") for page in _html_pages())


def _published_in_report(doc: str) -> str | None:
    """The publication date a report's own metadata gives (what ingest should read), as YYYY-MM-DD."""
    file_part, _, fragment = doc.partition("#")
    path = DEMO / file_part
    if path.suffix == ".jsonl":
        return str(_jsonl_records(path)[fragment]["published"])[:10]
    if path.suffix == ".xml":
        root = ET.parse(path).getroot()
        if root.tag == "rss":
            item = next(i for i in root.iter("item") if (i.findtext("link") or "").strip() == fragment)
            pub = dt.datetime.strptime(item.findtext("pubDate") or "", "%a, %d %b %Y %H:%M:%S %z")
            return pub.date().isoformat()
        for entry in root.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            if link is not None and link.get("href") == fragment:
                return (entry.findtext(f"{ATOM}published") or "")[:10]
        return None
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        found = re.search(r'property="article:published_time" content="(\d{4}-\d{2}-\d{2})', raw)
    else:
        found = re.search(r"^Published: (\d{4}-\d{2}-\d{2})$", raw, re.M)
    return found.group(1) if found else None


@pytest.mark.parametrize("line", GOLD_LINES, ids=GOLD_IDS)
def test_gold_publication_date_matches_the_report(line: dict[str, Any]) -> None:
    assert line["published"] == _published_in_report(line["doc"])


def test_some_text_reports_have_a_source_line_a_published_line_or_neither() -> None:
    texts = [p.read_text(encoding="utf-8") for p in (CORPUS / "text").glob("*.txt")]
    assert any(re.search(r"^Source: \[[^\]]+\]\([^)]+\)", t, re.M) for t in texts)
    assert any(re.search(r"^Published: ", t, re.M) for t in texts)
    assert any(not re.search(r"^(Source|Published): ", t, re.M) for t in texts)


def test_publishing_outlets_are_fictional_and_urls_use_example_domains() -> None:
    urls: list[str] = []
    for path in CORPUS.rglob("*"):
        if path.is_file():
            urls += re.findall(r"https?://([^/\s\"'<>)]+)", html.unescape(path.read_text(encoding="utf-8")))
    allowed = ("example.org", "example.com", "schema.org", "purl.org", "www.w3.org")
    assert urls and [host for host in urls if not host.endswith(allowed)] == []


def test_the_whitespace_twin_normalises_to_its_original() -> None:
    original = (CORPUS / "text" / "06-azaz-car-bomb.txt").read_bytes()
    twin = (CORPUS / "text" / "09-azaz-car-bomb-reformatted.txt").read_bytes()
    assert original != twin
    assert squash(original.decode("utf-8")) == squash(twin.decode("utf-8"))
    assert "corpus/text/09-azaz-car-bomb-reformatted.txt" not in GOLD_IDS, "a duplicate is scored once"


def test_the_non_english_report_has_no_gold_line() -> None:
    assert (CORPUS / "text" / "08-hama-morek-fr.txt").is_file()
    assert "corpus/text/08-hama-morek-fr.txt" not in GOLD_IDS


# ------------------------------------------------------------------------------------------ README hard cases


def _hard_case_rows() -> list[tuple[str, list[str]]]:
    """Rows of the table under '## Hard cases' in demo/README.md: (case, [doc references in backticks])."""
    section = README.read_text(encoding="utf-8").split("## Hard cases", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        is_row = len(cells) >= 2 and line.lstrip().startswith("|")
        if is_row and not set(cells[0]) <= set("-: ") and cells[0].lower() != "hard case":
            rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1])))
    return rows


def test_readme_lists_the_hard_cases() -> None:
    rows = _hard_case_rows()
    assert len(rows) >= 30
    assert all(refs for _, refs in rows), [case for case, refs in rows if not refs]


HARD_CASES = _hard_case_rows() if README.is_file() else []


@pytest.mark.parametrize(("case", "refs"), HARD_CASES, ids=[case[:40] for case, _ in HARD_CASES])
def test_every_hard_case_points_at_an_existing_report(case: str, refs: list[str]) -> None:
    for ref in refs:
        assert doc_exists(ref), f"{case}: {ref}"
