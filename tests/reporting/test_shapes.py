"""Every report builds for a weighted 4x4, a 6x5 and a 6x6 register and reads back right."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskdesk.core.presets import preset
from riskdesk.services.report_data import REPORT_KINDS
from tests.reporting.conftest import MakeReport
from tests.reporting.pdftools import pdf_pages, pdf_text
from tests.shaped import SHAPED, shaped_register


@pytest.fixture(params=SHAPED)
def shaped(request, demo_5x5_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = shaped_register(demo_5x5_path, tmp_path, request.param)
    yield workspace
    workspace.close()


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_matrix_sheet_has_every_level_of_the_scheme(shaped, make_report: MakeReport) -> None:
    scheme = shaped.scheme
    path, _pages = make_report(shaped, kind="matrix")
    first = _flat(pdf_pages(path)[0])
    assert "Strategic Risk Register" in first
    for level in (*scheme.likelihood, *scheme.impact):
        # A long caption wraps in its header cell: "Almost certain" over "(6)".
        assert level.label in first and f"({level.number})" in first, level.caption
    assert "TOP 1" in first
    top = scheme.score_of(scheme.max_likelihood, scheme.max_impact)
    top_band = scheme.band_for(scheme.max_likelihood, scheme.max_impact).name
    assert f"{top} {top_band}" in first, "the highest cell says its (weighted) score and band"


def test_the_committee_report_scores_with_the_scheme(shaped, make_report: MakeReport) -> None:
    scheme = shaped.scheme
    path, pages = make_report(shaped, kind="committee")
    assert pages >= 2
    text = _flat(pdf_text(path))
    top = scheme.score_of(scheme.max_likelihood, scheme.max_impact)
    top_band = scheme.band_for(scheme.max_likelihood, scheme.max_impact).name
    assert f"{top_band} {top}" in text
    for level in scheme.likelihood:
        assert level.label in text, "the scoring key lists every likelihood level"
        assert f"{level.caption} {level.probability}, {level.frequency}" in text, "with its chance"
    for band in scheme.bands:
        assert band.name in text


@pytest.mark.parametrize("kind", ["profile", "actions"])
def test_the_profile_and_actions_reports_build(shaped, make_report: MakeReport, kind: str) -> None:
    path, pages = make_report(shaped, kind=kind)
    text = _flat(pdf_text(path))
    assert pages >= 1
    if kind == "profile":
        for level in shaped.scheme.impact:
            assert level.label.lower() in text.lower(), "the impact criteria key has a row per impact level"
        for level in shaped.scheme.likelihood:
            assert level.probability and level.probability in text, "the likelihood key gives the chance"
        open_count = text.split("Number of risks: ")[1].split()[0]
        assert int(open_count) >= 1


def test_weighted_scores_print_as_the_council_scores_them(demo_5x5_path: Path, tmp_path: Path,
                                                          make_report: MakeReport) -> None:
    workspace = shaped_register(demo_5x5_path, tmp_path, "4x4-weighted")
    try:
        assert workspace.scheme == preset("4x4-weighted")
        path, _ = make_report(workspace, kind="committee")
        text = _flat(pdf_text(path))
        assert "High 32" in text, "4 x 8, not 4 x 4"
        assert "High 16 " not in text.split("TOP 1")[1][:60]
    finally:
        workspace.close()


def test_a_scheme_that_puts_impact_down_the_side_prints_so(demo_5x5_path: Path, tmp_path: Path,
                                                            make_report: MakeReport) -> None:
    import dataclasses

    from riskdesk.services.scheme_change import change_scheme, identity_mapping

    workspace = shaped_register(demo_5x5_path, tmp_path, "6x5")
    try:
        turned = dataclasses.replace(workspace.scheme, vertical_axis="impact")
        change_scheme(workspace, turned, identity_mapping(turned))
        path, _ = make_report(workspace, kind="matrix")
    finally:
        workspace.close()
    first = _flat(pdf_pages(path)[0])
    assert "IMPACT / CONSEQUENCE" not in first, "impact is the side's title now, likelihood runs along the top"
    assert "LIKELIHOOD" in first and "Almost certain" in first and "TOP 1" in first


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_every_kind_of_report_builds_for_a_six_by_five(kind: str, demo_5x5_path: Path, tmp_path: Path,
                                                         make_report: MakeReport) -> None:
    workspace = shaped_register(demo_5x5_path, tmp_path, "6x5")
    try:
        path, pages = make_report(workspace, kind=kind)
    finally:
        workspace.close()
    texts = pdf_pages(path)
    assert pages == len(texts) >= 1
    assert f"Page {pages} of {pages}" in _flat(texts[-1])


def test_a_long_band_name_badge_keeps_inside_its_column() -> None:
    from reportlab.lib.units import mm

    from riskdesk.reporting.flowables import BandBadge
    from riskdesk.reporting.styles import Palette

    scheme = preset("6x6")
    band = scheme.band_for(6, 6)
    badge = BandBadge(band, 36, Palette())
    width, _ = badge.wrap(20 * mm, 100)
    assert width <= 20 * mm and badge.drawn_size < badge.font_size
    roomy = BandBadge(band, 36, Palette())
    assert roomy.wrap(80 * mm, 100)[0] < 80 * mm and roomy.drawn_size == roomy.font_size


def test_the_trend_of_past_quarters_prints_weighted_scores(demo_5x5_path: Path, tmp_path: Path,
                                                           make_report: MakeReport) -> None:
    from riskdesk.reporting.trend import trend_words
    from riskdesk.services.report_data import ReportOptions, prepare_report
    from tests.reporting.conftest import TODAY

    workspace = shaped_register(demo_5x5_path, tmp_path, "4x4-weighted")
    try:
        data = prepare_report(workspace, ReportOptions(kind="committee"), TODAY)
        path, _ = make_report(workspace, kind="committee")
    finally:
        workspace.close()
    weighted = [e for e in data.risks if len(e.trend) > 1 and trend_words(e) != trend_words(e, data.scheme)]
    assert weighted, "some risk's past scores differ once impact is weighted"
    entry = weighted[0]
    expected = " → ".join(str(data.scheme.value_of(s)) for _, s in entry.trend if s is not None)
    assert trend_words(entry, data.scheme) == expected
    flat = _flat(pdf_text(path)).replace(" ", "")
    assert expected.replace(" ", "") in flat
