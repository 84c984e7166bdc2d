"""The domain in plain Python: no I/O, no Qt, no SQLite, no ReportLab."""
