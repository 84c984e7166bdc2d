"""Band look-ups with weighted schemes: what every table row, badge and matrix cell asks.

Ours: `ScoringScheme.band_for` for 10,000 scores (value look-up per level, any shape, cell
overrides honoured). Floor: the plain arithmetic the 5x5-only code did before schemes had
values (likelihood x impact, then the first band containing it), on the same scores.

    uv run python -m benchmarks.bench_scheme
"""

from __future__ import annotations

import random

from benchmarks.timing import median_seconds, ratio_line
from riskdesk.core.presets import preset


def measure(name: str) -> str:
    """One ratio line for a preset shape."""
    scheme = preset(name)
    rng = random.Random(7)
    cells = [(rng.randint(1, scheme.max_likelihood), rng.randint(1, scheme.max_impact)) for _ in range(10_000)]
    bands = scheme.bands
    values_l = {lv.number: lv.value for lv in scheme.likelihood}
    values_i = {lv.number: lv.value for lv in scheme.impact}

    def ours() -> None:
        for likelihood, impact in cells:
            scheme.band_for(likelihood, impact)

    def floor() -> None:
        for likelihood, impact in cells:
            score = values_l[likelihood] * values_i[impact]
            for band in bands:
                if band.low <= score <= band.high:
                    break

    best_ours = min(median_seconds(ours) for _ in range(3))
    best_floor = min(median_seconds(floor) for _ in range(3))
    return ratio_line(f"{name}: band of 10,000 scores", best_ours, best_floor, 2.0)


def main() -> None:
    """Print one ratio line per preset shape."""
    for name in ("5x5", "4x4-weighted", "6x6"):
        print(measure(name))


if __name__ == "__main__":
    main()
