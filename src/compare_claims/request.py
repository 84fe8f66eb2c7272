"""What a command was asked, gathered once by cli.py for commands.py."""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (26 fields here; see models.py).

from pathlib import Path
from typing import NamedTuple

from .render import Format


class Request(NamedTuple):
    """Everything a command was asked, gathered once."""

    paths: list[str]
    topics_file: Path | None = None
    keywords: str | None = None
    topic: str | None = None
    whole: bool = False  # `compare`: every statement is on topic
    fmt: Format = Format.table
    output: Path | None = None
    scorer: str = "weighted"
    threshold: float = 25.0
    only_divergent: bool = False
    min_sources: int = 1
    explain: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    text_field: str | None = None
    source_field: str | None = None
    verbose: bool = False
    quiet: bool = False
    strict: bool = False
    jobs: int | None = None
    dask: str = ""
    color: str = "auto"
    pager: bool = True
    cache: bool = True  # --no-cache: nothing read from or written to the cache
    cache_dir: Path | None = None  # --cache-dir (else $COMPARE_CLAIMS_CACHE_DIR, else the XDG cache directory)
