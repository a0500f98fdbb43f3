"""Fetch runs: record each `fetch` (time, targets, counts, new ids) and resolve `--new` / `--new-since-fetch`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsreader.errors import UsageError
from newsreader.models import FetchReport, SourceReport
from newsreader.store import Store
from newsreader.store import state as st


def begin_run(store: Store, targets: Sequence[str]) -> int:
    """Record the start of a fetch; from now on the store files every new article under this run."""
    run = st.start_run(store, targets)
    store.run = run
    return run


def end_run(store: Store, report: FetchReport) -> None:
    """Record how the run went (counts and the per-source report, as `fetch --json` prints it)."""
    if not report.run:
        return
    data = report_dict(report)
    st.finish_run(store, report.run, data["totals"], data["sources"])
    store.run = None


def source_dict(s: SourceReport) -> dict[str, Any]:
    if s.error:
        status = "error"
    elif s.not_modified:
        status = "not modified"
    elif s.skipped:
        status = "skipped"
    else:
        status = "ok"
    return {
        "source": s.label,
        "status": status,
        "new": s.new,
        "updated": s.updated,
        "unchanged": s.unchanged,
        "error": s.error,
        "warnings": list(s.warnings),
        "new_ids": list(s.new_ids),
    }


def report_dict(report: FetchReport) -> dict[str, Any]:
    """The documented shape of `fetch --json`: the run id, totals, and one entry per source."""
    sources = [source_dict(s) for s in report.sources]
    totals = {k: sum(getattr(s, k) for s in report.sources) for k in ("new", "updated", "unchanged")}
    totals["failed"] = len(report.failed)
    return {
        "run": report.run,
        "totals": totals,
        "sources": sources,
        "new_ids": [i for s in report.sources for i in s.new_ids],
    }


NO_RUN = 2**62  # a run id no run has: what `--new` filters on before the first fetch


def resolve_since_run(db_path: Path, spec: str) -> int:
    """The run `--new-since-fetch` means: N (1 = the last fetch, 2 = the one before...) or `@ID`, a run id.

    NO_RUN when nothing was ever fetched (so nothing is new); UsageError for a run that does not exist.
    """
    text = spec.strip()
    store = Store.open_existing(db_path)
    if store is None:
        return NO_RUN
    with store:
        if text.startswith("@") and text[1:].isdigit():
            run = int(text[1:])
            if not st.run_exists(store, run):
                raise UsageError(
                    f"--new-since-fetch {spec}: there is no fetch run {run} (see `newsreader fetch --runs`)"
                )
            return run
        if not text.isdigit() or int(text) < 1:
            raise UsageError(
                f"--new-since-fetch {spec!r}: give N (1 = the last fetch, 2 = the one before) or @RUN, a run id"
            )
        found = st.nth_last_run(store, int(text))
        if found is None and text == "1":
            return NO_RUN
        if found is None:
            runs = len(st.list_runs(store, limit=int(text)))
            raise UsageError(f"--new-since-fetch {spec}: only {runs} fetch runs are recorded")
        return found


def last_run(db_path: Path) -> int | None:
    """The id of the last fetch run, or None when nothing was ever fetched."""
    store = Store.open_existing(db_path)
    if store is None:
        return None
    with store:
        return st.nth_last_run(store, 1)


def recent_runs(db_path: Path, limit: int = 20) -> list[st.FetchRun]:
    store = Store.open_existing(db_path)
    if store is None:
        return []
    with store:
        return st.list_runs(store, limit)
