"""Place commands: `places unresolved`, `places add`, `gazetteer load`. User places live in the database
and win over the packaged gazetteer in every later run; the store checks each against the output contract
(`frontlines.contract.check_place`) and refuses them all, writing nothing, when one is bad (exit 2)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli import FormatOption, app, fail, notice, open_store
from frontlines.cli.output import Format, emit
from frontlines.contract import ContractError
from frontlines.records import to_dict
from frontlines.resolve.gazetteer import Place

places_app = typer.Typer(
    help="Place names: what failed to resolve, and fixing it.\n\nExample: frontlines places unresolved",
    no_args_is_help=True,
    rich_markup_mode=None,
)
gazetteer_app = typer.Typer(
    help="Load gazetteers users have (GeoNames, OCHA P-codes).\n\n"
    "Example: frontlines gazetteer load SY.txt --format geonames",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(places_app, name="places")
app.add_typer(gazetteer_app, name="gazetteer")


class GazetteerFormat(enum.StrEnum):
    geonames = "geonames"
    ocha = "ocha"


def _store_places(places: list[Place], origin: str) -> int:
    with open_store() as store:
        try:
            n = store.add_user_places(((p.id, p.name, to_dict(p)) for p in places), origin)
        except ContractError as exc:
            raise fail(f"refused, nothing added: {exc}") from exc
        # The places are part of the pipeline version: the next `frontlines extract` re-extracts every document.
    return n


@places_app.command("unresolved")
def unresolved(fmt: FormatOption = Format.table) -> None:
    """Place names the geocoder could not resolve, with counts and an example sentence.

    Example: frontlines places unresolved --format csv
    """
    with open_store(create=False) as store:
        rows = store.unresolved_places()
    emit(rows, fmt, ("location", "count", "example"), title="unresolved places")


@places_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The place name as reports write it.")],
    lat: Annotated[float, typer.Option(help="Latitude (WGS84).")],
    lon: Annotated[float, typer.Option(help="Longitude (WGS84).")],
    admin1: Annotated[str | None, typer.Option(help="Governorate, e.g. Aleppo.")] = None,
    kind: Annotated[str, typer.Option(help="village, town, neighbourhood, region, ...")] = "community",
    alt: Annotated[list[str] | None, typer.Option(help="Another spelling (repeatable).")] = None,
    place_id: Annotated[str | None, typer.Option("--id", help="Id (default: user:<name>).")] = None,
    source: Annotated[str, typer.Option(help="Where the coordinates come from.")] = "analyst",
) -> None:
    """Add a place to this database's gazetteer; later runs resolve it.

    Example: frontlines places add "al-Wajed" --lat 35.86 --lon 37.21 --admin1 Aleppo --alt "al-Wajid"
    """
    ident = place_id if place_id is not None else "user:" + "-".join(name.lower().split())
    place = Place(
        id=ident,
        name=name,
        name_ar=None,
        alt_names=tuple(alt or ()),
        kind=kind,
        admin1=admin1,
        admin1_pcode=None,
        admin2=None,
        admin2_pcode=None,
        admin3=None,
        admin3_pcode=None,
        lat=lat,
        lon=lon,
        coord_source="user",
        source=source,
    )
    _store_places([place], "places add")
    notice(f"added {ident}; run `frontlines extract` to re-resolve stored events")


@gazetteer_app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="The gazetteer file.", exists=True, dir_okay=False)],
    fmt: Annotated[GazetteerFormat, typer.Option("--format", help="geonames (SY.txt) or ocha (P-code CSV).")],
) -> None:
    """Load a GeoNames country dump or an OCHA P-code table into this database's gazetteer.

    Example: frontlines gazetteer load SY.txt --format geonames
    """
    from frontlines.resolve.gazetteer_loaders import load_geonames, load_ocha

    places = load_geonames(file) if fmt is GazetteerFormat.geonames else load_ocha(file)
    n = _store_places(places, f"{fmt.value}:{file.name}")
    notice(f"loaded {n} places from {file}")
