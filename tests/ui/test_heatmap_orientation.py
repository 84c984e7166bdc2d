"""The heat map starts in the orientation the file's printed matrices use."""

from __future__ import annotations

from tests.ui.test_heatmap_helpers import make_panel


def test_a_three_by_three_file_puts_impact_down_the_side(qtbot, demo_3x3) -> None:
    panel = make_panel(qtbot, demo_3x3, "Care and Protection")
    assert panel.grid is not None and panel.grid.transposed
    # Top-left cell: highest impact, lowest likelihood, as in the service risk profile.
    assert panel.grid.position_to_scores(0, 0) == (1, 3)
    panel.set_transposed(False)  # the user's choice holds for further data of the same file
    panel.set_data(demo_3x3.scheme, [], None)
    assert not panel.grid.transposed


def test_a_five_by_five_file_puts_likelihood_down_the_side(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, "Strategic Risk Register")
    assert panel.grid is not None and not panel.grid.transposed
    assert panel.grid.position_to_scores(0, 0) == (5, 1)


def test_the_selected_risk_leads_its_cell_so_it_is_never_hidden(qtbot, demo_5x5) -> None:
    panel = make_panel(qtbot, demo_5x5, None)
    model = panel.heat_model()
    crowded = max(panel.grid.cells.values(), key=lambda cell: cell.count)
    assert crowded.count >= 3
    last = crowded.risks[-1]
    assert model.laid_out_references(crowded)[0] != last.reference
    panel.highlight_risk(last.id)
    shown = model.laid_out_references(crowded)
    assert shown[0] == last.reference
    assert sorted(shown) == sorted(r.reference for r in crowded.risks)  # nothing lost, nothing doubled


def test_the_files_axes_setting_turns_the_window_and_the_papers_alike(qtbot, make_window, demo_3x3_path,
                                                                     tmp_path) -> None:
    from riskdesk.services.reports import ReportOptions, write_report
    from riskdesk.services.workspace import Workspace
    from riskdesk.ui.heatmap import HeatMapPanel
    from tests.reporting.pdftools import pdf_pages
    from tests.ui.helpers import select_register

    workspace = Workspace.open(demo_3x3_path)
    try:
        # A 3x3 file would put impact down the side; this one's setting asks for likelihood.
        workspace.update_settings(extra={**workspace.settings.extra, "matrix_axes": "likelihood"})
        paper = tmp_path / "matrix.pdf"
        write_report(workspace, ReportOptions(kind="matrix"), paper)
    finally:
        workspace.close()
    page = pdf_pages(paper)[0]
    across = next(line.strip() for line in page.splitlines() if line.strip().startswith(("LIKELIHOOD", "IMPACT")))
    assert across.startswith("IMPACT"), "the paper runs impact along the top, so likelihood down the side"

    window = make_window(demo_3x3_path)
    panel = HeatMapPanel()
    window.install_heat_map(panel)
    select_register(window, "Care and Protection")
    assert panel.grid is not None and not panel.transposed
    assert panel.grid.vertical_title.lower().startswith("likelihood")
    # Top-left cell: highest likelihood, lowest impact, as on the paper.
    assert panel.grid.position_to_scores(0, 0) == (3, 1)
