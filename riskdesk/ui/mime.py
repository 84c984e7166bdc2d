"""What a drag or a copy carries between the table, the tree and the heat map."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

RISK_IDS_MIME = "application/x-riskdesk-risk-ids"
REGISTER_ID_MIME = "application/x-riskdesk-register-id"


def ids_to_mime(risk_ids: list[str]) -> QMimeData:
    """Mime data carrying risk ids, one a line."""
    mime = QMimeData()
    mime.setData(RISK_IDS_MIME, "\n".join(risk_ids).encode("utf-8"))
    return mime


def ids_from_mime(mime: QMimeData) -> list[str]:
    """The risk ids a drag carries (empty when it carries none)."""
    if not mime.hasFormat(RISK_IDS_MIME):
        return []
    text = bytes(mime.data(RISK_IDS_MIME).data()).decode("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]
