"""The per-source work on a Dask cluster (``--dask ADDRESS``, or ``--dask
local`` for a LocalCluster on this machine).  Needs the optional extra
``compare-claims[dask]``.

What moves over the network: to the workers, the plan once (cue lists,
topics) and one small job per source (its path or URL: workers read the
files themselves, so the paths must be reachable from them; an article of a
dataset or stdin travels with its text); back, each source's text, its
statements on the topic with their words and annotations, and word counts.
The alignment runs here, on what came back.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .pipeline import Plan
    from .work import Job, Outcome

CONNECT_TIMEOUT = "20s"


def run_on_dask(jobs: Sequence[Job], plan: Plan, address: str, *,
                progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """Every job's outcome, in the order of ``jobs``, computed on the cluster."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--dask needs the optional extra: pip install 'compare-claims[dask]'") from None
    from .work import default_jobs, work

    cluster = None
    try:
        if address == "local":
            # the workers' own logs stay off stderr: at shutdown they report
            # heartbeats to a scheduler already gone, tracebacks a user must not see;
            # a failing job still reaches us as an exception through its future
            cluster = LocalCluster(n_workers=default_jobs(), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        shared = client.scatter(plan, broadcast=True)
        futures = client.map(work, list(jobs), plan=shared, pure=False)
        if progress:
            for _ in as_completed(futures):
                progress(1)
        outcomes: list[Outcome] = client.gather(futures)
        return outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
