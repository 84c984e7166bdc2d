"""Preparing the plain data a report prints, from an open register file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from riskdesk.core.changes_since import RiskChange
from riskdesk.core.contents import RegisterContents
from riskdesk.core.cover import Cover
from riskdesk.core.model import (
    Action,
    ActionStatus,
    Control,
    Period,
    Register,
    RegisterKind,
    Risk,
    RiskStatus,
    Score,
    choice_words,
)
from riskdesk.core.report_kinds import KIND_IDS, report_kind
from riskdesk.core.scheme import Band
from riskdesk.reporting.data import ActionLine, AreaEntry, ControlLine, ReportData, ReportMeta, RiskEntry, exempt_words
from riskdesk.services.as_at import AsAt, as_at
from riskdesk.services.queries import find_period, find_register, load_contents, period_view, subtree_ids, tree_order
from riskdesk.services.what_changed import ChangeReport, ChangesError, what_changed
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, CONTROL

REPORT_KINDS = KIND_IDS


class ReportError(ValueError):
    """A report that cannot be made as asked; the message is one plain sentence."""


@dataclass(frozen=True)
class ReportOptions:
    """What the user asked for: which report, period, registers and version."""

    kind: str = "committee"
    period: str | None = None  # a period label; None = the latest closed period
    register: str | None = None  # a register name or id; None = every register
    children: bool = True  # with the register, the registers beneath it
    min_band: str | None = None
    include_closed: bool = False
    exempt: bool = False  # True = the exempt (Part B) version, marked on every page: the exempt risks alone
    whole_pack: bool = False  # with exempt: the public risks too, so the exempt version is the whole pack
    page_size: str = "A4"  # "A4" or "A3"
    greyscale: bool = False
    cover: Cover | None = None  # a covering report and contents before the report
    since: str | None = None  # "changes": from the close of this period (default: the one before --period)
    mark_changes: bool = False  # committee pack: say on each risk what changed since the period before


def prepare_report(workspace: Workspace, options: ReportOptions, today: date | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ReportData:
    """Everything the chosen report prints, as of the chosen period; raises ReportError when it cannot be made."""
    if options.kind not in REPORT_KINDS:
        raise ReportError(f'There is no report called "{options.kind}"; choose {", ".join(REPORT_KINDS)}.')
    if options.page_size.upper() not in ("A4", "A3"):
        raise ReportError(f'Page size "{options.page_size}" is not available; choose A4 or A3.')
    today = today or date.today()
    contents = load_contents(workspace)
    period = _chosen_period(contents, options.period)
    root = _chosen_register(contents, options.register)
    minimum = _chosen_band(contents, options.min_band)
    tree = tree_order(contents.registers)
    # A paper about a closed quarter says what was overdue at the quarter's end, not today.
    as_of = period.end if period is not None and period.is_closed and period.end is not None else today
    # A closed period's pack shows every record as it stood when the period closed.
    then = as_at(workspace, period) if period is not None and period.is_closed else None
    entries = _entries(contents, options, period, root, minimum, as_of, tree, then)
    scope_root = root or _single_top(contents.registers)
    alone = root is not None and not options.children
    meta = ReportMeta(
        council=workspace.settings.council_name,
        title=_title(options.kind, scope_root),
        period=period_label(contents, period),
        produced=today,
        exempt=options.exempt,
        page_size=options.page_size.upper(),
        greyscale=options.greyscale,
        arrow_style=workspace.settings.arrow_style,
        scope=scope_root.name if scope_root else "All registers",
        matrix_axes=workspace.settings.extra.get("matrix_axes", ""),
        filters=filters_stated(options, minimum, root),
    )
    data = ReportData(meta=meta, scheme=contents.scheme, risks=entries,
                      introduction=scope_root.commentary if scope_root else "", cover=options.cover)
    appetite = contents.appetite_rules()
    limit = appetite.threshold(appetite.default)
    data.appetite_line = (limit, appetite.default) if limit is not None else None
    if options.kind == "profile":
        data.areas = ([AreaEntry(root.name, root.commentary, root.owner, tuple(entries))] if alone and root
                      else _profile_areas(contents, entries, scope_root))
    elif options.kind == "matrix":
        data.areas = _matrix_sheets(contents, entries, root, tree, options.children)
    elif options.kind == "changes":
        report = _change_report(workspace, contents, options, period, today)
        shown = {e.risk.id for e in _entries(contents, replace(options, include_closed=True), None, root, minimum,
                                              as_of, tree)}
        data.changes = [c for c in report.changes if c.risk_id in shown or (c.gone and _in_scope(contents, c, root))]
        data.changes_heading = report.heading + ("" if report.until is not None else " (to current figures)")
        data.meta = replace(meta, period=data.changes_heading)
    if options.mark_changes and options.kind != "changes":
        report = _change_report(workspace, contents, options, period, today)
        said = {c.risk_id: c.summary for c in report.changes}
        data.risks = [replace(e, changed=said.get(e.risk.id, "")) for e in data.risks]
        data.areas = [replace(area, risks=tuple(replace(e, changed=said.get(e.risk.id, "")) for e in area.risks))
                      for area in data.areas]
    if options.kind == "actions":
        data.actions = sorted((a for e in entries for a in e.actions if a.status in _OPEN_WORDS),
                              key=lambda a: (not a.overdue, a.owner.lower(), a.due or date.max, a.risk_reference))
    return data


def _change_report(workspace: Workspace, contents: RegisterContents, options: ReportOptions,
                   period: Period | None, today: date) -> ChangeReport:
    """What changed up to the reported period (or now), since --since or the period before it."""
    explicit_period = options.period is not None and bool(options.period.strip())
    until = period.label if explicit_period and period is not None and period.is_closed else None
    since = options.since
    if (since is None or not since.strip()) and until is not None and period is not None:
        earlier = [p for p in contents.closed_periods() if p.position < period.position]
        if not earlier:
            raise ReportError(f"There is no closed period before {period.label} to compare it with.")
        since = earlier[-1].label
    try:
        return what_changed(workspace, since, until, today)
    except ChangesError as error:
        raise ReportError(str(error)) from None


def _in_scope(contents: RegisterContents, change: RiskChange, root: Register | None) -> bool:
    risk = next((r for r in contents.risks if r.id == change.risk_id), None)
    return root is None or (risk is not None and risk.register_id in subtree_ids(contents.registers, root.id))


def filters_stated(options: ReportOptions, minimum: Band | None, root: Register | None) -> str:
    """The options that chose the risks, in a sentence printed under the report's title."""
    parts = [f"{minimum.name} risks and above" if minimum is not None else "All bands"]
    parts.append("closed risks included" if options.include_closed else "closed risks left out")
    if not options.exempt:
        parts.append("public version: exempt (Part B) risks left out")
    elif options.whole_pack:
        parts.append("exempt version: every risk, exempt (Part B) ones flagged")
    else:
        parts.append("exempt version: the exempt (Part B) risks alone")
    if root is not None and not options.children:
        parts.append(f"{root.name} alone, without the registers beneath it")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


_OPEN_WORDS = {ActionStatus.NOT_STARTED.value, ActionStatus.IN_PROGRESS.value}


def period_label(contents: RegisterContents, period: Period | None) -> str:
    """The words a report prints for its period; live figures are said to be live."""
    if period is not None and period.is_closed:
        return period.label
    current = period or contents.current_period()
    return f"{current.label} (current figures)" if current else "Current figures"


def _chosen_period(contents: RegisterContents, label: str | None) -> Period | None:
    if label is not None and label.strip():
        found = find_period(contents, label)
        if found is None:
            labels = ", ".join(p.label for p in sorted(contents.periods, key=lambda p: p.position)) or "none yet"
            raise ReportError(f'There is no reporting period called "{label.strip()}" in this register file; '
                              f"its periods are {labels}.")
        return found
    closed = contents.closed_periods()
    return closed[-1] if closed else None


def _chosen_register(contents: RegisterContents, name: str | None) -> Register | None:
    if name is None or not name.strip():
        return None
    found = find_register(contents, name.strip())
    if found is None:
        names = ", ".join(r.name for r in contents.registers if not r.archived)
        raise ReportError(f'There is no register called "{name.strip()}" in this register file; '
                          f"its registers are {names}.")
    if found.archived:
        raise ReportError(f'The register "{found.name}" is archived; restore it to report on it.')
    return found


def _chosen_band(contents: RegisterContents, name: str | None) -> Band | None:
    if name is None or not name.strip():
        return None
    for band in contents.scheme.bands:
        if band.name.lower() == name.strip().lower():
            return band
    names = ", ".join(b.name for b in contents.scheme.bands)
    raise ReportError(f'There is no band called "{name.strip()}"; this file\'s bands are {names}.')


def _single_top(registers: list[Register]) -> Register | None:
    tops = [r for r in registers if r.parent_id is None and not r.archived]
    return tops[0] if len(tops) == 1 else None


def _title(kind: str, root: Register | None) -> str:
    if kind == "committee" and root is not None and root.kind == RegisterKind.STRATEGIC:
        return "Strategic Risk Monitoring Report"
    record = report_kind(kind)
    return record.title if record else kind


def _entries(contents: RegisterContents, options: ReportOptions, period: Period | None, root: Register | None,
             minimum: Band | None, today: date, tree: list[Register], at: AsAt | None = None) -> list[RiskEntry]:
    ids = subtree_ids(contents.registers, root.id if root else None)
    if root is not None and not options.children:
        ids = {root.id}
    order = {r.id: index for index, r in enumerate(tree)}
    names = {r.id: r.name for r in contents.registers}
    scheme = contents.scheme
    controls: dict[str, list[Control]] = {}
    for control in contents.controls:
        controls.setdefault(control.risk_id, []).append(control)
    actions: dict[str, list[Action]] = {}
    for action in contents.actions:
        actions.setdefault(action.risk_id, []).append(action)
    entries: list[RiskEntry] = []
    represented_on, represents = _link_texts(contents, options)
    # Owners, dates and the register a risk was held on, as they stood (when the period is closed).
    held = [at.risk(r) if at is not None else r for r in contents.risks if not r.archived]
    risks = sorted((r for r in held if r.register_id in ids and r.register_id in order),
                   key=lambda r: (order[r.register_id], r.position))
    # Direction of travel needs a period before the reported one to compare with; else it is "–".
    closed = contents.closed_periods()
    compared = (any(p.position < period.position for p in closed) if period is not None and period.is_closed
                else bool(closed))
    for risk in risks:
        if period is not None and period.is_closed and contents.snapshot(period.id, risk.id) is None:
            continue  # the risk was not on the register in that period
        view = period_view(contents, risk, period)
        then = view.risk
        if then.status == RiskStatus.CLOSED and not options.include_closed:
            continue
        if then.exempt and not options.exempt:
            continue  # exempt (Part B) risks are left out of the public version entirely
        if options.exempt and not options.whole_pack and not then.exempt:
            continue  # the exempt papers hold the exempt risks alone unless the whole pack is asked for
        if minimum is not None:
            if then.residual is None:
                continue
            band = scheme.band_for(then.residual.likelihood, then.residual.impact)
            if scheme.band_rank(band) < scheme.band_rank(minimum):
                continue
        risk_actions, risk_controls = actions.get(risk.id, []), controls.get(risk.id, [])
        if at is not None:
            risk_actions = at.items(risk.id, risk_actions, ACTION)
            risk_controls = at.items(risk.id, risk_controls, CONTROL)
        lines = tuple(_action_line(a, then, today) for a in risk_actions if a.status != ActionStatus.CANCELLED)
        control_lines = tuple(ControlLine(c.description, c.owner, c.effectiveness.value) for c in risk_controls)
        entries.append(RiskEntry(then, view.comment, view.direction if compared else None,
                                 names.get(risk.register_id, ""), control_lines, lines,
                                 register_path=_register_path(contents.registers, risk.register_id),
                                 trend=_trend(contents, then, period),
                                 context=_context(then, contents),
                                 represented_on=tuple(represented_on.get(risk.id, ())),
                                 represents=tuple(represents.get(risk.id, ()))))
    return entries


def _context(risk: Risk, contents: RegisterContents) -> tuple[tuple[str, str], ...]:
    """Appetite against the residual score where an appetite applies, then treatment and proximity."""
    pairs: list[tuple[str, str]] = []
    appetite = contents.appetite_rules()
    limit = appetite.limit_for(risk)
    if limit is not None and (risk.appetite.strip() or appetite.category_key(risk.category)):
        value = contents.scheme.value_of(risk.residual) if risk.residual is not None else None
        if value is None:
            verdict = "the risk is not scored"
        elif value > limit:
            verdict = f"the residual score of {value} is above it"
        else:
            verdict = f"the residual score of {value} is within it"
        pairs.append(("Risk appetite:", f"{appetite.level_for(risk)}, scores up to {limit}; {verdict}"))
    pairs.append(("Treatment:", choice_words(risk.treatment)))
    if risk.proximity.strip():
        pairs.append(("Proximity:", risk.proximity.strip()))
    return tuple(pairs)


def _trend(contents: RegisterContents, risk: Risk, period: Period | None) -> tuple[tuple[str, Score | None], ...]:
    """The residual score over the last four quarters up to the reported one (live figures last when open)."""
    closed = contents.closed_periods()
    if period is not None and period.is_closed:
        quarters = [p for p in closed if p.position <= period.position][-4:]
        live: list[tuple[str, Score | None]] = []
    else:
        quarters = closed[-3:]
        current = period or contents.current_period()
        live = [(current.label if current else "Now", risk.residual)]
    past: list[tuple[str, Score | None]] = []
    for quarter in quarters:
        snapshot = contents.snapshot(quarter.id, risk.id)
        past.append((quarter.label, snapshot.residual if snapshot else None))
    return tuple(past + live)


def _register_path(registers: list[Register], register_id: str) -> tuple[str, ...]:
    """Names of the registers from the top of the tree down to the given one."""
    by_id = {r.id: r for r in registers}
    path: list[str] = []
    current = by_id.get(register_id)
    while current is not None and len(path) <= len(registers):
        path.append(current.name)
        current = by_id.get(current.parent_id) if current.parent_id else None
    return tuple(reversed(path))


LinkTexts = dict[str, list[str]]


def _link_texts(contents: RegisterContents, options: ReportOptions) -> tuple[LinkTexts, LinkTexts]:
    """For each risk: what it is represented on, and what is represented on it ("SR 7.2 Title").

    Risks that are archived, or exempt in a public report, are not named.
    """
    by_id = {r.id: r for r in contents.risks}
    represented_on: LinkTexts = {}
    represents: LinkTexts = {}
    for link in contents.links:
        source, target = by_id.get(link.from_risk_id), by_id.get(link.to_risk_id)
        for near, far, found in ((source, target, represented_on), (target, source, represents)):
            if near is None or far is None or far.archived or (far.exempt and not options.exempt):
                continue
            found.setdefault(near.id, []).append(f"{far.reference} {far.title}")
    return represented_on, represents


def _action_line(action: Action, risk: Risk, today: date) -> ActionLine:
    return ActionLine(
        description=action.description, owner=action.owner, due=action.due_date, status=action.status.value,
        rag=action.rag.value if action.rag else "", progress=action.progress, risk_reference=risk.reference,
        risk_title=risk.title, overdue=action.is_overdue(today), exempt=exempt_words(risk),
    )


def _within(contents: RegisterContents, entries: list[RiskEntry], register_id: str) -> tuple[RiskEntry, ...]:
    ids = subtree_ids(contents.registers, register_id)
    return tuple(e for e in entries if e.risk.register_id in ids)


def _profile_areas(contents: RegisterContents, entries: list[RiskEntry], root: Register | None) -> list[AreaEntry]:
    """One area per child of the root (each with its subtree); the root's own risks form one more."""
    live = [r for r in contents.registers if not r.archived]
    parent = root.id if root else None
    children = sorted((r for r in live if r.parent_id == parent), key=lambda r: r.position)
    areas = [AreaEntry(c.name, c.commentary, c.owner, _within(contents, entries, c.id)) for c in children]
    if root is not None and not children:
        # A register with nothing beneath it is its own single area.
        return [AreaEntry(root.name, root.commentary, root.owner, tuple(entries))]
    if root is not None:
        own = tuple(e for e in entries if e.risk.register_id == root.id)
        if own:
            # Counts must add up: risks held on the root itself get their own matrix.
            areas.insert(0, AreaEntry(f"{root.name} (held at this level)", "", root.owner, own))
    return areas


def _matrix_sheets(contents: RegisterContents, entries: list[RiskEntry], root: Register | None,
                   tree: list[Register], children: bool = True) -> list[AreaEntry]:
    """One sheet per register in the chosen subtree holding any risk, each with the risks held on it and beneath it.

    A register with no risk matching the options gets no sheet: an empty matrix is a wasted page.
    """
    ids = subtree_ids(contents.registers, root.id if root else None)
    if root is not None and not children:
        ids = {root.id}
    sheets = [AreaEntry(r.name, r.commentary, r.owner, _within(contents, entries, r.id)) for r in tree if r.id in ids]
    return [sheet for sheet in sheets if sheet.risks]
