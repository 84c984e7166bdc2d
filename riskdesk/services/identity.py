"""Who is making changes, for the history of every record."""

from __future__ import annotations

import getpass
import os


def default_user() -> str:
    """The OS account name, unless RISKDESK_USER names someone else."""
    override = os.environ.get("RISKDESK_USER", "").strip()
    if override:
        return override
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"
