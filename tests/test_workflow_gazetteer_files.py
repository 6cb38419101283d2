"""Gazetteer files named in the settings are read at every extract, in each supported format."""

from __future__ import annotations

from pathlib import Path

from frontlines.settings import Settings
from frontlines.workflow import settings_places

HEADER = (
    "id,name_en,name_ar,alt_names,kind,admin1_pcode,admin1_name,admin2_pcode,admin2_name,admin3_pcode,"
    "admin3_name,lat,lon,coord_source,source\n"
)


def test_package_format_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        HEADER + "user:wajed,al-Wajed,,al-Wajid,community,SY02,Aleppo,,,,,35.86,37.21,user,analyst\n"
    )
    places = settings_places(Settings(gazetteer_files=(str(path),)))
    assert [(p.id, p.name, p.admin1, p.lat) for p in places] == [("user:wajed", "al-Wajed", "Aleppo", 35.86)]


def test_no_files_no_places() -> None:
    assert settings_places(Settings()) == []
