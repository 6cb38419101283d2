"""Ingest and bad input: every bad file, line, row or entry gives a clear IngestProblem, and the rest goes on.

All report texts here are invented for the tests.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from frontlines.ingest import IngestOptions, ingest
from frontlines.records import Document, IngestProblem

REPORT = (
    "Army advances near Tadif\n\nGovernment troops captured the hill of Tal Sheikh near the village of "
    "Kafr Halab on Sunday after heavy clashes with militants, a field commander said."
)


def run(*paths: Path, **options: object) -> list[Document | IngestProblem]:
    return list(ingest([str(path) for path in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def only_problem(items: list[Document | IngestProblem]) -> IngestProblem:
    assert len(items) == 1, items
    [problem] = items
    assert isinstance(problem, IngestProblem)
    return problem


@pytest.mark.parametrize(
    ("name", "content", "kind", "reason_part"),
    [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            "binary",
            "binary file (PNG image), not a text report",
        ),
        ("photo.txt", b"\xff\xd8\xff\xe0" + bytes(200), "binary", "binary file (JPEG image)"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary", "binary file (PDF document)"),
        ("report.docx", b"PK\x03\x04" + bytes(100), "binary", "ZIP archive"),
        ("dump.txt", b"Army\x00advances\x00" * 20, "binary", "NUL bytes"),
        ("empty.txt", b"", "empty", "empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "empty", "only whitespace"),
        ("blank.jsonl", b"\n\n  \n", "empty", "only whitespace"),
        ("junk.txt", bytes(range(128, 256)) * 4, "decode", "undecodable bytes"),
        (
            "cut.html",
            b"<html><head><script>var a = 1;</script></head><body></body></html>",
            "broken_html",
            "",
        ),
        (
            "nofeed.xml",
            b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
            "malformed_feed",
            "",
        ),
        (
            "header.csv",
            b"id,title,body\n1,Army advances,Troops captured a hill.\n",
            "malformed_csv",
            "'text'",
        ),
    ],
)
def test_bad_file_gives_one_clear_problem(
    tmp_path: Path, name: str, content: bytes, kind: str, reason_part: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problem = only_problem(run(path))
    assert (problem.source_uri, problem.kind, problem.fatal) == (str(path), kind, True)
    assert reason_part in problem.reason
    assert problem.reason[0].isalpha()  # a sentence for people, not a traceback


def test_file_over_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(REPORT * 10, encoding="utf-8")
    problem = only_problem(run(path, max_bytes=100))
    assert problem.kind == "too_large"
    assert "limit is 100 bytes" in problem.reason


def test_jsonl_corpus_is_streamed_so_max_bytes_applies_per_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    short = json.dumps({"text": "Troops captured a hill near Tadif on Sunday."})
    path.write_text(short + "\n" + json.dumps({"text": REPORT * 5}) + "\n", encoding="utf-8")
    items = run(path, max_bytes=200)
    assert isinstance(items[0], Document) and items[0].source_uri == f"{path}#L1"
    assert isinstance(items[1], IngestProblem) and (items[1].kind, items[1].source_uri) == (
        "too_large",
        f"{path}#L2",
    )


def test_missing_path(tmp_path: Path) -> None:
    problem = only_problem(run(tmp_path / "nowhere.txt"))
    assert (problem.kind, problem.reason) == ("not_found", "no such file, folder or URL")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file_by_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    try:
        problem = only_problem(run(path))
    finally:
        path.chmod(0o644)
    assert problem.kind == "unreadable" and "permission denied" in problem.reason


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too: opening the file is made to fail the way a permission error does.
    path = tmp_path / "secret.txt"
    path.write_text(REPORT, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    problem = only_problem(run(path))
    assert (problem.kind, problem.source_uri) == ("unreadable", str(path))
    assert "permission denied" in problem.reason


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    items = run(tmp_path / "missing.txt", tmp_path)
    assert [(type(item).__name__, getattr(item, "kind", None)) for item in items] == [
        ("IngestProblem", "not_found"),
        ("IngestProblem", "binary"),
        ("Document", None),
        ("IngestProblem", "empty"),
    ]


# -------------------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoded", "warns"),
    [
        (codecs.BOM_UTF8 + REPORT.replace("Tadif", "Tadif – Ḥalab").encode("utf-8"), False),
        (REPORT.replace("Tadif", "Tadif – Ḥalab").encode("utf-16"), False),  # with BOM
        (REPORT.replace("Tadif", "Tadif – café").encode("cp1252"), True),  # guessed: a non-fatal warning
    ],
)
def test_encodings(tmp_path: Path, encoded: bytes, warns: bool) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(encoded)
    items = run(path)
    docs = [item for item in items if isinstance(item, Document)]
    warnings = [item for item in items if isinstance(item, IngestProblem)]
    [doc] = docs
    assert doc.title is not None and doc.title.startswith("Army advances near Tadif –")
    assert not doc.text.startswith("\ufeff")
    assert [(w.kind, w.fatal) for w in warnings] == ([("decode", False)] if warns else [])


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='windows-1251'></head>"
        "<body><p>Армия освободила деревню Тадиф после боев.</p></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    doc, warning = run(path)
    assert isinstance(doc, Document) and "Армия освободила деревню" in doc.text
    assert isinstance(warning, IngestProblem) and warning.kind == "language"  # not a decode warning


# ---------------------------------------------------------------------------------------- parts of documents


def test_jsonl_bad_lines_each_give_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "ok", "text": "Troops captured a hill near Tadif – Ḥalab."}, ensure_ascii=False)
    lines = [
        good,
        "{not json}",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "  "}),
        '"a string"',
        good,
    ]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + b'{"text": "caf\xe9"}\n')
    items = run(path)
    assert [(getattr(item, "kind", "document"), item.source_uri) for item in items] == [
        ("document", f"{path}#L1"),
        ("malformed_json", f"{path}#L2"),
        ("no_text", f"{path}#L3"),
        ("no_text", f"{path}#L4"),
        ("malformed_json", f"{path}#L5"),
        ("document", f"{path}#L6"),
        ("document", f"{path}#L7"),  # a Latin-1 line is decoded on its own, with a warning
        ("decode", f"{path}#L7"),
    ]
    assert [item.fatal for item in items if isinstance(item, IngestProblem)][-1] is False


def test_csv_bad_rows_each_give_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text(
        "id,text\n"
        "1,Troops captured a hill near Tadif on Sunday.\n"
        "2,Troops captured,a hill\n"  # one cell too many
        "3,\n"  # no text
        '4,"Shelling hit the village "of" Kafr Halab."\n'  # bad quoting
        "5,Militants shelled the village of Kafr Halab.\n",
        encoding="utf-8",
    )
    items = run(path)
    assert [(getattr(item, "kind", "document"), item.source_uri) for item in items] == [
        ("document", f"{path}#R1"),
        ("malformed_csv", f"{path}#R2"),
        ("no_text", f"{path}#R3"),
        ("malformed_csv", f"{path}#R4"),
        ("document", f"{path}#R5"),
    ]


def test_html_page_with_only_an_image_and_a_script(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><img src='map.png'><script>track()</script></body></html>")
    problem = only_problem(run(path))
    assert problem.kind == "broken_html" and "no readable text" in problem.reason


def test_csv_in_a_legacy_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    path.write_bytes("id,text\n1,Troops captured a hill near Tadif – café owners fled.\n".encode("cp1252"))
    warning, doc = run(path)
    assert isinstance(warning, IngestProblem) and (warning.kind, warning.fatal) == ("decode", False)
    assert isinstance(doc, Document) and doc.text == "Troops captured a hill near Tadif – café owners fled."
