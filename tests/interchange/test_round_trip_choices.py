"""Any mix of set and unset choices comes back from each export as it went out (a property test)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskdesk.core.model import RiskStatus, Score, Treatment
from riskdesk.interchange.json_export import write_json
from riskdesk.interchange.tabular_export import write_csv, write_xlsx
from riskdesk.services.importing import import_risks
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

FIELDS = ("status", "treatment", "exempt", "exempt_paragraph", "inherent", "residual", "target", "target_date",
          "appetite", "proximity")
SCORE = st.none() | st.builds(Score, st.integers(1, 5), st.integers(1, 5))
CHOICES = st.fixed_dictionaries({
    "status": st.none() | st.sampled_from(list(RiskStatus)),
    "treatment": st.none() | st.sampled_from(list(Treatment)),
    "exempt": st.booleans(),
    "exempt_paragraph": st.sampled_from(["", "1", "3", "3 and 5"]),
    "inherent": SCORE, "residual": SCORE, "target": SCORE,
    "target_date": st.none() | st.dates(min_value=__import__("datetime").date(2000, 1, 1),
                                        max_value=__import__("datetime").date(2099, 12, 31)),
    "appetite": st.sampled_from(["", "Cautious", "Open"]),
    "proximity": st.sampled_from(["", "Now", "Within a year"]),
})
WRITERS = {".xlsx": write_xlsx, ".csv": write_csv, ".json": write_json}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=CHOICES, second=CHOICES)
@pytest.mark.parametrize("suffix", list(WRITERS))
def test_choices_set_or_unset_survive_export_and_import(suffix: str, first: dict[str, object],
                                                        second: dict[str, object], tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path, prefix="case"))
    source = Workspace.create(folder / "a.sqlite")
    register, _ = source.create_register("Main")
    for reference, fields in (("A 1", first), ("A 2", second)):
        source.create_risk(register.id, reference, f"Risk {reference}", **fields)
    contents = load_contents(source)
    source.close()
    exported = folder / f"out{suffix}"
    WRITERS[suffix](contents, exported)
    target = Workspace.create(folder / "b.sqlite")
    try:
        result = import_risks(target, exported)
        assert not result.problems, result.problems
        back = {r.reference: r for r in target.store.all(RISK)}
    finally:
        target.close()
    for before in contents.risks:
        after = back[before.reference]
        assert {f: getattr(after, f) for f in FIELDS} == {f: getattr(before, f) for f in FIELDS}
