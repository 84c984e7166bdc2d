"""The reports the app offers, by name, from the one record of report kinds (no ReportLab loaded)."""

from riskdesk.core.report_kinds import REPORT_KINDS

KINDS = tuple((kind.id, kind.label) for kind in REPORT_KINDS)
