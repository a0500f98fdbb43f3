"""Builds newsreader/name_tables.py (country and region names users type) from geo/data/gazetteer.json.

Run after rebuilding the gazetteer:  python scripts/build_name_tables.py
The output is committed: `show --country`/`--region` resolve names from it without parsing the 2 MB
gazetteer (tests/test_names.py checks that the committed table is what this script makes from the
shipped gazetteer, so a rebuilt gazetteer with a stale table fails the suite, naming this script).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "newsreader" / "name_tables.py"


def render() -> str:
    """The module's text, from the gazetteer as newsreader.geo reads it (orders kept: suggestions rank by them)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from newsreader.geo.gazetteer import load
    from newsreader.names import region_key

    gaz = load()
    region_keys = {region_key(alias): canonical for alias, canonical in gaz.region_lookup.items()}
    regions = {name: " ".join(sorted(region.filter_codes)) for name, region in gaz.regions.items()}
    lines = [
        '"""Country and region names for resolving what users type (generated: do not edit).',
        "",
        "Made by scripts/build_name_tables.py from newsreader/geo/data/gazetteer.json; read by newsreader/names.py.",
        '"""',
        "",
        "# ISO code -> display name",
        f"NAMES: dict[str, str] = {_dict(gaz.names)}",
        "# casefolded name, demonym or code -> ISO code",
        f"RESOLVE: dict[str, str] = {_dict(gaz.resolve)}",
        "# canonical region name -> the member countries a --region filter matches on, space-separated ('': named only)",
        f"REGIONS: dict[str, str] = {_dict(regions)}",
        "# names.region_key of a region's name or alias -> its canonical name",
        f"REGION_KEYS: dict[str, str] = {_dict(region_keys)}",
        "",
    ]
    return "\n".join(lines)


def _dict(items: dict[str, str]) -> str:
    """A dict literal as ruff formats it (double quotes, one item a line), so the generated file stays formatted."""
    body = "".join(f"    {_string(key)}: {_string(value)},\n" for key, value in items.items())
    return "{\n" + body + "}"


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> int:
    OUTPUT.write_text(render(), "utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
