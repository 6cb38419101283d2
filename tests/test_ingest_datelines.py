"""Publication dates stated in a report's first lines: wire datelines and "Published:" lines (issue 9, item 6).

They are used only when the input gives no date of its own, and the document then says where its date came
from (``DateSource.TEXT``). A day and month without a year are no date. All texts are invented for the tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from frontlines.ingest import IngestOptions, ingest
from frontlines.ingest.datelines import date_in_text
from frontlines.records import DateSource, Document

BODY = "Government troops captured the village of Kafr Halab after clashes with militants."


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("DAMASCUS, Syria, March 3, 2016 (Reuters) -", dt.date(2016, 3, 3)),
        ("ALEPPO, 12 May 2016 (SANA) –", dt.date(2016, 5, 12)),
        ("RAS AL-AIN, Syria, Oct. 14, 2019 (Kurdistan 24) —", dt.date(2019, 10, 14)),
        ("BEIRUT, Lebanon, September 1st 2013 (AP) --", dt.date(2013, 9, 1)),
        ("HOMS, 2 Feb. 2012 -", dt.date(2012, 2, 2)),
        ("DEIR EZ-ZOR 30 SEPT 2017 (AFP) –", dt.date(2017, 9, 30)),
        ("Aleppo, 12 May 2016 –", dt.date(2016, 5, 12)),  # a place in title case, followed by a comma
        ("- BEIRUT, March 3, 2016 (AFP) -", dt.date(2016, 3, 3)),  # a list mark before it
        # no year, and nothing else gives one: a day and a month are not a date
        ("BEIRUT, Jan 5 (AFP) —", None),
        # not datelines
        ("Aleppo March 3, 2016 - the army", None),  # title case without a comma
        ("On March 3, 2016 - the army", None),
        ("DAMASCUS, June 31, 2016 (SANA) -", None),  # no such day
        ("DAMASCUS (SANA) - On March 3, 2016", None),  # the date is in the sentence, not the dateline
        ("DAMASCUS, March 3, 2016 (SANA) the army", None),  # no dash
    ],
)
def test_wire_datelines(opening: str, expected: dt.date | None) -> None:
    assert date_in_text(f"Army takes Kafr Halab\n\n{opening} {BODY}") == expected


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (["January 2017"], dt.date(2017, 1, 5)),
        (["2017"], dt.date(2017, 1, 5)),
        (["2017-01"], dt.date(2017, 1, 5)),
        (["March 2017"], None),  # names another month: the hint is about something else
        (["2016 or 2017"], None),  # two years
        ([None, 2017], None),  # not text
    ],
)
def test_a_dateline_without_a_year_takes_it_from_a_partial_date(
    hints: list[object], expected: dt.date | None
) -> None:
    assert date_in_text(f"BEIRUT, Jan 5 (AFP) — {BODY}", hints) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 3 March 2016", dt.date(2016, 3, 3)),
        ("Date: 2016-03-03", dt.date(2016, 3, 3)),
        ("Posted on: March 3, 2016 10:52 EDT", dt.date(2016, 3, 3)),
        ("DATED: 03 Mar 2016", dt.date(2016, 3, 3)),
        ("Published: March 2016", None),  # partial
    ],
)
def test_date_lines(line: str, expected: dt.date | None) -> None:
    assert date_in_text(f"Army takes Kafr Halab\n{line}\n\n{BODY}") == expected


def test_a_partial_date_line_lends_its_year_to_the_dateline() -> None:
    assert date_in_text(
        f"Army takes Kafr Halab\nPublished: March 2016\n\nBEIRUT, March 3 (AFP) - {BODY}"
    ) == dt.date(2016, 3, 3)


def test_only_the_first_lines_are_read() -> None:
    text = "\n\n".join(["Army takes Kafr Halab", *[BODY] * 10, f"ALEPPO, 12 May 2016 (SANA) – {BODY}"])
    assert date_in_text(text) is None


# ------------------------------------------------------------------------------------- through ingest


def ingested(path: Path) -> Document:
    [doc] = [item for item in ingest([str(path)], IngestOptions()) if isinstance(item, Document)]
    return doc


def test_a_plain_text_report_dated_by_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(f"Army takes Kafr Halab\n\nALEPPO, 12 May 2016 (SANA) – {BODY}\n")
    doc = ingested(path)
    assert (doc.published, doc.published_source) == (dt.date(2016, 5, 12), DateSource.TEXT)
    assert doc.text.startswith("Army takes Kafr Halab\n\nALEPPO, 12 May 2016 (SANA) –")  # the dateline stays


def test_a_published_line_wins_over_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(f"Army takes Kafr Halab\nPublished: 13 May 2016\n\nALEPPO, 12 May 2016 (SANA) – {BODY}\n")
    assert ingested(path).published == dt.date(2016, 5, 13)


def test_a_feed_entry_without_a_date_is_dated_by_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Levant Wire</title><item><title>Army takes Kafr Halab</title>"
        f"<description>BEIRUT, Syria, March 3, 2016 (Reuters) - {BODY}</description></item></channel></rss>"
    )
    doc = ingested(path)
    assert (doc.published, doc.published_source) == (dt.date(2016, 3, 3), DateSource.TEXT)


def test_a_record_without_a_year_takes_it_from_its_partial_published_field(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"published": "March 2016", "text": f"BEIRUT, March 3 (AFP) - {BODY}"}) + "\n")
    doc = ingested(path)
    assert (doc.published, doc.published_source) == (dt.date(2016, 3, 3), DateSource.TEXT)
    assert doc.meta == {"published": "March 2016"}


def test_a_date_the_input_gives_wins_over_the_text(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        json.dumps({"published": "2016-03-04", "text": f"BEIRUT, March 3, 2016 (AFP) - {BODY}"}) + "\n"
    )
    doc = ingested(path)
    assert (doc.published, doc.published_source) == (dt.date(2016, 3, 4), DateSource.FIELD)


def test_an_html_page_without_date_metadata_is_dated_by_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Army takes Kafr Halab</title></head><body><article><h1>Army takes Kafr Halab</h1>"
        f"<p>DAMASCUS, March 3, 2016 (SANA) – {BODY}</p><p>{BODY}</p></article></body></html>"
    )
    doc = ingested(path)
    assert (doc.published, doc.published_source) == (dt.date(2016, 3, 3), DateSource.TEXT)
