"""Links between risks: a departmental risk represented on a strategic one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.contents import RegisterContents
from riskdesk.core.model import Risk

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
CHOOSE = "Choose a risk..."


class LinksBox(QWidget):
    """The risks this one is represented on, and those represented on it."""

    linkRequested = Signal(object)  # the target Risk
    unlinkRequested = Signal(str, object, object, str)  # link id, from risk, to risk, kind

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("linkList")
        self.list.setAccessibleName("Linked risks")
        self.target = QComboBox(self)
        self.target.setObjectName("linkTarget")
        self.target.setAccessibleName("Risk to link to")
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(30)
        self.link_button = QPushButton("&Add", self)
        self.link_button.setObjectName("addLink")
        self.link_button.setToolTip("Record that this risk is represented on the chosen one")
        self.link_button.clicked.connect(self._link)
        self.target.currentIndexChanged.connect(
            lambda _i: self.link_button.setEnabled(self.target.currentData() is not None))
        self.unlink_button = QPushButton("&Remove link", self)
        self.unlink_button.setObjectName("removeLink")
        self.unlink_button.clicked.connect(self._unlink)
        self.list.itemSelectionChanged.connect(
            lambda: self.unlink_button.setEnabled(bool(self.list.selectedItems())))
        self.unlink_button.setEnabled(False)
        self._risks: dict[str, Risk] = {}
        self._risk: Risk | None = None
        self._contents: RegisterContents | None = None
        self._targets_stale = False
        self.empty = QLabel("<i>Not linked to any risk yet.</i>", self)
        caption = QLabel("<b>Current links</b>", self)
        caption.setBuddy(self.list)
        remove = QHBoxLayout()
        remove.addStretch(1)
        remove.addWidget(self.unlink_button)
        add = QHBoxLayout()
        add_caption = QLabel("Add a link, &represented on:", self)
        add_caption.setBuddy(self.target)
        add.addWidget(add_caption)
        add.addWidget(self.target, 1)
        add.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(remove)
        layout.addSpacing(8)
        layout.addLayout(add)

    def show_links(self, risk: Risk, contents: RegisterContents) -> None:
        """List the links of a risk and offer every other risk as a target."""
        self._risk = risk
        self._risks = {r.id: r for r in contents.risks}
        self.list.clear()
        for link in contents.links:
            if risk.id not in (link.from_risk_id, link.to_risk_id):
                continue
            other_id = link.to_risk_id if link.from_risk_id == risk.id else link.from_risk_id
            other = self._risks.get(other_id)
            if other is None:
                continue
            if link.from_risk_id == risk.id:
                text = f"Represented on {other.reference}: {other.title}"
            else:
                text = f"{other.reference} ({other.title}) is represented here"
            item = QListWidgetItem(text)
            item.setData(LINK_ROLE, (link.id, link.from_risk_id, link.to_risk_id, link.kind))
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self.unlink_button.setEnabled(bool(self.list.selectedItems()))
        self._contents = contents
        self._targets_stale = True
        if self.isVisible():
            self._fill_targets()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._targets_stale:
            self._fill_targets()

    def _fill_targets(self) -> None:
        # Thousands of risks make a long list: build it only when the tab is looked at.
        risk, contents = self._risk, self._contents
        if risk is None or contents is None:
            return
        self._targets_stale = False
        linked = {link.to_risk_id for link in contents.links if link.from_risk_id == risk.id}
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(CHOOSE, None)  # nothing chosen: no link looks made that is not
        top_level = {r.id for r in contents.registers if r.parent_id is None}
        strategic_first = sorted(
            (r for r in contents.risks if r.id != risk.id and r.id not in linked and not r.archived),
            key=lambda r: (r.register_id not in top_level, r.reference))
        for other in strategic_first:
            self.target.addItem(f"{other.reference}: {other.title}", other.id)
        self.target.setCurrentIndex(max(0, self.target.findData(current)) if current is not None else 0)
        self.target.blockSignals(False)
        self.link_button.setEnabled(self.target.currentData() is not None)

    def _link(self) -> None:
        target = self._risks.get(self.target.currentData())
        if target is not None:
            self.target.setCurrentIndex(0)
            self.linkRequested.emit(target)

    def _unlink(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        link_id, from_id, to_id, kind = items[0].data(LINK_ROLE)
        from_risk, to_risk = self._risks.get(from_id), self._risks.get(to_id)
        if from_risk is not None and to_risk is not None:
            self.unlinkRequested.emit(link_id, from_risk, to_risk, kind)
