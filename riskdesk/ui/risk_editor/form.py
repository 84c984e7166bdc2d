"""The risk editor: each field writes at once through an undoable operation."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from riskdesk.core.changes import OpChanges
from riskdesk.core.dates import date_in_words, read_date
from riskdesk.core.model import NOT_SET, Risk, RiskStatus, Score, ScoreKind, Treatment, choice_words
from riskdesk.core.validation import Problem, ValidationError
from riskdesk.services.change_log import when_in_words
from riskdesk.services.history_queries import deleted_by
from riskdesk.services.refresh import current_record, current_version
from riskdesk.storage.errors import ConflictError
from riskdesk.ui import commands
from riskdesk.ui.conflict_resolution import ConflictAsker
from riskdesk.ui.document import Document
from riskdesk.ui.operations import Failure, WindowOp
from riskdesk.ui.risk_editor.notice import ColleagueNotice, changed_fields, dirty_words
from riskdesk.ui.risk_editor.widgets import ErrorLabel, TextBox

if TYPE_CHECKING:  # the form's parts load when it is made (build), after the window's first paint
    from riskdesk.ui.conflict_dialog import ConflictDialog  # and the conflict question at the first conflict
    from riskdesk.ui.risk_editor.calm import CalmChoices
    from riskdesk.ui.risk_editor.earlier_comments import EarlierComments
    from riskdesk.ui.risk_editor.links import LinksBox
    from riskdesk.ui.risk_editor.lists import ItemList
    from riskdesk.ui.risk_editor.scores import ScoresBox
from riskdesk.ui.undo import edit_fields
from riskdesk.ui.value_words import value_in_words

LABELS = {
    "reference": "reference", "title": "title", "description": "description", "category": "category",
    "owner": "risk owner", "accountable_officer": "accountable officer", "cabinet_member": "cabinet member",
    "status": "status", "treatment": "treatment", "appetite": "risk appetite", "proximity": "proximity",
    "target_date": "target date", "last_reviewed": "last reviewed date", "next_review": "next review date",
    "exempt": "exempt marking", "exempt_paragraph": "exemption paragraph", "period_comment": "period comment",
    "inherent": "inherent score", "residual": "residual score", "target": "target score",
}
DATES = ("target_date", "last_reviewed", "next_review")
NOTHING_CHOSEN = "<i>Choose a risk in the table to edit it.</i>"
# The parts of the form made by RiskEditor.build(), after the window's first paint.
_BUILT_PARTS = frozenset({"widgets", "errors", "calm", "tabs", "scores", "controls", "action_list", "links",
                          "earlier", "period_label"})
TEXTS = ("reference", "title", "description", "category", "owner", "accountable_officer", "cabinet_member",
         "appetite", "proximity", "exempt_paragraph", "period_comment", *DATES)


class RiskEditor(QWidget):
    """Every field of the selected risk, in tabs: the risk, scores, controls, actions, links, comment."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("riskEditor")
        self.setAccessibleName("Risk editor")
        self.document: Document | None = None
        self.risk: Risk | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self._leaving = False  # commit_pending() is writing before the field goes away
        self._writing = False  # a field's write is under way (the refresh it causes must not write again)
        self.conflicts: ConflictAsker  # set in set_document: asks about a control's or action's clashes
        self._base: dict[str, Any] = {}
        self.heading = QLabel(self)
        self.heading.setObjectName("editorHeading")
        self.badge = QLabel(self)
        self.read_only = False
        self._switched_off: list[QWidget] = []
        self._edit_triggers: dict[QWidget, Any] = {}
        self.problem = ErrorLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.addLayout(top)
        self._layout.addWidget(self.problem)
        self.notice = ColleagueNotice(self)
        self._layout.addWidget(self.notice)
        self._built = False
        self.show_risk(None)

    def sizeHint(self) -> QSize:
        if self._built:
            return super().sizeHint()
        # The size the form will have (763 x 364 at 14 px a line), so the window shares its
        # height the same way before and after the form is made.
        line = self.fontMetrics().lineSpacing()
        return QSize(54 * line, 26 * line)

    def minimumSizeHint(self) -> QSize:
        if self._built:
            return super().minimumSizeHint()
        line = self.fontMetrics().lineSpacing()
        return QSize(41 * line, 17 * line)  # the form's own: 577 x 242 at 14 px a line

    def __getattr__(self, name: str) -> Any:
        # A part of the form asked for before it was made (build): make it now.
        if name in _BUILT_PARTS and not self.__dict__.get("_built", True):
            self.build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def build(self) -> None:
        """Make the tabs and every field, once.

        The window's first paint shows the editor's heading only; the form (about a tenth of
        a second's start-up with its imports and first paint) is made just after it, or as soon as
        anything needs it.
        """
        if self._built:
            return
        from riskdesk.ui.risk_editor.calm import CalmChoices
        from riskdesk.ui.risk_editor.links import LinksBox
        from riskdesk.ui.risk_editor.lists import ItemList
        from riskdesk.ui.risk_editor.scores import ScoresBox

        self._built = True
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        # Choices change by a click or a settled key, never by a wheel passing over them.
        self.calm: CalmChoices = CalmChoices(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._scrolled(self._risk_page()), "The &risk")
        self.scores: ScoresBox = ScoresBox(self)
        self.scores.scoreChosen.connect(self._score_chosen)
        self.tabs.addTab(self._scrolled(self._scores_page()), "&Scores")
        self.controls: ItemList = ItemList(False, self)
        self.action_list: ItemList = ItemList(True, self)
        for item_list, kind in ((self.controls, "control"), (self.action_list, "action")):
            item_list.addRequested.connect(lambda values, k=kind: self._guard(
                lambda: commands.add_item(self._doc(), k, self._current(), values)))
            item_list.editRequested.connect(
                lambda item_id, version, values, before, k=kind: self._edit_item(k, item_id, version, values, before))
            item_list.removeRequested.connect(lambda item_id, version, k=kind: self._guard(
                lambda: commands.remove_item(self._doc(), k, self._current(), item_id, version)))
            item_list.reorderRequested.connect(lambda ids, k=kind, lst=item_list: self._guard(
                lambda: commands.reorder_items(self._doc(), k, self._current(), [r.id for r in lst.records], ids)))
        self.action_list.makeControlRequested.connect(lambda action_id, version: self._guard(
            lambda: commands.action_to_control(self._doc(), self._current(), action_id, version)))
        self.tabs.addTab(self.controls, "&Controls")
        self.tabs.addTab(self.action_list, "&Actions")
        self.links: LinksBox = LinksBox(self)
        self.links.linkRequested.connect(lambda target: self._guard(
            lambda: commands.link_risks(self._doc(), self._current(), target)))
        self.links.unlinkRequested.connect(lambda link_id, a, b, kind: self._guard(
            lambda: commands.unlink_risks(self._doc(), link_id, a, b, kind)))
        self.tabs.addTab(self.links, "&Links")
        self.tabs.addTab(self._comment_page(), "&Period comment")
        self._layout.addWidget(self.tabs, 1)
        self.tabs.setVisible(True)  # at once, when the editor is already on screen
        for box in self.tabs.findChildren(QComboBox) + self.tabs.findChildren(QAbstractSpinBox):
            if not isinstance(box.parent(), ScoresBox):  # the scores box watches its own
                self.calm.watch(box)  # wheel only once clicked, so the editor scrolls
        if self.document is not None:
            self._fit_to(self.document)
        read_only, self.read_only = self.read_only, False
        self.set_read_only(read_only)
        self.show_risk(self.risk)

    # -- building ------------------------------------------------------------------

    def _scrolled(self, page: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(page)
        return area

    def _field(self, form: QFormLayout, name: str, caption: str, widget: QWidget) -> None:
        widget.setObjectName(f"field_{name}")
        widget.setAccessibleName(LABELS[name].capitalize())
        error = ErrorLabel(self)
        error.setObjectName(f"error_{name}")
        box = QWidget(self)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        label = QLabel(caption, self)
        label.setBuddy(widget)
        form.addRow(label, box)
        self.widgets[name] = widget
        self.errors[name] = error
        if isinstance(widget, QLineEdit | TextBox):
            widget.editingFinished.connect(lambda n=name: self._commit_text(n))
        elif isinstance(widget, QComboBox) and widget.isEditable():
            line_edit = widget.lineEdit()
            assert line_edit is not None  # an editable combo box always has one
            line_edit.editingFinished.connect(lambda n=name: self._commit_text(n))
        elif isinstance(widget, QComboBox):
            def chosen(_index: int, n: str = name) -> None:
                self._choice_made(n)
            widget.activated.connect(chosen)
            self.calm.watch(widget, partial(self._commit_choice, name))
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(lambda _c, n=name: self._commit_choice(n))

    def _risk_page(self) -> QWidget:
        page = QWidget(self)
        columns = QHBoxLayout(page)
        left, right = QFormLayout(), QFormLayout()
        self._field(left, "reference", "Re&ference:", QLineEdit(self))
        self._field(left, "title", "&Title:", QLineEdit(self))
        description = TextBox(self, lines=4)
        description.setMaximumHeight(description.fontMetrics().lineSpacing() * 7 + 12)
        self._field(left, "description", "&Description:", description)
        category = QComboBox(self)
        category.setEditable(True)
        self._field(left, "category", "Cate&gory:", category)
        status = QComboBox(self)
        # "Not set" first: a risk brought in from a sheet with no status or treatment has none.
        status.addItems([NOT_SET, *(s.value.capitalize() for s in RiskStatus)])
        self._field(left, "status", "Stat&us:", status)
        self._field(right, "owner", "Risk &owner:", QLineEdit(self))
        self._field(right, "accountable_officer", "Acco&untable officer:", QLineEdit(self))
        self._field(right, "cabinet_member", "Cabinet &member:", QLineEdit(self))
        treatment = QComboBox(self)
        treatment.addItems([NOT_SET, *(t.value.capitalize() for t in Treatment)])
        self._field(right, "treatment", "Treat&ment:", treatment)
        self._field(right, "appetite", "Risk a&ppetite:", QLineEdit(self))
        self._field(right, "proximity", "Pro&ximity:", QLineEdit(self))
        self._field(right, "last_reviewed", "Last re&viewed:", self._date_edit())
        self._field(right, "next_review", "&Next review:", self._date_edit())
        self._field(right, "exempt", "E&xempt:", QCheckBox("Part B: keep out of public reports", self))
        paragraph = QLineEdit(self)
        paragraph.setPlaceholderText("e.g. 3")
        paragraph.setToolTip("The paragraph of Schedule 12A the exempt risk falls under; the papers print it")
        paragraph.setMaximumWidth(190)
        self._field(right, "exempt_paragraph", "Exemption pa&ragraph:", paragraph)
        for form, stretch in ((left, 3), (right, 2)):
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        return page

    def _date_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText("e.g. 31/03/2024")
        edit.setToolTip("Type a date as 31/03/2024, 31 March 2024 or 2024-03-31; leave it empty for no date")
        edit.setMaximumWidth(190)
        return edit

    def _scores_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.scores)
        form = QFormLayout()
        self._field(form, "target_date", "Target &date:", self._date_edit())
        layout.addLayout(form)
        return page

    def _comment_page(self) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout(page)
        form = QFormLayout()
        self.period_label = QLabel(self)
        form.addRow(self.period_label)
        self._field(form, "period_comment", "Co&mment:", TextBox(self, lines=8))
        # Last quarter's words beside this quarter's: the comment is written against them.
        from riskdesk.ui.risk_editor.earlier_comments import EarlierComments

        self.earlier: EarlierComments = EarlierComments(page)
        row.addLayout(form, 3)
        row.addWidget(self.earlier, 2)
        return page

    # -- showing -------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        """Edit risks of this file (None: nothing open)."""
        self.document = document
        self.risk = None
        if document is not None:
            self.conflicts = ConflictAsker(document, self, self.problem.show_problem)
            if self._built:
                self._fit_to(document)
        self.show_risk(None)

    def _fit_to(self, document: Document) -> None:
        """The score grids and the category choices of the document's scheme."""
        self.scores.set_scheme(document.contents.scheme)
        category = self.widgets["category"]
        assert isinstance(category, QComboBox)
        category.clear()
        category.addItems(list(document.contents.scheme.criteria))

    def show_risk(self, risk: Risk | None) -> None:
        """Show a risk (or nothing) with no edit in progress."""
        if not self._built:
            if risk is None:
                self.risk = None
                self.heading.setText(NOTHING_CHOSEN)
                return
            self.build()  # a risk to show: the form is needed now
        if self.risk is None or risk is None or risk.id != self.risk.id:
            self.notice.hide()  # it spoke of the risk shown before
        self.calm.forget()  # the window commits pending choices before it changes the risk
        self.scores.calm.forget()
        self.risk = risk
        self._base = {}
        self.problem.show_problem("")
        for error in self.errors.values():
            error.show_problem("")
        self.tabs.setEnabled(risk is not None)
        if risk is None:
            self.earlier.show_for(None, None)
            self.heading.setText(NOTHING_CHOSEN)
            self.badge.clear()
            self.badge.setStyleSheet("")
            for widget in self.widgets.values():
                self._set_value(widget, "" if not isinstance(widget, QCheckBox) else False)
            return
        self._fill(risk, keep_dirty=False)

    def _fill(self, risk: Risk, keep_dirty: bool) -> None:
        assert self.document is not None
        self.document.ensure_complete()
        contents = self.document.contents
        self.heading.setText(f"<b>{risk.reference}</b>&nbsp; {risk.title}")
        if risk.residual is not None:
            band = contents.scheme.band_for(risk.residual.likelihood, risk.residual.impact)
            self.badge.setText(f"{band.name} {contents.scheme.value_of(risk.residual)}")
            from riskdesk.ui.risk_editor.scores import band_label_style

            self.badge.setStyleSheet(band_label_style(band.colour))
        else:
            self.badge.setText("Not scored")
            self.badge.setStyleSheet("")
        for name, widget in self.widgets.items():
            value = self._display_value(risk, name)
            if keep_dirty and name in self._base and self._value(widget) != self._base[name]:
                continue  # the user is typing here: leave their text; commit compares with the base
            self._set_value(widget, value)
            self._base[name] = value
        self.scores.show_scores({kind: risk.score(kind) for kind in ScoreKind})
        self.controls.set_records(contents.controls_of(risk.id))
        self.action_list.set_records(contents.actions_of(risk.id))
        self.links.show_links(risk, contents)
        period = contents.current_period()
        self.period_label.setText(f"What changed this period ({period.label})" if period else "")
        self.earlier.show_for(risk, contents)

    def _display_value(self, risk: Risk, name: str) -> Any:
        value = getattr(risk, name)
        if name in DATES:
            return date_in_words(value)
        if name in ("status", "treatment"):
            return choice_words(value)
        return value

    @staticmethod
    def _value(widget: QWidget) -> Any:
        if isinstance(widget, QLineEdit | TextBox):
            return widget.text()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return None

    @staticmethod
    def _set_value(widget: QWidget, value: Any) -> None:
        widget.blockSignals(True)
        if isinstance(widget, QLineEdit | TextBox):
            widget.setText(str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(str(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        widget.blockSignals(False)

    def op_executed(self, changes: OpChanges, initiator: object | None) -> None:
        """Re-read the shown risk when an operation or a colleague changed it.

        A write of the editor's own (initiator is self) is read back too, but the field being
        written keeps what the user typed: _write sets its new base once the write is done.
        """
        if self.document is None or self.risk is None:
            return
        if changes.scheme:
            self.scores.set_scheme(self.document.contents.scheme)
        # A period closed or reopened moves this period's comment and the earlier ones.
        mine = self.risk.id in changes.risks or changes.reload or bool(changes.links) or bool(
            changes.controls or changes.actions or changes.periods)
        if not mine:
            return
        fresh = self.document.risk(self.risk.id)
        if fresh is None:
            self.show_risk(None)
            return
        before, self.risk = self.risk, fresh
        if self.document.from_colleague and fresh.changed_by != self.document.workspace.user:
            fields = changed_fields(before, fresh)
            typing = dirty_words(self._base, {n: self._value(w) for n, w in self.widgets.items()})
            self.notice.tell(fresh.changed_by, fields, fresh.reference, fresh.changed_at,
                             [f for f in typing if f in fields])
        self._fill(fresh, keep_dirty=True)

    # -- committing ------------------------------------------------------------------

    def edit_title(self) -> None:
        """Show the first tab with the cursor in the title, ready to type (a risk just added)."""
        self.build()
        self.tabs.setCurrentIndex(0)
        self.widgets["title"].setFocus()

    def set_read_only(self, read_only: bool) -> None:
        """Let the user read every tab of a file they cannot change, with nothing to edit."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QAbstractItemView,
            QAbstractSpinBox,
            QComboBox,
            QLineEdit,
            QPlainTextEdit,
            QTextEdit,
        )

        if read_only == self.read_only:
            return
        if not self._built:
            self.read_only = read_only  # the form takes it when it is made
            return
        for widget in self.tabs.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QAbstractItemView):
                if read_only:
                    self._edit_triggers[widget] = widget.editTriggers()
                    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                elif widget in self._edit_triggers:
                    widget.setEditTriggers(self._edit_triggers.pop(widget))
            elif isinstance(widget, (QComboBox, QAbstractSpinBox)):
                widget.setEnabled(not read_only)
            elif isinstance(widget, QAbstractButton) and read_only and not widget.isHidden():
                # Buttons are hidden, not greyed: their own code turns them on and off with the
                # selection. Only those hidden here come back.
                self._switched_off.append(widget)
                widget.hide()
        if not read_only:
            for widget in self._switched_off:
                widget.show()
            self._switched_off.clear()
        self.read_only = read_only

    def _doc(self) -> Document:
        assert self.document is not None
        return self.document

    def _current(self) -> Risk:
        assert self.risk is not None
        return self.risk

    def _parsed(self, name: str) -> Any:
        value = self._value(self.widgets[name])
        if name in DATES:
            return read_date(str(value), name)
        if name in ("status", "treatment") and value == NOT_SET:
            return None
        if name == "status":
            return RiskStatus(str(value).lower())
        if name == "treatment":
            return Treatment(str(value).lower())
        if isinstance(value, str) and name not in ("description", "period_comment"):
            return value.strip()
        return value

    def _choice_made(self, name: str) -> None:
        box = self.widgets[name]
        if self.calm.stepping(box):
            self.calm.hold(box)  # an arrow key: written once the user settles
        else:
            self._commit_choice(name)

    def commit_pending(self) -> None:
        """Write every field whose typed text is not yet in the file, before the user leaves it.

        Called before anything that takes the field away: closing the window or the file,
        opening another, choosing another risk or register, the session ending. A colleague's
        change to the same field is asked about there and then, so nothing typed is lost.
        """
        if (self.risk is None or self.document is None or not self.document.is_open or self.read_only
                or self._leaving or self._writing):
            return  # already writing: the views it refreshes must not start a second write
        self._leaving = True
        try:
            self.calm.flush()
            self.scores.calm.flush()
            for name in TEXTS:
                if self.risk is not None and self._value(self.widgets[name]) != self._base.get(name):
                    self._commit_text(name)
        finally:
            self._leaving = False

    def _commit_text(self, name: str) -> None:
        if self.risk is None or self.document is None or not self.document.is_open or self._writing:
            return
        if self.conflict_dialog is not None and self.conflict_dialog.isVisible():
            return  # the field lost focus to the question about it: it is answered there
        widget_value = self._value(self.widgets[name])
        if widget_value == self._base.get(name):
            self.errors[name].show_problem("")
            return
        fresh = self.document.risk(self.risk.id)
        theirs = self._display_value(fresh, name) if fresh is not None else ""
        if name in self._base and theirs != self._base[name] and name not in DATES:
            try:
                value = self._parsed(name)
            except ValidationError as error:
                self._show_problems(error.problems)
                return
            self._conflict(name, fresh.changed_by if fresh else "", str(widget_value), str(theirs), value,
                           changed_at=fresh.changed_at if fresh else "")
            return
        self._commit_choice(name)

    def _commit_choice(self, name: str) -> None:
        if self.risk is None or self.document is None or not self.document.is_open:
            return
        try:
            value = self._parsed(name)
        except ValidationError as error:
            self._show_problems(error.problems)
            return
        self._write({name: value}, f"Change {LABELS[name]} of {self.risk.reference}", name)

    def _score_chosen(self, kind: str, score: Score | None) -> None:
        if self.document is None or not self.document.is_open:
            return
        if self.risk is not None and self.risk.score(ScoreKind(kind)) != score:
            self._write({kind: score}, f"Change {kind} score of {self.risk.reference}", kind)

    def _write(self, changes: dict[str, Any], text: str, name: str) -> None:
        risk, document = self._current(), self._doc()
        self._writing = True
        try:
            done = WindowOp(document, lambda: edit_fields(document, "risk", risk.id, risk.version, changes, text)) \
                .failure(lambda failure: self._write_refused(failure, changes, name)).run(self)
        finally:
            self._writing = False
        if done is None:
            return
        fresh = self._doc().risk(risk.id)
        if self.risk is None or self.risk.id != risk.id:
            return  # the refresh moved the editor to another risk (another register was chosen)
        if name in self.widgets and fresh is not None:
            # What is written is now the base a later edit (or a colleague's) is compared with.
            shown = self._display_value(fresh, name)
            if name in DATES:  # 31/03/2024 as typed becomes "31 March 2024"
                self._set_value(self.widgets[name], shown)
            self._base[name] = shown
        if name in self.errors:
            self.errors[name].show_problem("")
        elif name in ("inherent", "residual", "target"):
            self.scores.show_problem(name, "")
        self.problem.show_problem("")

    def _write_refused(self, failure: Failure, changes: dict[str, Any], name: str) -> None:
        """A field's write was refused: the problem beside the field, or the conflict question."""
        error = failure.error
        if not isinstance(error, ConflictError):
            if failure.problems:
                self._show_problems(failure.problems)
            else:
                self.problem.show_problem(failure.sentence)
            return
        risk = self._current()
        if error.current is None:
            who = deleted_by(self._doc().workspace, risk.id) or error.changed_by
            self._conflict(name, who, self._shown(name, changes[name]), "", changes[name], deleted=True)
            return
        theirs = self._shown(name, getattr(error.current, name, None))
        if name in TEXTS and name not in DATES:
            mine = str(self._value(self.widgets[name]))
        else:
            mine = self._shown(name, changes[name])
        self._conflict(name, error.changed_by, mine, theirs, changes[name], changed_at=error.changed_at)

    def _show_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            name = problem.field.split(".")[0]
            if name in ("inherent", "residual", "target"):
                self.scores.show_problem(name, problem.message)
            elif name in self.errors:
                self.errors[name].show_problem(problem.message)
            else:
                self.problem.show_problem(problem.message)

    def _shown(self, name: str, value: Any) -> str:
        """A value as a reader says it: scores in the scheme's words, dates written out."""
        scheme = self._doc().contents.scheme
        return value_in_words(scheme, value, name in TEXTS and name not in DATES)

    def _conflict(self, name: str, changed_by: str, mine: str, theirs: str, value: Any,
                  deleted: bool = False, changed_at: str = "") -> None:
        risk_id = self._current().id
        is_text = name in TEXTS and name not in DATES
        from riskdesk.ui.conflict_dialog import MERGED, ConflictDialog

        dialog = ConflictDialog(LABELS.get(name, name), changed_by, mine, theirs, self, is_text=is_text,
                                deleted=deleted, when=when_in_words(changed_at) if changed_at else "",
                                record=self._current().reference)
        self.conflict_dialog = dialog

        def finished(result: int) -> None:
            self._writing = True  # the answer is being written: refreshes it causes must not ask again
            try:
                settle(result)
            finally:
                self._writing = False

        def settle(result: int) -> None:
            document = self._doc()
            if deleted:
                self._after_deletion(risk_id, name, value, result == ConflictDialog.DialogCode.Accepted)
                return
            document.check_for_colleagues()
            if result in (ConflictDialog.DialogCode.Accepted, MERGED):
                # Written as a new version: theirs stays in the history.
                chosen = dialog.merged_text() if result == MERGED else value
                fresh = current_record(document.workspace, "risk", risk_id)
                if fresh is not None:
                    self._guard(lambda: edit_fields(document, "risk", risk_id, fresh.version, {name: chosen},
                                                    f"Change {LABELS.get(name, name)} of {fresh.reference}"))
            if self.risk is not None and self.risk.id == risk_id:
                self.show_risk(document.risk(risk_id))

        dialog.finished.connect(finished)
        if self._leaving:
            dialog.exec()  # the field is going away: settle it before anything else happens
        else:
            dialog.open()

    def _edit_item(self, kind: str, item_id: str, version: int, values: dict[str, Any],
                   before: dict[str, Any]) -> None:
        """Write a control's or action's dialog; a colleague's change to the same field is asked about."""
        document = self._doc()
        text = f"Edit {kind} of {self._current().reference}"
        refused: list[Failure] = []
        WindowOp(document, lambda: edit_fields(document, kind, item_id, version, values, text)) \
            .failure(refused.append).run(self)
        if not refused:
            return
        clash = refused[0].error
        if not isinstance(clash, ConflictError):
            self.problem.show_problem(refused[0].sentence)
            return
        if clash.current is None:
            self.problem.show_problem(f"{clash}. What you typed: " + "; ".join(
                str(v) for v in values.values() if isinstance(v, str) and v))
            return
        theirs = {name: getattr(clash.current, name, None) for name in values}
        # Fields only the user changed are written at once; each one both changed is asked about.
        asked = [n for n in values if theirs[n] != before.get(n) and theirs[n] != values[n]]
        quiet = {n: v for n, v in values.items() if n not in asked and theirs[n] != v}
        if quiet:
            self._guard(lambda: edit_fields(document, kind, item_id, current_version(document.workspace, kind,
                                                                                     item_id), quiet, text))
        document.check_for_colleagues()
        if asked:
            self.conflicts.ask(ConflictError(kind, item_id, version, clash.current, {n: values[n] for n in asked},
                                             changed_by=clash.changed_by, changed_at=clash.changed_at))

    def _after_deletion(self, risk_id: str, name: str, value: Any, restore: bool) -> None:
        """Bring a risk a colleague deleted back with the user's change, or let it go."""
        document = self._doc()
        if restore:
            self._guard(lambda: document.run(lambda: document.workspace.restore_risk(risk_id)))
            fresh = current_record(document.workspace, "risk", risk_id)
            if fresh is not None:
                self._guard(lambda: edit_fields(document, "risk", risk_id, fresh.version, {name: value},
                                                f"Change {LABELS.get(name, name)} of {fresh.reference}"))
        document.check_for_colleagues()
        if not restore and document.risk(risk_id) is not None:
            document.apply(OpChanges(risks={risk_id}))  # the deletion came before our last look: read it
        if self.risk is not None and self.risk.id == risk_id:
            self.show_risk(document.risk(risk_id))

    def _guard(self, step: Any) -> None:
        WindowOp(self.document, step).failure(self._refused).run(self)

    def _refused(self, failure: Failure) -> None:
        """A refusal told in the editor: beside the field it names, or under the form."""
        if failure.problems:
            self._show_problems(failure.problems)
            return
        self.problem.show_problem(failure.sentence)
        if self.document is not None:
            self.document.check_for_colleagues()
