"""The demo registers tell the story of the seed documents, and their counts add up."""

from __future__ import annotations

from collections import Counter

from riskdesk.core.grid import build_grid
from riskdesk.core.model import ScoreKind
from riskdesk.services.queries import find_register, load_contents, period_view, risks_in_subtree
from riskdesk.services.workspace import Workspace


def test_five_by_five_demo_holds_the_strategic_risks_of_the_monitoring_report(demo_5x5: Workspace) -> None:
    contents = load_contents(demo_5x5)
    strategic = find_register(contents, "Strategic Risk Register")
    assert strategic is not None
    own = [r for r in contents.risks if r.register_id == strategic.id]
    scores = {r.reference: (r.residual.value, contents.scheme.band_for(r.residual.likelihood, r.residual.impact).name)
              for r in own}
    assert scores == {"SR 7.2": (9, "Medium"), "SR 7.4": (12, "Medium"),
                      "SR 7.5": (12, "Medium"), "SR 7.7": (12, "Medium")}
    closed = [p.label for p in contents.closed_periods()]
    assert closed == ["Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24"]
    q4 = contents.closed_periods()[-1]
    assert {period_view(contents, r, q4).direction.value for r in own} == {"No change"}
    q2 = contents.closed_periods()[1]
    assert any(period_view(contents, r, q2).direction.value == "Improved" for r in own)
    sr72 = next(r for r in own if r.reference == "SR 7.2")
    assert len(contents.actions_of(sr72.id)) == 6
    assert all(a.rag is not None for a in contents.actions_of(sr72.id))


def test_five_by_five_departmental_risks_link_to_the_strategic_ones(demo_5x5: Workspace) -> None:
    contents = load_contents(demo_5x5)
    departmental = find_register(contents, "Children's Services Departmental Risk Register")
    assert departmental is not None and departmental.parent_id is not None
    risks = risks_in_subtree(contents, departmental.id)
    high = [r for r in risks if contents.scheme.band_for(r.residual.likelihood, r.residual.impact).name == "High"]
    assert len(high) == 4
    assert any(r.residual.value == 20 for r in high)
    linked = {link.from_risk_id for link in contents.links}
    assert sum(r.id in linked for r in high) == 3  # three of four represented, as the minutes say
    targets = {link.to_risk_id for link in contents.links}
    references = {r.id: r.reference for r in contents.risks}
    assert {references[t] for t in targets} <= {"SR 7.2", "SR 7.4", "SR 7.5", "SR 7.7"}
    assert any(r.exempt for r in contents.risks)


def test_three_by_three_demo_areas_match_the_profile_and_the_whole_adds_up(demo_3x3: Workspace) -> None:
    contents = load_contents(demo_3x3)
    expected = {
        "Care and Protection": {(1, 3): 1, (2, 3): 3, (3, 3): 1, (1, 2): 1, (2, 2): 2, (2, 1): 1},
        "Commissioning and Partnerships": {(1, 3): 1, (2, 3): 2, (1, 2): 2, (2, 2): 1, (3, 2): 1, (1, 1): 1},
        "Schools and Learning": {(1, 3): 2, (2, 3): 1, (3, 3): 1, (1, 2): 3, (2, 2): 1, (3, 2): 1, (1, 1): 2},
    }
    total: Counter[tuple[int, int]] = Counter()
    for name, cells in expected.items():
        register = find_register(contents, name)
        assert register is not None, name
        grid = build_grid(contents.scheme, risks_in_subtree(contents, register.id), ScoreKind.RESIDUAL)
        counts = {key: cell.count for key, cell in grid.cells.items() if cell.count}
        assert counts == cells, name
        total.update(counts)
    whole = find_register(contents, "Children's Services")
    assert whole is not None
    grid = build_grid(contents.scheme, risks_in_subtree(contents, whole.id), ScoreKind.RESIDUAL)
    assert grid.total == 28 == sum(total.values())
    assert grid.count_in_band("High") == 10
    high = sorted(r.reference for r in risks_in_subtree(contents, whole.id)
                  if contents.scheme.band_for(r.residual.likelihood, r.residual.impact).name == "High")
    assert {"104", "105", "106", "107", "277", "278", "281", "272"} <= set(high)


def test_three_by_three_directions_are_those_of_the_profile(demo_3x3: Workspace) -> None:
    contents = load_contents(demo_3x3)
    q4 = next(p for p in contents.periods if p.label == "Q4 2020/21")
    directions = {r.reference: period_view(contents, r, q4).direction.value for r in contents.risks}
    assert {k: directions[k] for k in ("104", "105", "106", "107", "277", "278", "281", "272")} == {
        "104": "New", "105": "No change", "106": "Improved", "107": "Improved",
        "277": "Improved", "278": "No change", "281": "Worse", "272": "No change"}


# -- made for the day it is made: quarters ending near today, a few reviews overdue ----------------


def _made_on(tmp_path, preset: str, today):  # type: ignore[no-untyped-def]
    from riskdesk.services.demo import write_demo

    path = tmp_path / f"demo-{preset}-{today.isoformat()}.sqlite"
    write_demo(path, preset, today=today)
    return Workspace.open(path, read_only=True)


def test_a_demo_made_today_has_its_open_quarter_now_and_only_a_few_reviews_overdue(tmp_path) -> None:
    from datetime import date

    from riskdesk.core.periods import quarter_label
    from riskdesk.services.committee_check import check_for_committee

    today = date(2026, 12, 1)
    workspace = _made_on(tmp_path, "5x5", today)
    try:
        contents = load_contents(workspace)
        result = check_for_committee(workspace, today=today)
    finally:
        workspace.close()
    current = contents.current_period()
    assert current is not None and current.label == quarter_label(today) == "Q3 2026/27"
    assert current.start <= today <= current.end
    assert [p.label for p in contents.closed_periods()] == ["Q3 2025/26", "Q4 2025/26", "Q1 2026/27",
                                                             "Q2 2026/27"]
    reviewed = [r.last_reviewed for r in contents.risks if r.last_reviewed]
    assert reviewed and all(date(2026, 9, 1) <= day <= date(2026, 9, 30) for day in reviewed)
    overdue = {f.reference for f in result.findings if f.kind == "review_overdue"}
    # The monthly reviews of the high risks are overdue on purpose; the rest fall due later.
    assert 0 < len(overdue) < len(contents.risks) // 2, overdue
    late_actions = [f for f in result.findings if f.kind == "action_overdue"]
    assert 0 < len(late_actions) < len(contents.actions) // 2
    # The story keeps its shape: the same strategic scores and directions as when written.
    strategic = find_register(contents, "Strategic Risk Register")
    assert strategic is not None
    last = contents.closed_periods()[-1]
    own = [r for r in contents.risks if r.register_id == strategic.id]
    assert {r.reference: r.residual.value for r in own} == {"SR 7.2": 9, "SR 7.4": 12, "SR 7.5": 12, "SR 7.7": 12}
    assert {period_view(contents, r, last).direction.value for r in own} == {"No change"}


def test_years_in_the_3x3_texts_move_with_its_quarters(tmp_path) -> None:
    from datetime import date

    workspace = _made_on(tmp_path, "3x3", date(2026, 12, 1))
    try:
        contents = load_contents(workspace)
    finally:
        workspace.close()
    assert contents.current_period().label == "Q3 2026/27"
    texts = " ".join(r.period_comment for r in contents.risks)
    assert "Contributions for 2026/27 agreed in principle." in texts
    assert "2021/22" not in texts
    controls = " ".join(c.description for c in contents.controls)
    assert "funded until September 2026" in controls
