"""riskdesk: keep a council's risk registers offline and turn them into committee papers."""

__version__ = "0.1.0"
