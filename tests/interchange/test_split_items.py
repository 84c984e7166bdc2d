"""A cell that lists several controls or actions is split the way a reader would split it."""

from __future__ import annotations

import pytest

from riskdesk.interchange.values import as_number, split_items

CASES = [
    ("Monthly meeting", ["Monthly meeting"]),
    ("• Monthly meeting", ["Monthly meeting"]),
    ("   ", []),
    ("• Contract monitoring\n• Monthly meeting\n• Escalation route",
     ["Contract monitoring", "Monthly meeting", "Escalation route"]),
    ("1. Review the contract\r\n2) Report to committee", ["Review the contract", "Report to committee"]),
    ("(a) Insurance\ru2028".replace("u2028", "\u2028") + "(b) Training", ["Insurance", "Training"]),
    ("Insurance; training; a register of assets", ["Insurance", "training", "a register of assets"]),
    ("First paragraph\nstill the first\n\n- Second one", ["First paragraph still the first", "Second one"]),
    ("- Business continuity plan\n  tested each year\n- Backup site", ["Business continuity plan tested each year",
                                                                     "Backup site"]),
    ("The plan is tested each year\nand reviewed by the board\nafter each incident",
     ["The plan is tested each year and reviewed by the board after each incident"]),
    ("Training\nInsurance\nAudit", ["Training", "Insurance", "Audit"]),
]


@pytest.mark.parametrize(("text", "items"), CASES)
def test_a_cell_is_split_into_its_items(text: str, items: list[str]) -> None:
    assert split_items(text) == items


def test_numbers_in_words_and_figures_read_the_same_each_time() -> None:
    for _ in range(2):  # the second time from the cache of short texts
        assert as_number("Likely") is None
        assert as_number(" 4 ") == 4.0
        assert as_number("75%") == 75.0
        assert as_number(3) == 3.0 and as_number(True) is None
    long = "4" * 41  # a long text is read, not remembered
    assert as_number(long) == float(long)
