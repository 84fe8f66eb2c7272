"""Domain errors and exit codes, mapped to a message once, at the CLI edge."""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    CHANGED = 1  # a baseline comparison found a change
    USAGE = 2  # bad input: usage, missing path, unreadable file, unknown topic, ...
    INTERRUPTED = 130  # Ctrl-C


class CompareClaimsError(Exception):
    """Base of every error a user can cause; its message is one line."""

    exit_status: ExitStatus = ExitStatus.USAGE


class InputError(CompareClaimsError):
    """A path is missing, empty, binary, or a directory holds no texts."""


class UnknownTopicError(CompareClaimsError):
    """The topic asked for is not defined."""


class TopicsFileError(CompareClaimsError):
    """A topics (or lexicon) TOML file is malformed."""


class BaselineError(CompareClaimsError):
    """A baseline file is missing or not a compare-claims result."""
