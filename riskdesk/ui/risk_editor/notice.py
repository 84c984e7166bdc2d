"""Told, not overwritten: a bar in the editor naming who changed which field of the risk on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from riskdesk.core.model import Risk, ScoreKind
from riskdesk.services.change_log import FIELD_WORDS, when_in_words

NOTICE_STYLE = "QFrame#colleagueNotice { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }"
WATCHED = ("reference", "title", "description", "category", "owner", "accountable_officer", "cabinet_member",
           "status", "treatment", "appetite", "proximity", "target_date", "last_reviewed", "next_review",
           "exempt", "period_comment")


def changed_fields(before: Risk, after: Risk) -> list[str]:
    """The fields of a risk, in words, whose values differ between two readings of it."""
    names = [name for name in WATCHED if getattr(before, name, None) != getattr(after, name, None)]
    names += [f"{kind.value}_score" for kind in ScoreKind if before.score(kind) != after.score(kind)]
    return [FIELD_WORDS.get(name, name.replace("_", " ")) for name in names]


class ColleagueNotice(QFrame):
    """"Priya Shah changed the title and the owner of SR 7.4 2 minutes ago." until dismissed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("colleagueNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.label = QLabel(self)
        self.label.setObjectName("colleagueNoticeText")
        self.label.setWordWrap(True)
        self.dismiss = QToolButton(self)
        self.dismiss.setObjectName("dismissNotice")
        self.dismiss.setText("Dismiss")
        self.dismiss.setAccessibleName("Dismiss this notice")
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self.hide()

    def tell(self, who: str, fields: list[str], record: str, changed_at: str, mine_kept: list[str]) -> None:
        """Show who changed which fields of the risk on screen (and which the user is still typing in)."""
        if not fields:
            return
        names = fields[0] if len(fields) == 1 else ", ".join(fields[:-1]) + " and " + fields[-1]
        when = f" {when_in_words(changed_at)}" if changed_at else ""
        text = f"{who or 'Someone else'} changed the {names} of {record}{when}; the editor now shows their version."
        if mine_kept:
            text += (f" You are still typing in the {' and '.join(mine_kept)}: your text is kept, and you will be "
                     "asked which to keep when you leave the field.")
        self.label.setText(text)
        self.show()


def dirty_words(base: dict[str, Any], values: dict[str, Any]) -> list[str]:
    """Fields the user is typing in (their text differs from what was last written), in words."""
    return [FIELD_WORDS.get(n, n.replace("_", " ")) for n, v in values.items() if n in base and v != base[n]]
