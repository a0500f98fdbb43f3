"""Builds newsreader/geo/data/gazetteer.json from pycountry, babel CLDR names and the hand-kept TOML files.

Run after editing gazetteer_extra.toml or m49.toml:  python scripts/build_geo_data.py
(needs the `data` extra: pycountry, babel). The output is committed; the app never imports these.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.geo.gazetteer import (  # noqa: E402
    AMBIGUOUS,
    COUNTRY,
    REGION,
    STOP,
    SUBNATIONAL,
    case_rule,
    normalise,
)

DATA = ROOT / "newsreader" / "geo" / "data"
M49_TEXT_NAMES = {
    "Africa": ["Africa", "African"],
    "Asia": ["Asia", "Asian"],
    "Americas": ["Americas"],
    "South America": ["South America", "South American"],
    "Central America": ["Central America", "Central American"],
}
NO_PLURAL = ("ese", "ish", "tch", "ss", "s", "z", "y", "è", "é", "x", "sh")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def iso_names(code: str) -> list[str]:
    """Short and official names from ISO 3166 (pycountry) and CLDR English (babel), cleaned."""
    names: list[str] = []
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.append(value)
    cldr = Locale("en").territories.get(code)
    if cldr and " - " not in cldr and "SAR" not in cldr:
        match = re.fullmatch(r"(.+?) \((.+)\)", cldr)
        names.extend([match.group(1), match.group(2)] if match else [cldr])
    out: list[str] = []
    for name in names:
        for variant in (name, name.replace("&", "and"), re.sub(r"\s*\(.*\)", "", name)):
            if variant not in out:
                out.append(variant)
    return out


def plural(demonym: str) -> list[str]:
    return [demonym] if demonym.endswith(NO_PLURAL) else [demonym, demonym + "s"]


def build() -> dict[str, Any]:
    extra = tomllib.loads((DATA / "gazetteer_extra.toml").read_text("utf-8"))
    m49 = tomllib.loads((DATA / "m49.toml").read_text("utf-8"))
    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    keys: dict[str, list[Any]] = {}
    resolve: dict[str, str] = {}
    names: dict[str, str] = {}
    conflicts: list[str] = []

    def add(text: str, kind: int, payload: str) -> None:
        for variant in {text, strip_accents(text)}:
            key = normalise(variant).strip()
            if not key:
                continue
            entry = [key, case_rule(variant), kind, payload]
            old = keys.get(key)
            if old is not None and (old[2], old[3]) != (kind, payload):
                conflicts.append(f"{variant!r}: {old[3]} vs {payload}")
                continue
            keys[key] = entry

    ambiguous_keys = {k for spec in extra["ambiguous"].values() for k in spec["keys"]}
    for code in codes:
        spec = extra["countries"].get(code, {})
        dropped = set(extra["drop_names"].get(code, []))
        country_names = [n for n in iso_names(code) + spec.get("n", []) if n not in dropped]
        cldr = Locale("en").territories.get(code, code)
        names[code] = spec.get("display") or (country_names[0] if " - " in cldr else re.sub(r" \(.*", "", cldr))
        resolve[code.casefold()] = code
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            resolve[country.alpha_3.casefold()] = code
        words = country_names + spec.get("a", []) + [p for d in spec.get("d", []) for p in plural(d)]
        for word in words:
            if word not in ambiguous_keys:
                add(word, COUNTRY, code)
                resolve.setdefault(strip_accents(word).casefold(), code)
                resolve.setdefault(word.casefold(), code)
        for place in spec.get("p", []):
            add(place, COUNTRY, code)
        for place in spec.get("s", []):
            add(place, SUBNATIONAL, code)
    for name, spec in extra["ambiguous"].items():
        for key in spec["keys"]:
            add(key, AMBIGUOUS, name)
            resolve.setdefault(key.casefold(), spec["codes"][0])
    for phrase in extra["stop"]["phrases"]:
        add(phrase, STOP, "")

    regions: list[dict[str, Any]] = []
    derived: dict[str, list[str]] = {}
    for name, spec in extra["news"].items():
        regions.append(
            {
                "name": name,
                "scheme": "news",
                "level": "news",
                "codes": sorted(spec["codes"]),
                "derived": spec["derived"],
                "named_only": spec.get("named_only", False),
                "aliases": spec["names"] + spec["aliases"],
            }
        )
        for text in spec["names"]:
            add(text, REGION, name)
        if spec["derived"]:
            for code in spec["codes"]:
                derived.setdefault(code, []).append(name)
    news_names = {r["name"] for r in regions}
    for region, subs in m49.items():
        region_codes: set[str] = set()
        for sub, body in subs.items():
            sub_codes: set[str] = set()
            for inter, members in body.items():
                sub_codes |= set(members)
                if inter != "codes" and inter not in news_names:
                    regions.append(
                        {
                            "name": inter,
                            "scheme": "m49",
                            "level": "intermediate",
                            "codes": sorted(members),
                            "derived": False,
                            "aliases": M49_TEXT_NAMES.get(inter, []),
                        }
                    )
                    for text in M49_TEXT_NAMES.get(inter, []):
                        add(text, REGION, inter)
            region_codes |= sub_codes
            for code in sorted(sub_codes):
                derived.setdefault(code, []).append(sub)
            if sub not in news_names:
                regions.append(
                    {
                        "name": sub,
                        "scheme": "m49",
                        "level": "sub-region",
                        "codes": sorted(sub_codes),
                        "derived": True,
                        "aliases": [],
                    }
                )
        if region not in news_names:
            regions.append(
                {
                    "name": region,
                    "scheme": "m49",
                    "level": "region",
                    "codes": sorted(region_codes),
                    "derived": False,
                    "aliases": M49_TEXT_NAMES.get(region, []),
                }
            )
            for text in M49_TEXT_NAMES.get(region, []):
                add(text, REGION, region)
    for code in derived:
        derived[code] = list(dict.fromkeys(derived[code]))
    if conflicts:
        print("conflicting keys (first kept):\n  " + "\n  ".join(conflicts), file=sys.stderr)
    return {
        "names": names,
        "resolve": dict(sorted(resolve.items())),
        "keys": sorted(keys.values()),
        "ambiguous": {n: {"codes": s["codes"], "signals": s["signals"]} for n, s in extra["ambiguous"].items()},
        "person": extra["person"],
        "regions": regions,
        "derived_regions": dict(sorted(derived.items())),
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    out = DATA / "gazetteer.json"
    out.write_text(render(build()), "utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
