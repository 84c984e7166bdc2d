"""The name the history records comes from the computer account unless the user sets one."""

from __future__ import annotations

from pathlib import Path

from riskdesk.core.model import Score
from riskdesk.ui.settings import history_name, set_history_name
from tests.ui.helpers import select_register


def test_a_chosen_name_is_written_into_the_history(make_window, demo_5x5_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RISKDESK_USER", "computer-account")
    set_history_name("")
    assert history_name() == "computer-account"
    set_history_name("Business Support Officer")
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.2")
    window.risk_actions.rescore(risk.id, "residual", 2, 3, "Audit improved")
    rows = [h for h in window.document.workspace.store.history(risk.id) if h["field"] == "residual"]
    assert rows[-1]["changed_by"] == "Business Support Officer"
    assert window.document.risk(risk.id).residual == Score(2, 3)
    set_history_name("")
