"""The shipped gazetteer.json matches what scripts/build_geo_data.py generates from its sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsreader.geo import gazetteer

ROOT = Path(__file__).resolve().parent.parent


def test_generated_data_is_up_to_date() -> None:
    pytest.importorskip("pycountry")
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("build_geo_data", ROOT / "scripts" / "build_geo_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.build()) == gazetteer.data_text(), "run scripts/build_geo_data.py"


def test_every_region_code_has_a_name() -> None:
    gaz = gazetteer.load()
    for region in gaz.regions.values():
        assert region.codes <= set(gaz.names), region.name
