"""Any scheme: what is sound survives its JSON form and fills its grid; what is not is refused in a sentence."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from riskdesk.core.grid import build_grid
from riskdesk.core.scheme import Band, Level, ScoringScheme
from riskdesk.core.serialise import SchemeFormatError, scheme_from_dict, scheme_to_dict
from riskdesk.services.scheme_files import SchemeFileError, read_scheme_file


@st.composite
def schemes(draw: st.DrawFn) -> ScoringScheme:
    """A sound scheme of any shape, weighted or not, with 3 to 5 bands covering its scores."""
    def scale(name: str) -> tuple[Level, ...]:
        count = draw(st.integers(3, 6))
        steps = draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
        values = [sum(steps[: n + 1]) for n in range(count)]
        return tuple(Level(n + 1, f"{name} {n + 1}", value=values[n]) for n in range(count))

    likelihood, impact = scale("L"), scale("I")
    top = likelihood[-1].value * impact[-1].value
    count = draw(st.integers(3, 5))
    cuts = sorted(draw(st.lists(st.integers(2, max(top, count + 1)), min_size=count - 1, max_size=count - 1,
                                unique=True)))
    lows = [1, *cuts]
    highs = [*(c - 1 for c in cuts), max(top, lows[-1])]
    bands = tuple(Band(f"Band {n}", low, high, f"#{n * 40:02x}8000") for n, (low, high) in enumerate(zip(lows, highs,
                  strict=True)))
    overrides = {}
    if draw(st.booleans()):
        overrides[(len(likelihood), 1)] = bands[-1].name
    axis = draw(st.sampled_from(["", "likelihood", "impact"]))
    return ScoringScheme("Drawn", likelihood, impact, bands, {"Financial": tuple("x" * len(impact))},
                         overrides, axis)


@given(schemes())
def test_a_sound_scheme_survives_json_and_fills_its_grid(scheme: ScoringScheme) -> None:
    assert scheme.problems() == []
    assert scheme_from_dict(json.loads(json.dumps(scheme_to_dict(scheme)))) == scheme
    grid = build_grid(scheme, [], transposed=scheme.vertical_axis == "impact")
    assert len(grid.cells_in_order()) == len(scheme.likelihood) * len(scheme.impact)
    for cell in grid.cells_in_order():
        assert cell.score == scheme.likelihood_level(cell.likelihood).value * scheme.impact_level(cell.impact).value
        if (cell.likelihood, cell.impact) not in scheme.cell_overrides:
            assert cell.band.contains(cell.score)


JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 40) | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
KEYS = ("name", "likelihood", "impact", "bands", "criteria", "cell_overrides", "vertical_axis", "number", "label",
        "value", "low", "high", "colour", "band", "description", "probability", "frequency")


@settings(max_examples=120)
@given(st.data())
def test_any_broken_scheme_is_refused_with_a_sentence_never_a_crash(data: st.DataObject) -> None:
    from riskdesk.core.presets import preset

    document = scheme_to_dict(preset(data.draw(st.sampled_from(["5x5", "4x4-weighted", "6x5"]))))
    # Break it in a few places: a field replaced with anything, deep or shallow.
    for _ in range(data.draw(st.integers(1, 3))):
        target: object = document
        while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else list(range(len(target)))))
            child = target[key]  # type: ignore[index]
            if not isinstance(child, (dict, list)) or not child:
                break
            target = child
        if isinstance(target, dict):
            target[data.draw(st.sampled_from(KEYS))] = data.draw(JSON)
        elif isinstance(target, list) and target:
            target[data.draw(st.integers(0, len(target) - 1))] = data.draw(JSON)
    try:
        scheme = scheme_from_dict(document)
    except SchemeFormatError as error:
        assert str(error) and "\n" not in str(error)
        return
    scheme.problems()  # never raises: every problem is a sentence


def test_a_scheme_file_that_is_not_a_scheme_is_one_sentence(tmp_path: Path) -> None:
    for text, expected in (("[1, 2]", "the scheme must be a table of named fields"),
                           ('"5x5"', "the scheme must be a table of named fields"),
                           ("\ufeff{}", "the name of the scheme must be text; it is missing")):
        path = tmp_path / "odd.json"
        path.write_text(text, encoding="utf-8")
        try:
            read_scheme_file(path)
        except SchemeFileError as error:
            assert str(error) == f"odd.json: {expected}."
        else:
            raise AssertionError(f"{text!r} was accepted")
