"""The name tables that resolve --country/--region without the gazetteer say what the gazetteer says."""

from __future__ import annotations

import importlib.util
import json

import pytest

from newsreader import name_tables, names
from newsreader.errors import UnknownNameError
from tests.conftest import REPO

GAZETTEER = REPO / "newsreader" / "geo" / "data" / "gazetteer.json"


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_name_tables", REPO / "scripts" / "build_name_tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_tables_are_what_the_script_makes_from_the_shipped_gazetteer() -> None:
    script = _build_script()
    shipped = (REPO / "newsreader" / "name_tables.py").read_text("utf-8")
    assert shipped == script.render(), (
        "newsreader/name_tables.py is stale: the gazetteer changed; run python scripts/build_name_tables.py"
    )


def test_every_name_and_code_in_the_gazetteer_resolves_to_its_code() -> None:
    data = json.loads(GAZETTEER.read_text("utf-8"))
    assert data["resolve"], "the gazetteer has names"
    for key, code in data["resolve"].items():
        assert names.resolve_country(key) == code, key
    for code, display in data["names"].items():
        assert names.country_name(code) == display
        assert names.country_name(code.lower()) == display


def test_every_region_name_and_alias_resolves_to_its_members() -> None:
    data = json.loads(GAZETTEER.read_text("utf-8"))
    for region in data["regions"]:
        codes = frozenset() if region.get("named_only") else frozenset(region["codes"])
        found = names.resolve_region(region["name"])
        assert (found.name, found.codes) == (region["name"], codes)
        assert names.resolve_region(region["name"].upper()).name == region["name"]
        for alias in region["aliases"]:
            # An alias two regions share goes to the one whose own name it is, else the first listing it.
            assert names.resolve_region(alias).name in {r["name"] for r in data["regions"]}
    assert names.resolve_region("the Middle East").name == "Middle East"
    assert names.resolve_region("sub-saharan africa").name == "Sub-Saharan Africa"
    assert names.resolve_region("Sahel", {"sahel": ["ML", "NE"]}).codes == frozenset({"ML", "NE"})


def test_region_keys_fold_as_the_tagger_normalises() -> None:
    from newsreader.geo.gazetteer import normalise

    samples = [*name_tables.REGION_KEYS, "Sub-Saharan Africa", "Asia–Pacific", "Brüssel", "İstanbul", "the  Gulf"]
    for text in samples:
        assert names.region_key(text) == " ".join(normalise(text).split()).removeprefix("the "), text


def test_unknown_names_suggest_the_closest() -> None:
    with pytest.raises(UnknownNameError, match=r"unknown country 'Irann'; did you mean: Iran"):
        names.resolve_country("Irann")
    with pytest.raises(UnknownNameError, match=r"unknown region 'Sahell'; did you mean: Sahel"):
        names.resolve_region("Sahell")
