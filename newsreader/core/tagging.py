"""Keeping stored tags current: retag the store once after the gazetteer (or the tagger's rules) changed."""

from __future__ import annotations

from pathlib import Path

from newsreader.models import RetagReport
from newsreader.store import Store
from newsreader.store.meta import GAZETTEER_VERSION, get_meta, set_meta


def retag_if_outdated(db_path: Path, *, batch: int = 500) -> RetagReport | None:
    """Retag every stored article if the store's tags came from another gazetteer version.

    Run by the commands that write the store (fetch), so that an upgrade brings old articles up to the
    new gazetteer without the user knowing to run `retag`. A store with no articles yet is only stamped
    with the version; one stamped with the current version costs one small query. Returns the retag's
    report, or None when nothing needed doing.
    """
    from newsreader import core, geo

    version = geo.gazetteer_version()
    store = Store.open(db_path)
    with store:
        stored = get_meta(store, GAZETTEER_VERSION)
        if stored == version:
            return None
        if stored is None and store.count() == 0:
            set_meta(store, GAZETTEER_VERSION, version)
            return None
    return core.retag(db_path, batch=batch)
