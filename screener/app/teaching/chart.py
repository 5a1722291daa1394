"""The stage-by-stage chart of the leading patterns' ordering points, and a learner's calibration
(Altair)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

import altair as alt
import pandas as pd

from screener.present import words
from screener.present.reflection_view import CalibrationView
from screener.present.stage_view import StagedCaseView


def ordering_points(view: StagedCaseView, revealed: AbstractSet[int]) -> list[dict[str, Any]]:
    """The chart's points: the `revealed` stages' only. A stage not yet committed to or skipped
    has its patterns kept out of the page, the chart's data included."""
    return [point.model_dump() for point in view.chart if point.stage in revealed]


def with_points(spec: dict[str, Any], points: list[dict[str, Any]]) -> dict[str, Any]:
    """`spec` (`ordering_spec`, left as it is) with the points inline in each of its layers.
    Given to Streamlit beside the spec, or at the spec's top level, the points become an Arrow
    table, which took a quarter of a reveal (1.6 ms of 6.5, CPU time, AppTest); inside the
    layers Streamlit leaves them in the spec's JSON."""
    return {**spec, "layer": [{**layer, "data": {"values": points}} for layer in spec["layer"]]}


def ordering_spec(view: StagedCaseView, current: int, *, large: bool) -> dict[str, Any]:
    """The chart of a case's ordering points, stage by stage (`large` for a projector), as a
    Vega-Lite spec without its points (`ordering_points`, set in by `with_points`).
    Built and validated by Altair once per case, stage and size (the caller keeps it): Altair
    takes about 13 ms to build and validate it, twice the rest of a reveal, while the points are
    all that change from one reveal to the next."""
    order = [f"{stage.index + 1}. {stage.label}" for stage in view.stages]
    # Every stage is on the axis, also one where no pattern shows yet: that is part of the story.
    x = alt.X(
        "stage_label:O",
        sort=order,
        scale=alt.Scale(domain=order),
        title="Stage",
        axis=alt.Axis(labelAngle=0, labelLimit=240),
    )
    y = alt.Y("score:Q", title="Ordering points (not a probability)")
    # Colour names the pattern and the point's shape its tier, so colour is not needed to read it.
    color = alt.Color(
        "pattern:N",
        title="Pattern",
        scale=alt.Scale(scheme="tableau10"),
        legend=alt.Legend(labelLimit=400),
    )
    lines = alt.Chart().mark_line().encode(x=x, y=y, color=color)
    points = (
        alt.Chart()
        .mark_point(filled=True, size=110)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=alt.Shape(
                "tier:N",
                title="Tier",
                scale=alt.Scale(domain=list(words.TIER_SHORT.values())),
            ),
            tooltip=[
                alt.Tooltip("stage_label:O", title="Stage"),
                alt.Tooltip("pattern:N", title="Pattern"),
                alt.Tooltip("score:Q", title="Ordering points"),
                alt.Tooltip("rank:Q", title="Place in the list"),
                alt.Tooltip("tier:N", title="Tier"),
            ],
        )
    )
    # The current stage's dashed line: drawn once per point, at one place, and hidden from
    # screen readers (the stage is named above the chart), which would read each copy.
    marker = (
        alt.Chart()
        .mark_rule(strokeDash=[4, 4], color="gray", aria=False)
        .encode(x=alt.datum(order[current], type="ordinal"))
    )
    if not large:
        chart = alt.LayerChart(layer=[lines, points, marker], height=300)
    else:
        # Vega draws its labels in pixels, so a projector's larger type needs them set here.
        chart = alt.LayerChart(
            layer=[lines, points, marker],
            height=420,
            config=alt.Config(
                axis=alt.AxisConfig(labelFontSize=20, titleFontSize=20),
                legend=alt.LegendConfig(labelFontSize=20, titleFontSize=20, symbolSize=200),
            ),
        )
    spec: dict[str, Any] = chart.to_dict()
    # Altair gives each layer made without data a placeholder dataset ("empty"): the points
    # take its place (`with_points`).
    for layer in spec["layer"]:
        layer.pop("data", None)
    spec.pop("datasets", None)
    return spec


def calibration_chart(view: CalibrationView) -> alt.Chart:
    table = pd.DataFrame([row.model_dump() for row in view.rows])
    levels = list(dict.fromkeys(row.level for row in view.rows))
    outcomes = list(dict.fromkeys(row.outcome for row in view.rows))
    chart: alt.Chart = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("level:N", sort=levels, title="How sure you were", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("count:Q", title="Stages", axis=alt.Axis(tickMinStep=1)),
            xOffset=alt.XOffset("outcome:N", sort=outcomes),
            color=alt.Color("outcome:N", title="", scale=alt.Scale(domain=outcomes)),
            tooltip=[
                alt.Tooltip("level:N", title="How sure"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("count:Q", title="Stages"),
            ],
        )
        .properties(height=220)
    )
    return chart
