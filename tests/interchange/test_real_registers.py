"""The five real registers come in through the command line, detected and with their mapping files, into a
register of their own scheme: every risk, score, control and action, and every column accounted for."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import openpyxl
import pytest

from riskdesk.cli import main
from riskdesk.core.contents import RegisterContents
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "realdata"
MAPPINGS = Path(__file__).resolve().parent / "mappings"
FENLAND = "fenland-dc-corporate-risk-register-2019-07.csv"
YORK = "city-of-york-council-guildhall-project-risk-register.xlsx"
MOORGATE = "city-of-london-moorgate-area-project-risk-register.xlsx"
IGIUGIG = "igiugig-village-council-tidal-energy-project-risk-register.xlsx"
DIGITAL = "digital-security-it-sample-risk-register.xlsx"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real registers are laid beside the repository")


def _import(tmp_path: Path, name: str, preset: str, mapping: str | None, capsys) -> tuple[RegisterContents, str]:
    path = tmp_path / f"{preset}.sqlite"
    assert main(["new", str(path), "--preset", preset]) == 0
    args = ["import", str(REAL / name), "--into", str(path), "--register", "Imported"]
    if mapping:
        args += ["--mapping", str(MAPPINGS / mapping)]
    capsys.readouterr()
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.err
    workspace = Workspace.open(path)
    try:
        return load_contents(workspace), out.out
    finally:
        workspace.close()


def _every_column_named(out: str, width: int) -> None:
    for index in range(width):
        letter = openpyxl.utils.get_column_letter(index + 1)
        assert f"Column {letter} " in out, f"column {letter} is not in the summary"


def _sheet(name: str, sheet: str | None = None) -> list[tuple]:
    book = openpyxl.load_workbook(REAL / name, read_only=True, data_only=True)
    try:
        return list((book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True))
    finally:
        book.close()


@pytest.mark.parametrize("mapping", [None, "fenland.json"])
def test_fenland_every_score_control_and_action(mapping: str | None, tmp_path: Path, capsys) -> None:
    contents, out = _import(tmp_path, FENLAND, "5x5", mapping, capsys)
    with (REAL / FENLAND).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    risks = {r.reference: r for r in contents.risks}
    assert len(risks) == len(rows) == 20
    for row in rows:
        risk = risks[row["Reference"]]
        assert (risk.inherent.impact, risk.inherent.likelihood) == (
            int(row["Risk if no action - Impact"]), int(row["Risk if no action - Likelihood"]))
        assert (risk.residual.impact, risk.residual.likelihood) == (
            int(row["Current risk - Impact"]), int(row["Current risk - Likelihood"]))
        assert risk.owner == row["Risk Owner"].strip()
        assert [c.description for c in contents.controls_of(risk.id)] == \
            [line.strip() for line in row["Mitigation"].split("\n") if line.strip()]
    assert len(contents.controls) == 178 and len(contents.actions) == 73
    _every_column_named(out, 12)


@pytest.mark.parametrize("mapping", [None, "york.json"])
def test_york_six_levels_stored_out_of_ten(mapping: str | None, tmp_path: Path, capsys) -> None:
    contents, out = _import(tmp_path, YORK, "6x5", mapping, capsys)
    rows = [r for r in _sheet(YORK)[1:] if r[1] is not None]
    risks = {r.reference: r for r in contents.risks}
    assert len(risks) == len(rows) == 45
    for row in rows:
        risk = risks[str(row[1])]
        assert risk.residual is not None
        assert (risk.residual.likelihood, risk.residual.impact) == (round(row[6] * 6 / 10), round(row[7] * 6 / 10))
        if row[10]:
            assert contents.controls_of(risk.id), risk.reference
    assert max(r.residual.likelihood for r in contents.risks if r.residual) == 6
    disagreeing = [line for line in out.splitlines() if "Risk Index" in line and "kept as a note" in line]
    assert len(disagreeing) == 18
    _every_column_named(out, 11)


@pytest.mark.parametrize("mapping", [None, "moorgate.json"])
def test_moorgate_words_on_a_weighted_four_by_four(mapping: str | None, tmp_path: Path, capsys) -> None:
    contents, out = _import(tmp_path, MOORGATE, "4x4-weighted", mapping, capsys)
    scheme = contents.scheme
    rows = [r for r in _sheet(MOORGATE)[1:] if r[1]]
    risks = {r.reference: r for r in contents.risks}
    assert len(risks) == len(rows) == 10
    for row in rows:
        risk = risks[row[1]]
        assert scheme.likelihood_level(risk.residual.likelihood).label == row[5]
        assert scheme.impact_level(risk.residual.impact).label == row[6]
        band = scheme.band_for(risk.residual.likelihood, risk.residual.impact).name
        assert band.lower().startswith(row[7].lower()), (risk.reference, band, row[7])
        assert contents.actions_of(risk.id)
    assert "Impact (1-10)': Residual impact (words: Minor = 1, Serious = 2, Major = 3)" in out
    _every_column_named(out, 10)


@pytest.mark.parametrize("mapping", [None, "igiugig.json"])
def test_igiugig_template_with_group_headings_and_sections(mapping: str | None, tmp_path: Path, capsys) -> None:
    contents, out = _import(tmp_path, IGIUGIG, "5x5", mapping, capsys)
    rows = _sheet(IGIUGIG, "Risk Register")
    data = [r for r in rows[3:] if r[3]]
    assert len(contents.risks) == len(data) == 33
    names = {r.id: r.name for r in contents.registers}
    assert sorted({names[r.register_id] for r in contents.risks}) == [
        "Budget Period 1", "Budget Period 2", "Budget Period 3"]
    ordered = sorted(contents.risks, key=lambda r: int(r.reference))
    for risk, row in zip(ordered, data, strict=True):
        assert risk.title == row[3].strip()
        assert (risk.inherent.impact, risk.inherent.likelihood) == (row[10], row[11])
        assert (risk.residual.impact, risk.residual.likelihood) == (row[17], row[18])
        assert risk.treatment.value == {"mitigate": "treat", "avoid": "terminate", "transfer": "transfer",
                                        "accept": "tolerate"}[row[14].strip().lower()]
    assert "Sheet 'Risk Register'" in out.replace("sheet", "Sheet") and "headings in row 3" in out
    assert "Skipped 944 row(s) with no risk in them" in out
    _every_column_named(out, 24)


@pytest.mark.parametrize("mapping", [None, "digital-security.json"])
def test_digital_security_rescaled_and_long_titles(mapping: str | None, tmp_path: Path, capsys) -> None:
    contents, out = _import(tmp_path, DIGITAL, "5x5", mapping, capsys)
    rows = [r for r in _sheet(DIGITAL)[1:] if r[1]]
    risks = {r.reference: r for r in contents.risks}
    assert len(risks) == len(rows) == 3
    for row in rows:
        risk = risks[row[1]]
        assert (risk.residual.likelihood, risk.residual.impact) == (math.ceil(row[5] / 2), math.ceil(row[6] / 2))
        assert len(risk.title) <= 300 and risk.description.startswith(row[2].strip()[:50])
    assert "the title was long" in out
    _every_column_named(out, 10)


def test_a_second_import_of_the_same_file_changes_nothing(tmp_path: Path, capsys) -> None:
    _import(tmp_path, IGIUGIG, "5x5", None, capsys)
    path = tmp_path / "5x5.sqlite"
    assert main(["import", str(REAL / IGIUGIG), "--into", str(path), "--register", "Imported", "--dry-run"]) == 0
    assert "Would import" in (out := capsys.readouterr().out) and "0 new, 0 updated, 33 unchanged" in out
