"""The reports the app offers, by name: kept apart so menus need not load ReportLab."""

KINDS = (
    ("committee", "Committee pack"),
    ("profile", "Risk profile"),
    ("matrix", "Matrix sheets (landscape)"),
    ("actions", "Open actions"),
)
